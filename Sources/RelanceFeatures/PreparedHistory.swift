/// A validated, packed copy of the parts of a ``Dataset`` the features read, plus its timeline.
///
/// Built once per ``PointInTimeFeatureBuilder``; every feature request replays the timeline with
/// fresh accumulators, so the builder itself never changes and can be shared across threads.
/// Invoice facts are stored customer-major (a customer's invoices side by side, in row order),
/// so replaying one customer reads one small stretch of memory; `factIndex` maps a row to its
/// facts. The row-ordered date columns are the dataset's own arrays (shared, not copied).
final class PreparedHistory: Sendable {
    static let firstValidDay = Day(year: 1, month: 1, day: 1)!.raw
    static let lastValidDay = Day(year: 9999, month: 12, day: 31)!.raw
    static let none = Int32.min
    /// Fact and event indices share 29 bits with a 3-bit kind in timeline codes.
    static let indexMask: UInt32 = (1 << 29) - 1

    let customerCount: Int
    let graceDays: Int32

    /// Row-ordered columns, as in the dataset.
    let rowCustomer: [Int32]
    let rowIssue: [Day]
    let rowDue: [Day]
    let rowPaid: [Day]

    /// Invoice facts, customer-major; `facts[factIndex[row]]` describes invoice `row`.
    let facts: [InvoiceFacts]
    let factIndex: [Int32]

    /// `customer_since` by customer code, `none` when unknown.
    let customerSince: [Int32]

    let timeline: CustomerTimeline

