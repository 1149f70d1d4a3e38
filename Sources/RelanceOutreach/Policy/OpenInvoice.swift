import RelanceData

/// An invoice still open on the planning day, with what scoring said about it.
public struct OpenInvoice: Sendable, Equatable {
    public var invoiceId: String
    public var amount: Double
    public var currency: String
    public var issueDate: Day
    public var dueDate: Day
    /// Days past due on the planning day (negative: days until due).
    public var daysOverdue: Int
    public var pLate: Double
    public var anomalyFlags: [String]
    /// Expected late amount (risk list priority).
    public var priority: Double
    /// Only the reasons that may be shown to the customer (``Reason/shareableWithCustomer``).
    public var shareableReasons: [Reason]
    public var disputed: Bool

    public init(invoiceId: String, amount: Double, currency: String, issueDate: Day, dueDate: Day, daysOverdue: Int,
                pLate: Double = 0, anomalyFlags: [String] = [], priority: Double = 0, shareableReasons: [Reason] = [], disputed: Bool = false) {
        self.invoiceId = invoiceId
        self.amount = amount
        self.currency = currency
        self.issueDate = issueDate
        self.dueDate = dueDate
        self.daysOverdue = daysOverdue
        self.pLate = pLate
        self.anomalyFlags = anomalyFlags
        self.priority = priority
        self.shareableReasons = shareableReasons
        self.disputed = disputed
    }
}
