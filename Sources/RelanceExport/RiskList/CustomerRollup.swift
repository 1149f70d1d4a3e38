import RelanceScoring

/// One customer's open invoices on the risk list, summed: the line a collections lead reads to
/// decide whom to call first.
///
/// A customer invoiced in two currencies gets one roll-up per currency (amounts are never converted
/// here). Roll-ups sort by expected late amount, highest first, so the first line is where the most
/// cash is at risk, not merely the largest balance.
public struct CustomerRollup: Sendable, Equatable, Codable {
    public var customerId: String
    public var customerName: String
    public var currency: String
    /// Sum of the open amounts.
    public var openAmount: Double
    /// Sum of the amounts already past due (days overdue > 0).
    public var overdueAmount: Double
    /// Sum of the invoices' priorities (expected late amount).
    public var expectedLateAmount: Double
    /// The most severe tier among the customer's invoices.
    public var worstTier: RiskTier
    public var invoiceCount: Int
    /// The largest days overdue among the customer's invoices (negative when none is due yet).
    public var oldestDaysOverdue: Int

    public init(
        customerId: String, customerName: String, currency: String, openAmount: Double,
        overdueAmount: Double, expectedLateAmount: Double, worstTier: RiskTier, invoiceCount: Int,
        oldestDaysOverdue: Int
    ) {
        self.customerId = customerId
        self.customerName = customerName
        self.currency = currency
        self.openAmount = openAmount
        self.overdueAmount = overdueAmount
        self.expectedLateAmount = expectedLateAmount
        self.worstTier = worstTier
        self.invoiceCount = invoiceCount
        self.oldestDaysOverdue = oldestDaysOverdue
    }

    /// Rolls invoices up per (customer, currency), sorted by expected late amount descending; ties
    /// are broken by overdue amount, then customer id and currency, so the order is reproducible.
    public static func rollup(_ invoices: [ScoredInvoice]) -> [CustomerRollup] {
        struct Key: Hashable { var customerId: String; var currency: String }
        var index: [Key: Int] = [:]
        var rows: [CustomerRollup] = []
        for inv in invoices {
            let key = Key(customerId: inv.customerId, currency: inv.currency)
            let overdue = inv.daysOverdue > 0 ? inv.amount : 0
            if let i = index[key] {
                rows[i].openAmount += inv.amount
                rows[i].overdueAmount += overdue
                rows[i].expectedLateAmount += inv.priority
                rows[i].worstTier = max(rows[i].worstTier, inv.riskTier)
                rows[i].invoiceCount += 1
                rows[i].oldestDaysOverdue = max(rows[i].oldestDaysOverdue, inv.daysOverdue)
            } else {
                index[key] = rows.count
                rows.append(CustomerRollup(
                    customerId: inv.customerId, customerName: inv.customerName, currency: inv.currency,
                    openAmount: inv.amount, overdueAmount: overdue, expectedLateAmount: inv.priority,
                    worstTier: inv.riskTier, invoiceCount: 1, oldestDaysOverdue: inv.daysOverdue))
            }
        }
        // NaN (a model that could not score) ranks last instead of breaking the ordering.
        func rank(_ x: Double) -> Double { x.isNaN ? -.infinity : x }
        return rows.sorted { a, b in
            let (ea, eb) = (rank(a.expectedLateAmount), rank(b.expectedLateAmount))
            if ea != eb { return ea > eb }
            let (oa, ob) = (rank(a.overdueAmount), rank(b.overdueAmount))
            if oa != ob { return oa > ob }
            if a.customerId != b.customerId { return a.customerId < b.customerId }
            return a.currency < b.currency
        }
    }
}
