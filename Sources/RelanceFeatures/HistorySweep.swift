import Foundation

/// Per-customer running totals of a history, replayed day by day in the order things became known.
///
/// After ``advance(through:)`` with day `A`, every accumulator describes exactly what was known at
/// the start of day `A`: invoices issued before `A`, payments settled before `A`, events dated
/// before `A`, promises whose deadline passed before `A`. State lives in flat arrays indexed by
/// customer code; the hot loop does no dictionary look-up and no per-row allocation (only the
/// median heaps grow, amortised).
struct HistorySweep {
    let history: PreparedHistory
    private let decayPerDay: Double
    private var cursor = 0

    /// Last day passed to ``advance(through:)``.
    private(set) var currentDay = Int32.min

    // Issued invoices (all, paid or not).
    var issuedCount: [Int32]
    var issuedAmount: [Double]
    /// First issue day, `Int32.max` when none.
    var firstIssue: [Int32]

    // Open and overdue at the current day.
    var openCount: [Int32]
    var openAmount: [Double]
    var overdueCount: [Int32]
    var overdueAmount: [Double]

    // Settled invoices.
    var settledCount: [Int32]
    var lateCount: [Int32]
    var daysLateSum: [Int64]
    var daysLateMax: [Int32]
    /// Latest paid day, `PreparedHistory.none` when none.
    var lastPaid: [Int32]
    /// Exponentially weighted sums of days late and of weights, both scaled to `recencyDay`.
    var recencySum: [Double]
    var recencyWeight: [Double]
    var recencyDay: [Int32]
    /// Bit 0 = most recent settlement was late, bit k = the (k+1)-th most recent; 5 bits kept.
    var recentLateMask: [UInt8]
    var medians: [RunningMedian]

    // Events.
    var disputesOpened: [Int32]
    var remindersBounced: [Int32]
    var hardshipReports: [Int32]
    var brokenPromises: [Int32]

    // Population.
    var populationSettled = 0
    var populationLate = 0

    static let trendWindow = 5

    init(history: PreparedHistory, options: FeatureOptions) {
        self.history = history
        decayPerDay = 1 / options.recencyHalfLifeDays
        let c = history.customerCount
        issuedCount = [Int32](repeating: 0, count: c)
        issuedAmount = [Double](repeating: 0, count: c)
        firstIssue = [Int32](repeating: Int32.max, count: c)
        openCount = [Int32](repeating: 0, count: c)
        openAmount = [Double](repeating: 0, count: c)
        overdueCount = [Int32](repeating: 0, count: c)
        overdueAmount = [Double](repeating: 0, count: c)
        settledCount = [Int32](repeating: 0, count: c)
        lateCount = [Int32](repeating: 0, count: c)
        daysLateSum = [Int64](repeating: 0, count: c)
        daysLateMax = [Int32](repeating: Int32.min, count: c)
        lastPaid = [Int32](repeating: PreparedHistory.none, count: c)
        recencySum = [Double](repeating: 0, count: c)
        recencyWeight = [Double](repeating: 0, count: c)
        recencyDay = [Int32](repeating: 0, count: c)
        recentLateMask = [UInt8](repeating: 0, count: c)
        medians = [RunningMedian](repeating: RunningMedian(), count: c)
        disputesOpened = [Int32](repeating: 0, count: c)
        remindersBounced = [Int32](repeating: 0, count: c)
        hardshipReports = [Int32](repeating: 0, count: c)
        brokenPromises = [Int32](repeating: 0, count: c)
    }

    /// Applies everything known by the start of `day` (timeline keys `<= day`). Days must not go back.
    mutating func advance(through day: Int32) {
        precondition(day >= currentDay, "the sweep only moves forward in time")
        currentDay = day
        let days = history.timeline.days
        let payloads = history.timeline.payloads
        while cursor < days.count && days[cursor] <= day {
            let p = payloads[cursor]
            let i = DayTimeline.index(of: p)
            switch DayTimeline.kind(of: p) {
            case DayTimeline.Kind.issued.rawValue: applyIssue(i)
            case DayTimeline.Kind.becameOverdue.rawValue: applyOverdue(i)
            case DayTimeline.Kind.paid.rawValue: applyPayment(i)
            case DayTimeline.Kind.event.rawValue: applyEvent(i)
            default: applyPromiseDeadline(i)
            }
            cursor += 1
        }
    }

