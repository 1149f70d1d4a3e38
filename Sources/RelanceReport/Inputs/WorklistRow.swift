import RelanceData
import RelanceScoring

/// One row of the day's collections worklist: an open invoice, why it is at risk, what Relance
/// plans to do about it today, and what the customer was already sent.
///
/// Field names follow ``ScoredInvoice`` so that the lead fills it from the risk list and the
/// outreach plan; texts (reasons, planned action, history) arrive already written in the report's
/// language and are escaped by the report.
public struct WorklistRow: Sendable, Codable, Equatable {
    public var invoiceId: String
    public var customerId: String
    public var customerName: String
    public var amount: Double
    public var currency: String
    public var dueDate: Day
    /// Days past due at the as-of day (negative: days until due).
    public var daysOverdue: Int
    public var pLate: Double
    public var riskTier: RiskTier
    /// Expected late amount used to rank the list.
    public var priority: Double
    /// Plain-language reasons, most important first.
    public var reasons: [String]
    /// Anomaly and data-quality flags, as text.
    public var flags: [String]
    /// Today's planned action ("Friendly reminder by email", "Call — hand over to a person", "Hold: dispute open").
    public var plannedAction: String
    /// What was already sent or done, most recent first ("12/11 friendly reminder (opened)").
    public var alreadySent: [String]

    public init(invoiceId: String, customerId: String, customerName: String, amount: Double, currency: String,
                dueDate: Day, daysOverdue: Int, pLate: Double, riskTier: RiskTier, priority: Double,
                reasons: [String], flags: [String], plannedAction: String, alreadySent: [String]) {
        self.invoiceId = invoiceId
        self.customerId = customerId
        self.customerName = customerName
        self.amount = amount
        self.currency = currency
        self.dueDate = dueDate
        self.daysOverdue = daysOverdue
        self.pLate = pLate
        self.riskTier = riskTier
        self.priority = priority
        self.reasons = reasons
        self.flags = flags
        self.plannedAction = plannedAction
        self.alreadySent = alreadySent
    }
}
