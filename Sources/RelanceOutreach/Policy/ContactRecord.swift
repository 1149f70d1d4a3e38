import RelanceData

/// One past contact with a customer, as the policy sees it: from the ledger (planned by Relance)
/// or from `events.csv` (`reminder_sent`, `call` recorded by the user's own tools).
public struct ContactRecord: Sendable, Equatable, Codable {
    public var day: Day
    public var customerId: String
    public var action: OutreachAction
    /// Nil for contacts without a tone (thank-you, calls, reminders imported from events).
    public var tone: Tone?
    public var invoiceIds: [String]

    public init(day: Day, customerId: String, action: OutreachAction, tone: Tone? = nil, invoiceIds: [String] = []) {
        self.day = day
        self.customerId = customerId
        self.action = action
        self.tone = tone
        self.invoiceIds = invoiceIds
    }
}
