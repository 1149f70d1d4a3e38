import RelanceData

/// One row of `plan.csv`: a decision with how it is carried out (language, template, message).
public struct PlanRow: Sendable, Equatable {
    public var decision: Decision
    /// Template language for messages (empty otherwise).
    public var language: String
    /// Template name for messages (empty otherwise).
    public var template: String
    /// Message-ID for messages (empty otherwise).
    public var messageId: String

    public static let header = ["customer_id", "action", "channel", "language", "tone", "invoice_ids", "reason",
                                "reason_text", "segment", "date", "template", "message_id"]

    public var fields: [String] {
        let d = decision
        return [d.customerId, d.action.rawValue, d.channel.rawValue, language, d.tone?.rawValue ?? "",
                d.invoiceIds.joined(separator: ";"), d.reason.rawValue, d.reason.text, d.segment.rawValue, d.day.iso, template, messageId]
    }
}
