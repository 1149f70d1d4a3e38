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
                        totals.recordIssue(day: e.day, amount: facts[e.index].amount)
                    case .becameOverdue:
                        totals.recordOverdue(amount: facts[e.index].amount)
                    case .paid:
                        let d = Int64(e.day) - Int64(e.aux)
                        totals.recordPayment(
                            paidDay: e.day, daysLate: d, late: d > grace, wasOverdue: d > 0,
                            amount: facts[e.index].amount, decayPerDay: decayPerDay)
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
                        let kept = e.aux >= 0
                            ? e.aux > 0
                            : totals.lastPaid != PreparedHistory.none && totals.lastPaid >= e.day
                        if !kept { totals.brokenPromises += 1 }
                    }
                    cursor += 1
                }
            }
        }
    }
}
