import RelanceData

/// The open receivables as of a day, plus recent credit sales: what the portfolio section needs
/// to compute aging, expected late amounts and DSO (see ``PortfolioFigures``).
public struct PortfolioInput: Sendable, Codable, Equatable {
    public var asOf: Day
    /// ISO 4217 code of every amount (the report does not convert currencies).
    public var currency: String
    public var invoices: [PortfolioInvoice]
    /// Total amount invoiced (credit sales) with issue day in `(asOf − salesWindowDays, asOf]`.
    /// Compute it with ``creditSales(issueDays:amounts:asOf:windowDays:)``.
    public var creditSalesInWindow: Double
    /// Length of the DSO window in days (90 by default: a quarter smooths month-end spikes).
    public var salesWindowDays: Int

    public init(asOf: Day, currency: String, invoices: [PortfolioInvoice], creditSalesInWindow: Double,
                salesWindowDays: Int = 90) {
        self.asOf = asOf
        self.currency = currency
        self.invoices = invoices
        self.creditSalesInWindow = creditSalesInWindow
        self.salesWindowDays = salesWindowDays
    }

    /// Sum of `amounts[i]` whose `issueDays[i]` lies in `(asOf − windowDays, asOf]`: the credit
    /// sales of the last `windowDays` days including the as-of day. Columnar on purpose: pass the
    /// invoice table's issue-day and amount columns. Missing days are skipped; extra elements of the
    /// longer array are ignored.
    public static func creditSales(issueDays: [Day], amounts: [Double], asOf: Day, windowDays: Int = 90) -> Double {
        let first = Int(asOf.raw) - windowDays + 1, last = Int(asOf.raw)
        var total = 0.0
        for i in 0..<min(issueDays.count, amounts.count) {
            let d = issueDays[i]
            guard !d.isMissing, Int(d.raw) >= first, Int(d.raw) <= last, amounts[i].isFinite else { continue }
            total += amounts[i]
        }
        return total
    }
}
