import RelanceData

/// One planned contact as the ledger stores it: what was decided for a customer on a day, with the
/// template and message that carried it, and the run that planned it.
public struct LedgerEntry: Sendable, Equatable {
    public var day: Day
    public var customerId: String
    public var action: OutreachAction
    public var tone: Tone?
    public var channel: OutreachChannel
    public var language: String
    public var template: String
    public var invoiceIds: [String]
    public var reason: DecisionReason
    /// Message-ID of the `.eml` (empty for calls).
    public var messageId: String
    public var runId: String

    public init(day: Day, customerId: String, action: OutreachAction, tone: Tone?, channel: OutreachChannel, language: String,
                template: String, invoiceIds: [String], reason: DecisionReason, messageId: String, runId: String) {
        self.day = day
        self.customerId = customerId
        self.action = action
        self.tone = tone
        self.channel = channel
        self.language = language
        self.template = template
        self.invoiceIds = invoiceIds
        self.reason = reason
        self.messageId = messageId
        self.runId = runId
    }

    public var contactRecord: ContactRecord {
        ContactRecord(day: day, customerId: customerId, action: action, tone: tone, invoiceIds: invoiceIds)
    }
}