    init(_ dataset: Dataset, options: FeatureOptions) throws {
        if let problem = options.validationProblem() { throw FeatureError.invalidOptions(problem) }
        let inv = dataset.invoices
        let n = inv.count
        let customerCount = dataset.customerIds.count
        self.customerCount = customerCount
        let graceDays = Int32(options.graceDays)
        self.graceDays = graceDays
        guard n <= Int(Self.indexMask), dataset.events.count <= Int(Self.indexMask) else {
            throw FeatureError.invalidOptions("histories of more than \(Self.indexMask) rows are not supported")
        }
        func inRange(_ d: Int32) -> Bool { d >= Self.firstValidDay && d <= Self.lastValidDay }
        func line(_ lines: [Int], _ i: Int) -> Int { i < lines.count ? lines[i] : 0 }

        for i in 0..<n {
            let c = inv.customer[i]
            guard c >= 0 && Int(c) < customerCount else {
                throw FeatureError.unknownCustomer(sourceLine: line(inv.sourceLine, i), row: i)
            }
            guard inRange(inv.issueDate[i].raw) else {
                throw FeatureError.invalidDate(sourceLine: line(inv.sourceLine, i), row: i, column: "issue_date")
            }
            guard inRange(inv.dueDate[i].raw) else {
                throw FeatureError.invalidDate(sourceLine: line(inv.sourceLine, i), row: i, column: "due_date")
            }
            let paid = inv.paidDate[i].raw
            guard paid == Self.none || inRange(paid) else {
                throw FeatureError.invalidDate(sourceLine: line(inv.sourceLine, i), row: i, column: "paid_date")
            }
        }
        rowCustomer = inv.customer
        rowIssue = inv.issueDate
        rowDue = inv.dueDate
        rowPaid = inv.paidDate

        // Customer-major facts: rows keep their order within a customer, which keeps same-day
        // ties in row order (and therefore equal on a truncated copy of the history).
        let rowOfFact = StableCountingSort.order(by: inv.customer)
        var factIndex = [Int32](repeating: 0, count: n)
        var facts: [InvoiceFacts] = []
        facts.reserveCapacity(n)
        for (m, r32) in rowOfFact.enumerated() {
            let r = Int(r32)
            factIndex[r] = Int32(m)
            facts.append(InvoiceFacts(
                customer: inv.customer[r], issue: inv.issueDate[r].raw, due: inv.dueDate[r].raw,
                paid: inv.paidDate[r].raw, amount: inv.amount[r],
                method: r < inv.paymentMethod.count ? inv.paymentMethod[r] : .unknown,
                channel: r < inv.channel.count ? inv.channel[r] : .unknown))
        }
        self.facts = facts
        self.factIndex = factIndex

        let ev = dataset.events
        let m = ev.count
        var eventDate = [Int32](repeating: 0, count: m)
        // Whether a promise was kept by the invoice it names: +1 kept, 0 broken, -1 when it names
        // none, or names an invoice not yet issued on the promise day (which could not be meant).
        var keptByInvoice = [Int32](repeating: -1, count: m)
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
            guard r >= -1 && Int(r) < n else {
                throw FeatureError.invalidEventReference(sourceLine: line(ev.sourceLine, e), event: e, column: "invoice_id")
            }
            if ev.kind[e] == .promiseToPay {
                let promised = Self.promisedDay(in: ev.note[e]) ?? (d + Int32(options.defaultPromiseDays))
                let due = min(max(promised, d), Self.lastValidDay)
                deadline[e] = due
                if r >= 0 && inv.issueDate[Int(r)].raw <= d {
                    let paid = inv.paidDate[Int(r)].raw
                    keptByInvoice[e] = paid != Self.none && paid <= due ? 1 : 0
                }
            }
        }
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
            facts: facts, eventCustomer: ev.customer, eventKind: ev.kind, eventDate: eventDate,
            keptByInvoice: keptByInvoice, deadline: deadline, customerCount: customerCount, graceDays: graceDays)
    }

    /// Orders everything by customer, then by the first day on which it is known: an invoice issued
    /// on day d is known from d+1, a payment on day p from p+1, an invoice falls overdue at due+1 if
    /// not paid by its due date, an event dated d is known from d+1, a promise is judged the day
    /// after its deadline (whether its invoice was paid by then is a fixed fact, decided above).
    private static func buildTimeline(
        facts: [InvoiceFacts], eventCustomer: [Int32], eventKind: [EventKind], eventDate: [Int32],
        keptByInvoice: [Int32], deadline: [Int32], customerCount: Int, graceDays: Int32
    ) -> CustomerTimeline {
        typealias Kind = CustomerTimeline.Kind
        var keys: [Int32] = []
        var customerOf: [Int32] = []
        var entries: [CustomerTimeline.Entry] = []
        let capacity = 3 * facts.count + eventKind.count
        keys.reserveCapacity(capacity)
        customerOf.reserveCapacity(capacity)
        entries.reserveCapacity(capacity)
        func add(_ key: Int32, _ customer: Int32, _ kind: Kind, _ index: Int, day: Int32, aux: Int32) {
            keys.append(key)
            customerOf.append(customer)
            entries.append(CustomerTimeline.Entry(key: key, day: day, aux: aux, code: kind.rawValue << 29 | UInt32(index)))
        }
        // Construction order is the within-day order: issues, overdue, payments, events, deadlines.
        for (i, f) in facts.enumerated() { add(f.issue + 1, f.customer, .issued, i, day: f.issue, aux: f.due) }
        for (i, f) in facts.enumerated() where f.paid == none || f.paid > f.due {
            add(max(f.issue, f.due) + 1, f.customer, .becameOverdue, i, day: f.issue, aux: f.due)
        }
        for (i, f) in facts.enumerated() where f.paid != none {
            add(max(f.paid, f.issue) + 1, f.customer, .paid, i, day: f.paid, aux: f.due)
        }
        for e in 0..<eventKind.count {
            let d = eventDate[e]
            switch eventKind[e] {
            case .disputeOpened: add(d + 1, eventCustomer[e], .disputeOpened, e, day: d, aux: 0)
            case .reminderBounced: add(d + 1, eventCustomer[e], .reminderBounced, e, day: d, aux: 0)
            case .hardshipReported: add(d + 1, eventCustomer[e], .hardshipReported, e, day: d, aux: 0)
            default: break
            }
        }
        for e in 0..<eventKind.count where eventKind[e] == .promiseToPay {
            add(deadline[e] + 1, eventCustomer[e], .promiseDeadline, e, day: eventDate[e], aux: keptByInvoice[e])
        }
        return CustomerTimeline(
            unsorted: entries, keys: keys, customerOf: customerOf, customerCount: customerCount, graceDays: graceDays)
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

    var invoiceCount: Int { rowCustomer.count }

    /// The facts of invoice `row`.
    @inline(__always) func facts(ofRow row: Int) -> InvoiceFacts { facts[Int(factIndex[row])] }
}

/// The per-invoice facts the replay and the feature rows read, in 32 bytes.
struct InvoiceFacts: Sendable {
    var customer: Int32
    var issue: Int32
    var due: Int32
    /// `PreparedHistory.none` while open.
    var paid: Int32
    var amount: Double
    var method: PaymentMethod
    var channel: InvoiceChannel
}