    private mutating func applyIssue(_ i: Int) {
        let c = Int(history.customer[i])
        let a = history.amount[i]
        issuedCount[c] += 1
        issuedAmount[c] += a
        if history.issue[i] < firstIssue[c] { firstIssue[c] = history.issue[i] }
        openCount[c] += 1
        openAmount[c] += a
    }

    private mutating func applyOverdue(_ i: Int) {
        let c = Int(history.customer[i])
        overdueCount[c] += 1
        overdueAmount[c] += history.amount[i]
    }

    private mutating func applyPayment(_ i: Int) {
        let c = Int(history.customer[i])
        let a = history.amount[i]
        let paidDay = history.paid[i]
        // Leave open (and overdue, if it had fallen overdue: see the timeline's overdue rule).
        openCount[c] -= 1
        openAmount[c] = openCount[c] == 0 ? 0 : openAmount[c] - a
        if paidDay > history.due[i] {
            overdueCount[c] -= 1
            overdueAmount[c] = overdueCount[c] == 0 ? 0 : overdueAmount[c] - a
        }
        // Settled history.
        let late = history.isLate(paidDay: paidDay, row: i)
        let daysLate = Int64(paidDay) - Int64(history.due[i])
        settledCount[c] += 1
        if late { lateCount[c] += 1 }
        daysLateSum[c] += daysLate
        if Int32(daysLate) > daysLateMax[c] { daysLateMax[c] = Int32(daysLate) }
        if paidDay > lastPaid[c] { lastPaid[c] = paidDay }
        if settledCount[c] == 1 {
            recencySum[c] = Double(daysLate)
            recencyWeight[c] = 1
        } else {
            let decay = exp2(-Double(Int64(paidDay) - Int64(recencyDay[c])) * decayPerDay)
            recencySum[c] = recencySum[c] * decay + Double(daysLate)
            recencyWeight[c] = recencyWeight[c] * decay + 1
        }
        recencyDay[c] = paidDay
        recentLateMask[c] = ((recentLateMask[c] << 1) | (late ? 1 : 0)) & 0x1F
        medians[c].insert(daysLate)
        populationSettled += 1
        if late { populationLate += 1 }
    }

    private mutating func applyEvent(_ e: Int) {
        let c = Int(history.eventCustomer[e])
        switch history.eventKind[e] {
        case .disputeOpened: disputesOpened[c] += 1
        case .reminderBounced: remindersBounced[c] += 1
        case .hardshipReported: hardshipReports[c] += 1
        default: break
        }
    }

    /// The day after a promise's deadline: kept if the promised invoice was paid by the deadline,
    /// or, for a promise naming no invoice, if the customer paid anything between promise and
    /// deadline (payments up to the deadline are already applied: they sort before this entry).
    private mutating func applyPromiseDeadline(_ e: Int) {
        let c = Int(history.eventCustomer[e])
        let deadline = history.promiseDeadline[e]
        let r = history.eventInvoice[e]
        let kept: Bool
        if r >= 0 {
            let p = history.paid[Int(r)]
            kept = p != PreparedHistory.none && p <= deadline
        } else {
            kept = lastPaid[c] != PreparedHistory.none && lastPaid[c] >= history.eventDate[e]
        }
        if !kept { brokenPromises[c] += 1 }
    }

    /// Late share of the customer's last (up to 5) settlements; 0 without history.
    func recentLateShare(_ c: Int) -> Double {
        let n = min(Int(settledCount[c]), Self.trendWindow)
        guard n > 0 else { return 0 }
        return Double(recentLateMask[c].nonzeroBitCount) / Double(n)
    }

    /// The late share of everything settled so far, or `fallback` before the first settlement.
    func populationLateShare(fallback: Double) -> Double {
        populationSettled > 0 ? Double(populationLate) / Double(populationSettled) : fallback
    }
}
