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
        invoiceCount += 1
        openAmount += invoice.amount
        if invoice.daysOverdue > 0 { overdueAmount += invoice.amount }
        expectedLateAmount += invoice.priority
        switch invoice.riskTier {
        case .critical: criticalCount += 1
        case .high: highCount += 1
        case .medium: mediumCount += 1
        case .low: lowCount += 1
        }
    }

    /// One total per currency, sorted by currency code.
    public static func totals(of invoices: [ScoredInvoice]) -> [CurrencyTotal] {
        var byCurrency: [String: CurrencyTotal] = [:]
        for invoice in invoices {
            byCurrency[invoice.currency, default: CurrencyTotal(currency: invoice.currency)].add(invoice)
        }
        return byCurrency.values.sorted { $0.currency < $1.currency }
    }
}
