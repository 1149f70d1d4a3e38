/// One row of `calls.csv`: who a person should call, why, what was already sent and what to offer.
///
/// This file is for the collections team, so it carries the customer's contact details (it is an
/// output, never a log).
public struct CallRow: Sendable, Equatable {
    public var date: String
    public var customerId: String
    public var customerName: String
    public var contactName: String
    public var phone: String
    public var email: String
    public var language: String
    public var reason: DecisionReason
    public var segment: CustomerSegment
    public var openInvoices: [String]
    public var openTotal: String
    public var maxDaysOverdue: Int
    /// Earlier contacts, newest first: `2026-03-01 overdue_reminder/clear`, plus opened/bounced signals.
    public var alreadySent: String
    /// What to offer: a proposed instalment plan, or the payment options.
    public var offer: String

    public static let header = ["date", "customer_id", "customer_name", "contact_name", "phone", "email", "language", "reason",
                                "reason_text", "segment", "open_invoices", "open_total", "max_days_overdue", "already_sent", "offer"]

    public var fields: [String] {
        [date, customerId, customerName, contactName, phone, email, language, reason.rawValue, reason.text, segment.rawValue,
         openInvoices.joined(separator: ";"), openTotal, String(maxDaysOverdue), alreadySent, offer]
    }
}
