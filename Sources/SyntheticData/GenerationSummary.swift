/// Counts describing a generated history, for the command's one-line report and for tests.
public struct GenerationSummary: Sendable, Equatable, CustomStringConvertible {
    public var customers: Int
    public var invoices: Int
    public var events: Int
    /// Invoices listed in `truth/anomalies.csv`.
    public var anomalies: Int
    /// Invoices paid on or before the as-of day.
    public var paidInvoices: Int
    /// Paid invoices paid after their due date.
    public var paidLate: Int
    /// Invoices still open at the as-of day.
    public var openInvoices: Int
    /// Open invoices whose due date is before the as-of day.
    public var openOverdue: Int
    /// Invoices flagged `disputed` at export.
    public var disputedAtExport: Int
    /// Bytes written to `invoices.csv`.
    public var invoiceFileBytes: Int

    /// Share of paid invoices that were paid late.
    public var lateShare: Double { paidInvoices == 0 ? 0 : Double(paidLate) / Double(paidInvoices) }

    public var description: String {
        let late = (lateShare * 1000).rounded() / 10
        return "\(customers) customers, \(invoices) invoices (\(openInvoices) open, \(openOverdue) overdue, "
            + "\(disputedAtExport) disputed), \(events) events, \(anomalies) anomalies, \(late)% of paid invoices late"
    }
}
