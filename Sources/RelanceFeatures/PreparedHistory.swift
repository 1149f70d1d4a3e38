/// A validated, columnar copy of the parts of a ``Dataset`` the features read, plus its timeline.
///
/// A class so that the replay loop holds one reference instead of copying twenty column
/// references per call. Built once per ``PointInTimeFeatureBuilder``; every feature request replays the timeline from
/// the start with fresh accumulators, so the builder itself never changes and can be shared.
final class PreparedHistory: Sendable {
    static let firstValidDay = Day(year: 1, month: 1, day: 1)!.raw
    static let lastValidDay = Day(year: 9999, month: 12, day: 31)!.raw
    static let none = Int32.min

    let customerCount: Int
    let graceDays: Int32
    let defaultPromiseDays: Int32

    /// Invoices, by row, packed so that one row is one cache line (random access in day order).
    let invoices: [InvoiceFacts]

    // Events, by event index.
    let eventCustomer: [Int32]
    /// The referenced invoice row, or -1 when the event names none or names an invoice not yet
    /// issued on the event day (which could not have been known then).
    let eventInvoice: [Int32]
    let eventDate: [Int32]
    let eventKind: [EventKind]
    /// For `promise_to_pay`: the promised day (from the note, or event day + default delay), never
    /// before the event day. `none` for other kinds.
    let promiseDeadline: [Int32]

    /// `customer_since` by customer code, `none` when unknown.
    let customerSince: [Int32]

    let timeline: DayTimeline

    init(_ dataset: Dataset, options: FeatureOptions) throws {
        if let problem = options.validationProblem() { throw FeatureError.invalidOptions(problem) }
        let inv = dataset.invoices
        let n = inv.count
        let customerCount = dataset.customerIds.count
        self.customerCount = customerCount
        graceDays = Int32(options.graceDays)
        defaultPromiseDays = Int32(options.defaultPromiseDays)
        guard n <= DayTimeline.maxIndex, dataset.events.count <= DayTimeline.maxIndex else {
            throw FeatureError.invalidOptions("histories of more than \(DayTimeline.maxIndex) rows are not supported")
        }
        func inRange(_ d: Int32) -> Bool { d >= Self.firstValidDay && d <= Self.lastValidDay }
        func line(_ lines: [Int], _ i: Int) -> Int { i < lines.count ? lines[i] : 0 }

        var issue = [Int32](repeating: 0, count: n)
        var due = [Int32](repeating: 0, count: n)
        var paid = [Int32](repeating: Self.none, count: n)
        for i in 0..<n {
            let c = inv.customer[i]
            guard c >= 0 && Int(c) < customerCount else {
                throw FeatureError.unknownCustomer(sourceLine: line(inv.sourceLine, i), row: i)
            }
            let d0 = inv.issueDate[i].raw, d1 = inv.dueDate[i].raw, d2 = inv.paidDate[i].raw
            guard inRange(d0) else {
                throw FeatureError.invalidDate(sourceLine: line(inv.sourceLine, i), row: i, column: "issue_date")
            }
            guard inRange(d1) else {
                throw FeatureError.invalidDate(sourceLine: line(inv.sourceLine, i), row: i, column: "due_date")
            }
            guard d2 == Self.none || inRange(d2) else {
                throw FeatureError.invalidDate(sourceLine: line(inv.sourceLine, i), row: i, column: "paid_date")
            }
            issue[i] = d0
            due[i] = d1
            paid[i] = d2
        }
        var facts: [InvoiceFacts] = []
        facts.reserveCapacity(n)
        for i in 0..<n {
            facts.append(InvoiceFacts(
                customer: inv.customer[i], issue: issue[i], due: due[i], paid: paid[i], amount: inv.amount[i],
                method: i < inv.paymentMethod.count ? inv.paymentMethod[i] : .unknown,
                channel: i < inv.channel.count ? inv.channel[i] : .unknown))
        }
        invoices = facts

        let ev = dataset.events
        let m = ev.count
        var eventInvoice = [Int32](repeating: -1, count: m)
        var eventDate = [Int32](repeating: 0, count: m)
        var deadline = [Int32](repeating: Self.none, count: m)
        for e in 0..<m {
            let c = ev.customer[e]
            guard c >= 0 && Int(c) < customerCount else {
                throw FeatureError.invalidEventReference(sourceLine: line(ev.sourceLine, e), event: e, column: "customer_id")
            }
            let d = ev.date[e].raw
            guard inRange(d) else {
                throw FeatureError.invalidEventReference(sourceLine: line(ev.sourceLine, e), event: e, column: "date")
            }
            eventDate[e] = d
            let r = ev.invoice[e]
            if r >= 0 {
                guard Int(r) < n else {
                    throw FeatureError.invalidEventReference(sourceLine: line(ev.sourceLine, e), event: e, column: "invoice_id")
                }
                if issue[Int(r)] <= d { eventInvoice[e] = r }
            } else if r != -1 {
                throw FeatureError.invalidEventReference(sourceLine: line(ev.sourceLine, e), event: e, column: "invoice_id")
            }
            if ev.kind[e] == .promiseToPay {
                let promised = Self.promisedDay(in: ev.note[e]) ?? (d + Int32(options.defaultPromiseDays))
                deadline[e] = min(max(promised, d), Self.lastValidDay)
            }
        }
        eventCustomer = ev.customer
        self.eventInvoice = eventInvoice
        self.eventDate = eventDate
        eventKind = ev.kind
        promiseDeadline = deadline

        var since = [Int32](repeating: Self.none, count: customerCount)
        let cust = dataset.customers
        for i in 0..<cust.count {
            let c = cust.customer[i]
            guard c >= 0 && Int(c) < customerCount else { continue }
            let d = cust.customerSince[i].raw
            if d != Self.none && inRange(d) { since[Int(c)] = d }
        }
        customerSince = since

        timeline = Self.buildTimeline(
            issue: issue, due: due, paid: paid, eventKind: ev.kind, eventDate: eventDate, deadline: deadline)
    }

