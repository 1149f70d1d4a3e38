import RelanceScoring

/// The totals of a risk list for one currency: what is open, what is already overdue, and the
/// expected late amount (the sum of priorities), with the number of invoices per tier.
///
/// Amounts in different currencies are never summed; a list in EUR and GBP has two totals.
public struct CurrencyTotal: Sendable, Equatable, Codable {
    public var currency: String
    public var invoiceCount: Int
    /// Sum of the amounts of every open invoice.
    public var openAmount: Double
    /// Sum of the amounts of invoices past their due date (days overdue > 0).
    public var overdueAmount: Double
    /// Sum of ``ScoredInvoice/priority`` (expected late amount).
    public var expectedLateAmount: Double
    public var criticalCount: Int
    public var highCount: Int
    public var mediumCount: Int
    public var lowCount: Int

    public init(currency: String) {
        self.currency = currency
        invoiceCount = 0
        openAmount = 0
        overdueAmount = 0
        expectedLateAmount = 0
        criticalCount = 0
        highCount = 0
        mediumCount = 0
        lowCount = 0
    }

    /// Adds one invoice to the total (the invoice must be in ``currency``).
    public mutating func add(_ invoice: ScoredInvoice) {
        add(amount: invoice.amount, daysOverdue: invoice.daysOverdue, priority: invoice.priority, tier: invoice.riskTier)
    }

    /// ``add(_:)`` from the fields it reads (no copy of the row).
    mutating func add(amount: Double, daysOverdue: Int, priority: Double, tier: RiskTier) {
        invoiceCount += 1
        openAmount += amount
        if daysOverdue > 0 { overdueAmount += amount }
        expectedLateAmount += priority
        switch tier {
        case .critical: criticalCount += 1
        case .high: highCount += 1
        case .medium: mediumCount += 1
        case .low: lowCount += 1
        }
    }

    /// One total per currency, sorted by currency code.
    public static func totals(of invoices: [ScoredInvoice]) -> [CurrencyTotal] {
        var totals: [CurrencyTotal] = []
        var slot: [String: Int] = [:]
        // Rows read in place: iterating the array would copy each row (seven reference counts).
        // Consecutive rows mostly share a currency: it is compared with the previous row's before
        // any hashing. Each currency's sums still add its rows in list order.
        var last = "", lastSlot = -1
        invoices.withUnsafeBufferPointer { rows in
            for i in rows.indices {
                let currency = rows[i].currency
                if lastSlot < 0 || currency != last {
                    if let known = slot[currency] {
                        lastSlot = known
                    } else {
                        lastSlot = totals.count
                        slot[currency] = lastSlot
                        totals.append(CurrencyTotal(currency: currency))
                    }
                    last = currency
                }
                totals[lastSlot].add(amount: rows[i].amount, daysOverdue: rows[i].daysOverdue, priority: rows[i].priority,
                                     tier: rows[i].riskTier)
            }
        }
        return totals.sorted { $0.currency < $1.currency }
    }
}
