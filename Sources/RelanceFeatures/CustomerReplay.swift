/// Replays one customer's segment of the timeline, day by day, into a ``CustomerAccumulator``.
///
/// After ``advance(through:)`` with day `A`, the accumulator describes exactly what was known about
/// the customer at the start of day `A`: invoices issued before `A`, payments settled before `A`,
/// events dated before `A`, promises whose deadline passed before `A`. One replay value is reused
/// for every customer (``start(customer:)`` resets it, keeping the median heaps' capacity), so the
/// hot loop allocates nothing after warm-up.
struct CustomerReplay {
    let history: PreparedHistory
    /// The timeline's entries, held directly so the hot loop does not go through the class.
    private let entries: [CustomerTimeline.Entry]
    private let facts: [InvoiceFacts]
    private let promiseDay: [Int32]
    private let promiseKept: [Int32]
    private let graceDays: Int32
    private let decayPerDay: Double
    private var cursor = 0
    private var end = 0
    private(set) var customer = -1
    private(set) var currentDay = Int32.min

    private(set) var totals = CustomerAccumulator()
    /// Days late of the customer's settled invoices, for the exact median.
    private(set) var daysLate = RunningMedian()

    init(history: PreparedHistory, options: FeatureOptions) {
        self.history = history
        entries = history.timeline.entries
        facts = history.facts
        promiseDay = history.promiseDay
        promiseKept = history.promiseKept
        graceDays = history.graceDays
        decayPerDay = 1 / options.recencyHalfLifeDays
    }

    /// Starts over with customer `c` and nothing known.
    mutating func start(customer c: Int) {
        customer = c
        cursor = history.timeline.segmentStart[c]
        end = history.timeline.segmentStart[c + 1]
        currentDay = Int32.min
        totals = CustomerAccumulator()
        daysLate.removeAll()
    }

    /// Applies the customer's facts known by the start of `day` (keys `<= day`). Days only move forward.
    mutating func advance(through day: Int32) {
        precondition(day >= currentDay, "a replay only moves forward in time")
        currentDay = day
        let grace = Int64(graceDays)
        entries.withUnsafeBufferPointer { entries in
            facts.withUnsafeBufferPointer { facts in
                while cursor < end && entries[cursor].key <= day {
                    let e = entries[cursor]
                    switch e.kind {
                    case .issued:
                        let f = facts[e.index]
                        totals.recordIssue(day: f.issue, amount: f.amount)
                    case .becameOverdue:
                        totals.recordOverdue(amount: facts[e.index].amount)
                    case .paid:
                        let f = facts[e.index]
                        let d = Int64(f.paid) - Int64(f.due)
                        totals.recordPayment(
                            paidDay: f.paid, daysLate: d, late: d > grace, wasOverdue: d > 0,
                            amount: f.amount, decayPerDay: decayPerDay)
                        daysLate.insert(d)
                    case .disputeOpened:
                        totals.disputesOpened += 1
                    case .reminderBounced:
                        totals.remindersBounced += 1
                    case .hardshipReported:
                        totals.hardshipReports += 1
                    case .promiseDeadline:
                        // Kept if its invoice was paid by the deadline (decided when the timeline
                        // was built); a promise naming no invoice is kept by any payment between
                        // promise and deadline (payments up to the deadline sort before this entry).
                        let named = promiseKept[e.index]
                        let kept = named >= 0
                            ? named > 0
                            : totals.lastPaid != PreparedHistory.none && totals.lastPaid >= promiseDay[e.index]
                        if !kept { totals.brokenPromises += 1 }
                    }
                    cursor += 1
                }
            }
        }
    }
}
