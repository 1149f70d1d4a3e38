/// How a decision reaches the customer. Only email messages are rendered; everything else is a call.
public enum OutreachChannel: String, Sendable, Codable, CaseIterable {
    case email
    case phone
    /// No contact (hold, none).
    case none = ""
}
