import RelanceScoring

/// One open invoice as the portfolio section sees it (filled from the day's risk list).
public struct PortfolioInvoice: Sendable, Codable, Equatable {
    public var invoiceId: String
    public var customerId: String
    /// Display name; the customer id is shown when empty.
    public var customerName: String
    /// Amount still owed, in the portfolio currency.
    public var amount: Double
    /// Days past due at the as-of day; zero or negative = not yet due ("current").
    public var daysOverdue: Int
    /// Customer segment label; nil or empty = not segmented.
    public var segment: String?
    public var tier: RiskTier
    /// Amount × probability of late payment (the risk list's priority).
    public var expectedLateAmount: Double

    public init(invoiceId: String, customerId: String, customerName: String, amount: Double, daysOverdue: Int,
                segment: String?, tier: RiskTier, expectedLateAmount: Double) {
        self.invoiceId = invoiceId
        self.customerId = customerId
        self.customerName = customerName
        self.amount = amount
        self.daysOverdue = daysOverdue
        self.segment = segment
        self.tier = tier
        self.expectedLateAmount = expectedLateAmount
    }
}
