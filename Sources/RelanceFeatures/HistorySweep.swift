/// Per-customer running totals of a history, replayed day by day in the order things became known.
///
/// After ``advance(through:)`` with day `A`, every accumulator describes exactly what was known at
/// the start of day `A`: invoices issued before `A`, payments settled before `A`, events dated
/// before `A`, promises whose deadline passed before `A`. State lives in one flat array indexed by
/// customer code; the hot loop does no dictionary look-up and no per-row allocation (only the
/// median heaps grow, amortised).
struct HistorySweep {
    let history: PreparedHistory
    private let decayPerDay: Double
    private var cursor = 0

    /// Last day passed to ``advance(through:)``.
    private(set) var currentDay = Int32.min

    var customers: [CustomerAccumulator]
    /// Days late of each customer's settled invoices, for the exact median.
    var medians: [RunningMedian]
    var populationSettled = 0
    var populationLate = 0

    init(history: PreparedHistory, options: FeatureOptions) {
        self.history = history
        decayPerDay = 1 / options.recencyHalfLifeDays
        customers = [CustomerAccumulator](repeating: CustomerAccumulator(), count: history.customerCount)
        medians = [RunningMedian](repeating: RunningMedian(), count: history.customerCount)
    }

    /// Applies everything known by the start of `day` (timeline keys `<= day`). Days must not go back.
    mutating func advance(through day: Int32) {
        precondition(day >= currentDay, "the sweep only moves forward in time")
        currentDay = day
        let h = history
        let days = h.timeline.days
        let payloads = h.timeline.payloads
        var cursor = self.cursor
        while cursor < days.count && days[cursor] <= day {
            let p = payloads[cursor]
            let i = DayTimeline.index(of: p)
            switch DayTimeline.kind(of: p) {
            case DayTimeline.Kind.issued.rawValue:
                let f = h.invoices[i]
                customers[Int(f.customer)].recordIssue(day: f.issue, amount: f.amount)
            case DayTimeline.Kind.becameOverdue.rawValue:
                let f = h.invoices[i]
                customers[Int(f.customer)].recordOverdue(amount: f.amount)
            case DayTimeline.Kind.paid.rawValue:
                let f = h.invoices[i]
                let late = f.isLate(graceDays: h.graceDays)
                let daysLate = Int64(f.paid) - Int64(f.due)
                customers[Int(f.customer)].recordPayment(
                    paidDay: f.paid, daysLate: daysLate, late: late, wasOverdue: f.paid > f.due,
                    amount: f.amount, decayPerDay: decayPerDay)
                medians[Int(f.customer)].insert(daysLate)
                populationSettled += 1
                if late { populationLate += 1 }
            case DayTimeline.Kind.event.rawValue:
                let c = Int(h.eventCustomer[i])
                switch h.eventKind[i] {
                case .disputeOpened: customers[c].disputesOpened += 1
                case .reminderBounced: customers[c].remindersBounced += 1
                case .hardshipReported: customers[c].hardshipReports += 1
                default: break
                }
            default:
                applyPromiseDeadline(i)
            }
            cursor += 1
        }
        self.cursor = cursor
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
            let p = history.invoices[Int(r)].paid
            kept = p != PreparedHistory.none && p <= deadline
        } else {
            let last = customers[c].lastPaid
            kept = last != PreparedHistory.none && last >= history.eventDate[e]
        }
        if !kept { customers[c].brokenPromises += 1 }
    }

    /// The late share of everything settled so far, or `fallback` before the first settlement.
    func populationLateShare(fallback: Double) -> Double {
        populationSettled > 0 ? Double(populationLate) / Double(populationSettled) : fallback
    }
}