    /// Orders everything by the first day on which it is known: an invoice issued on day d is known
    /// from d+1, a payment on day p from p+1, an invoice falls overdue at due+1 if not paid by its
    /// due date, an event dated d is known from d+1, a promise is checked the day after its deadline.
    private static func buildTimeline(
        issue: [Int32], due: [Int32], paid: [Int32], eventKind: [EventKind], eventDate: [Int32],
        deadline: [Int32]
    ) -> DayTimeline {
        let n = issue.count
        var days: [Int32] = []
        var payloads: [UInt32] = []
        days.reserveCapacity(3 * n + eventKind.count)
        payloads.reserveCapacity(3 * n + eventKind.count)
        // Insertion order is the within-day order: issues, overdue, payments, events, deadlines.
        for i in 0..<n {
            days.append(issue[i] + 1)
            payloads.append(DayTimeline.payload(.issued, i))
        }
        for i in 0..<n where paid[i] == none || paid[i] > due[i] {
            days.append(max(issue[i], due[i]) + 1)
            payloads.append(DayTimeline.payload(.becameOverdue, i))
        }
        for i in 0..<n where paid[i] != none {
            days.append(max(paid[i], issue[i]) + 1)
            payloads.append(DayTimeline.payload(.paid, i))
        }
        for e in 0..<eventKind.count {
            switch eventKind[e] {
            case .disputeOpened, .reminderBounced, .hardshipReported:
                days.append(eventDate[e] + 1)
                payloads.append(DayTimeline.payload(.event, e))
            default: break
            }
        }
        for e in 0..<eventKind.count where eventKind[e] == .promiseToPay {
            days.append(deadline[e] + 1)
            payloads.append(DayTimeline.payload(.promiseDeadline, e))
        }
        return DayTimeline(unsortedDays: days, payloads: payloads)
    }

    /// The `YYYY-MM-DD` after the first `promised:` in a note, if it is a valid date.
    static func promisedDay(in note: String) -> Int32? {
        let key = Array("promised:".utf8)
        let bytes = Array(note.utf8)
        guard bytes.count >= key.count + 10 else { return nil }
        var i = 0
        while i + key.count + 10 <= bytes.count {
            if bytes[i] == key[0] && Array(bytes[i..<(i + key.count)]) == key {
                let start = i + key.count
                let slice = Array(bytes[start..<(start + 10)])
                return slice.withUnsafeBytes { Day(isoBytes: $0)?.raw }
            }
            i += 1
        }
        return nil
    }

    var invoiceCount: Int { invoices.count }
}

/// The per-invoice facts the replay reads, in 32 bytes.
struct InvoiceFacts: Sendable {
    var customer: Int32
    var issue: Int32
    var due: Int32
    /// `PreparedHistory.none` while open.
    var paid: Int32
    var amount: Double
    var method: PaymentMethod
    var channel: InvoiceChannel

    /// `paid > due + grace`.
    @inline(__always) func isLate(graceDays: Int32) -> Bool {
        Int64(paid) > Int64(due) + Int64(graceDays)
    }
}
