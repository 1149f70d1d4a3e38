/// What was known about one customer's payments at the start of a day, for outreach and reports.
///
/// Produced by ``PointInTimeFeatureBuilder/customerHistories(asOf:)`` from the same replay as the
/// features, so "3 invoices overdue, usually pays 4 days late" in a message agrees with the
/// features the model saw. Amounts are summed across currencies as stored.
public struct CustomerHistory: Sendable, Equatable {
    /// The interned customer code (index into ``Dataset/customerIds``).
    public var customer: Int32
    /// Invoices issued before the day.
    public var invoicesIssued: Int
    /// Invoices paid before the day, and how many of them were late (after due + grace).
    public var settledCount: Int
    public var lateCount: Int
    /// `lateCount / settledCount`, nil without settled invoices.
    public var lateShare: Double?
    /// Mean and median days between due date and payment (negative = early), nil without history.
    public var meanDaysLate: Double?
    public var medianDaysLate: Double?
    /// Invoices unpaid at the start of the day, and those of them already past due.
    public var openCount: Int
    public var openAmount: Double
    public var overdueCount: Int
    public var overdueAmount: Double
    public var firstInvoiceDay: Day?
    public var lastPaymentDay: Day?
    public var disputesOpened: Int
    public var brokenPromises: Int
    public var remindersBounced: Int
    public var hardshipReported: Bool
}

extension PointInTimeFeatureBuilder {
    /// Every customer's history as known at the start of `day`, indexed by customer code.
    public func customerHistories(asOf day: Day) -> [CustomerHistory] {
        var replay = CustomerReplay(history: history, options: options)
        return (0..<history.customerCount).map { c in
            replay.start(customer: c)
            replay.advance(through: day.raw)
            let acc = replay.totals
            let n = Int(acc.settledCount)
            return CustomerHistory(
                customer: Int32(c),
                invoicesIssued: Int(acc.issuedCount),
                settledCount: n,
                lateCount: Int(acc.lateCount),
                lateShare: n > 0 ? Double(acc.lateCount) / Double(n) : nil,
                meanDaysLate: n > 0 ? Double(acc.daysLateSum) / Double(n) : nil,
                medianDaysLate: replay.daysLate.median,
                openCount: Int(acc.openCount),
                openAmount: acc.openAmount,
                overdueCount: Int(acc.overdueCount),
                overdueAmount: acc.overdueAmount,
                firstInvoiceDay: acc.firstIssue == Int32.max ? nil : Day(raw: acc.firstIssue),
                lastPaymentDay: acc.lastPaid == PreparedHistory.none ? nil : Day(raw: acc.lastPaid),
                disputesOpened: Int(acc.disputesOpened),
                brokenPromises: Int(acc.brokenPromises),
                remindersBounced: Int(acc.remindersBounced),
                hardshipReported: acc.hardshipReports > 0)
        }
    }
}
