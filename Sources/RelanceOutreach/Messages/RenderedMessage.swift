/// One customer's message for the day, rendered and wrapped as MIME.
public struct RenderedMessage: Sendable, Equatable {
    public var customerId: String
    public var language: String
    /// Template name (`overdue_reminder_clear`), recorded in the ledger.
    public var template: String
    public var subject: String
    public var text: String
    public var html: String
    public var mime: MIMEMessage
    /// Outbox file name, stable per plan row.
    public var fileName: String
}
