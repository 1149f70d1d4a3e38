import RelanceData

/// One open invoice as scored on a day: the row of the risk list, as data.
///
/// This is the contract between scoring and everything downstream (exports, outreach planner,
/// report). Amounts are in the invoice currency; dates are ``Day``s.
public struct ScoredInvoice: Sendable, Codable, Equatable {
    public var invoiceId: String
    public var customerId: String
    public var customerName: String
    public var amount: Double
    public var currency: String
    public var issueDate: Day
    public var dueDate: Day
    /// Days past due at the as-of day (negative: days until due).
    public var daysOverdue: Int
    /// Probability of being paid late (for invoices not yet due), or of a severe delay for overdue ones.
    public var pLate: Double
    public var anomalyScore: Double
    /// Machine-readable anomaly flags (`duplicate_of:INV-123`, `amount_12x_usual`).
    public var anomalyFlags: [String]
    public var riskTier: RiskTier
    /// Expected late amount used to rank the work list.
    public var priority: Double
    /// Top drivers, most important first.
    public var reasons: [Reason]

    public init(
        invoiceId: String, customerId: String, customerName: String, amount: Double, currency: String,
        issueDate: Day, dueDate: Day, daysOverdue: Int, pLate: Double, anomalyScore: Double,
        anomalyFlags: [String], riskTier: RiskTier, priority: Double, reasons: [Reason]
    ) {
        self.invoiceId = invoiceId
        self.customerId = customerId
        self.customerName = customerName
        self.amount = amount
        self.currency = currency
        self.issueDate = issueDate
        self.dueDate = dueDate
        self.daysOverdue = daysOverdue
        self.pLate = pLate
        self.anomalyScore = anomalyScore
        self.anomalyFlags = anomalyFlags
        self.riskTier = riskTier
        self.priority = priority
        self.reasons = reasons
    }
}
