import Foundation

/// One customer's running totals during a history replay, kept together so that each fact
/// touches one or two cache lines instead of a dozen separate columns. Plain values only (the
/// median heaps live beside it), so reading one never touches a reference count.
struct CustomerAccumulator: Sendable {
    static let noDay = Int32.min
    static let trendWindow = 5

    // Issued invoices (paid or not).
    var issuedCount: Int32 = 0
    /// First issue day, `Int32.max` when none.
    var firstIssue: Int32 = .max
    var issuedAmount: Double = 0

    // Open and overdue now.
    var openCount: Int32 = 0
    var overdueCount: Int32 = 0
    var openAmount: Double = 0
    var overdueAmount: Double = 0

    // Settled invoices.
    var settledCount: Int32 = 0
    var lateCount: Int32 = 0
    var daysLateMax: Int32 = .min
    /// Latest paid day, ``noDay`` when none.
    var lastPaid: Int32 = noDay
    var daysLateSum: Int64 = 0
    /// Exponentially weighted sums of days late and of weights, both scaled to `recencyDay`.
    var recencySum: Double = 0
    var recencyWeight: Double = 0
    var recencyDay: Int32 = 0
    /// Bit 0 = the most recent settlement was late, bit k = the (k+1)-th most recent; 5 bits kept.
    var recentLateMask: UInt8 = 0

    // Events.
    var disputesOpened: Int32 = 0
    var remindersBounced: Int32 = 0
    var hardshipReports: Int32 = 0
    var brokenPromises: Int32 = 0

    mutating func recordIssue(day: Int32, amount: Double) {
        issuedCount += 1
        issuedAmount += amount
        if day < firstIssue { firstIssue = day }
        openCount += 1
        openAmount += amount
    }

    mutating func recordOverdue(amount: Double) {
        overdueCount += 1
        overdueAmount += amount
    }

    /// A settlement: leaves the open (and, if it had fallen overdue, the overdue) totals and joins
    /// the settled history. Totals are reset to exactly 0 when their count reaches 0 so that
    /// floating-point residue never shows up as a phantom open amount.
    mutating func recordPayment(
        paidDay: Int32, daysLate: Int64, late: Bool, wasOverdue: Bool, amount: Double, decayPerDay: Double
    ) {
        openCount -= 1
        openAmount = openCount == 0 ? 0 : openAmount - amount
        if wasOverdue {
            overdueCount -= 1
            overdueAmount = overdueCount == 0 ? 0 : overdueAmount - amount
        }
        settledCount += 1
        if late { lateCount += 1 }
        daysLateSum += daysLate
        if Int32(daysLate) > daysLateMax { daysLateMax = Int32(daysLate) }
        if paidDay > lastPaid { lastPaid = paidDay }
        if settledCount == 1 {
            recencySum = Double(daysLate)
            recencyWeight = 1
        } else {
            let decay = exp2(-Double(Int64(paidDay) - Int64(recencyDay)) * decayPerDay)
            recencySum = recencySum * decay + Double(daysLate)
            recencyWeight = recencyWeight * decay + 1
        }
        recencyDay = paidDay
        recentLateMask = ((recentLateMask << 1) | (late ? 1 : 0)) & 0x1F
    }

    /// Late share of the last (up to 5) settlements; 0 without history.
    var recentLateShare: Double {
        let n = min(Int(settledCount), Self.trendWindow)
        guard n > 0 else { return 0 }
        return Double(recentLateMask.nonzeroBitCount) / Double(n)
    }
}
