/// A validated, packed copy of the parts of a ``Dataset`` the features read, plus its timeline.
///
/// Built once per ``PointInTimeFeatureBuilder``; every feature request replays the timeline with
/// fresh accumulators, so the builder itself never changes and can be shared across threads.
/// A class so that the replay holds one reference rather than copying a dozen column references.
final class PreparedHistory: Sendable {
    static let firstValidDay = Day(year: 1, month: 1, day: 1)!.raw
    static let lastValidDay = Day(year: 9999, month: 12, day: 31)!.raw
    static let none = Int32.min

    let customerCount: Int
    let graceDays: Int32
    let defaultPromiseDays: Int32

    /// Invoices, by row, packed so that one row is one cache line (random access in day order).
    let invoices: [InvoiceFacts]

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
        defaultPromiseDays = Int32(options.defaultPromiseDays)
        guard n <= Int(Self.indexMask), dataset.events.count <= Int(Self.indexMask) else {
            throw FeatureError.invalidOptions("histories of more than \(Self.indexMask) rows are not supported")
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
        // The referenced invoice row, or -1 when the event names none or names an invoice not yet
        // issued on the event day (which could not have been known then).
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
        var since = [Int32](repeating: Self.none, count: customerCount)
        let cust = dataset.customers
        for i in 0..<cust.count {
            let c = cust.customer[i]
            guard c >= 0 && Int(c) < customerCount else { continue }
            let d = cust.customerSince[i].raw
            if d != Self.none && inRange(d) { since[Int(c)] = d }
        }
        customerSince = since

        // The timeline is built from a customer-major copy of the facts, so that building a
        // customer's entries reads one small, cached stretch of memory (rows keep their order
        // within a customer, which keeps same-day ties in row order).
        let customerMajor = StableCountingSort.order(by: inv.customer).map { facts[Int($0)] }
        timeline = Self.buildTimeline(
            invoices: customerMajor, rowFacts: facts, eventCustomer: ev.customer, eventKind: ev.kind, eventDate: eventDate,
            eventInvoice: eventInvoice, deadline: deadline, customerCount: customerCount, graceDays: graceDays)
    }

    /// Orders everything by customer, then by the first day on which it is known: an invoice issued
    /// on day d is known from d+1, a payment on day p from p+1, an invoice falls overdue at due+1 if
    /// not paid by its due date, an event dated d is known from d+1, a promise is judged the day
    /// after its deadline (whether its invoice was paid by then is a fixed fact, decided here).
    private static func buildTimeline(
        invoices: [InvoiceFacts], rowFacts: [InvoiceFacts], eventCustomer: [Int32], eventKind: [EventKind], eventDate: [Int32],
        eventInvoice: [Int32], deadline: [Int32], customerCount: Int, graceDays: Int32
    ) -> CustomerTimeline {
        typealias Kind = CustomerTimeline.Kind
        // Only keys, customers and a (kind, row) code per fact are collected here; the 24-byte
        // entries are materialised once, already in their final order.
        var keys: [Int32] = []
        var customerOf: [Int32] = []
        var source: [UInt32] = []
        let capacity = 3 * invoices.count + eventKind.count
        keys.reserveCapacity(capacity)
        customerOf.reserveCapacity(capacity)
        source.reserveCapacity(capacity)
        func add(_ key: Int32, _ customer: Int32, _ kind: Kind, _ index: Int) {
            keys.append(key)
            customerOf.append(customer)
            source.append(kind.rawValue << 29 | UInt32(index))
        }
        // Construction order is the within-day order: issues, overdue, payments, events, deadlines.
        for (i, f) in invoices.enumerated() { add(f.issue + 1, f.customer, .issued, i) }
        for (i, f) in invoices.enumerated() where f.paid == none || f.paid > f.due {
            add(max(f.issue, f.due) + 1, f.customer, .becameOverdue, i)
        }
        for (i, f) in invoices.enumerated() where f.paid != none {
            add(max(f.paid, f.issue) + 1, f.customer, .paid, i)
        }
        for e in 0..<eventKind.count {
            switch eventKind[e] {
            case .disputeOpened: add(eventDate[e] + 1, eventCustomer[e], .disputeOpened, e)
            case .reminderBounced: add(eventDate[e] + 1, eventCustomer[e], .reminderBounced, e)
            case .hardshipReported: add(eventDate[e] + 1, eventCustomer[e], .hardshipReported, e)
            default: break
            }
        }
        for e in 0..<eventKind.count where eventKind[e] == .promiseToPay {
            add(deadline[e] + 1, eventCustomer[e], .promiseDeadline, e)
        }
        return CustomerTimeline(keys: keys, customerOf: customerOf, customerCount: customerCount, graceDays: graceDays) { j in
            let code = source[j]
            let index = Int(code & indexMask)
            let key = keys[j]
            switch Kind(rawValue: code >> 29) ?? .issued {
            case .issued:
                let f = invoices[index]
                return .init(key: key, kind: .issued, day: f.issue, due: f.due, amount: f.amount)
            case .becameOverdue:
                let f = invoices[index]
                return .init(key: key, kind: .becameOverdue, day: f.issue, due: f.due, amount: f.amount)
            case .paid:
                let f = invoices[index]
                return .init(key: key, kind: .paid, day: f.paid, due: f.due, amount: f.amount)
            case let kind where kind != .promiseDeadline:
                return .init(key: key, kind: kind, day: eventDate[index], due: eventDate[index], amount: 0)
            default:
                // +1 kept by its invoice, 0 broken by its invoice, -1 names no (known) invoice.
                let r = eventInvoice[index]
                var keptByInvoice = -1.0
                if r >= 0 {
                    let paid = rowFacts[Int(r)].paid
                    keptByInvoice = paid != none && paid <= deadline[index] ? 1 : 0
                }
                return .init(key: key, kind: .promiseDeadline, day: eventDate[index], due: deadline[index], amount: keptByInvoice)
            }
        }
    }

    /// Row and event indices share 29 bits with a 3-bit kind in the timeline's construction codes.
    static let indexMask: UInt32 = (1 << 29) - 1

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
