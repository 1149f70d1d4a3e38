import Foundation

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

    /// Calendar month (1…12) of day `dueMonthBase + i` for the due days of the history (empty when
    /// they span more than 2¹⁶ days): a lookup instead of a civil-date conversion per feature row.
    let dueMonth: [UInt8]
    let dueMonthBase: Int32

    /// The promises to pay, in event order: the day each was made, and whether the invoice it
    /// names was paid by its deadline (+1 kept, 0 broken, -1 names none). The timeline's promise
    /// entries point here (a few percent of the events: no array per event row).
    let promiseDay: [Int32]
    let promiseKept: [Int32]

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

        // Customer-major facts: rows keep their order within a customer, which keeps same-day
        // ties in row order (and therefore equal on a truncated copy of the history). A stable
        // counting sort by customer, written as a scatter: the row-ordered columns are read
        // sequentially and each row's facts go straight to their slot. The facts' pages are
        // faulted in on another core from the start (see PagePrefault): the validation pass below
        // runs meanwhile, and the scatter, which touches the whole buffer from its first rows,
        // then finds most pages ready.
        var factStart: [Int] = []
        var factIndex = [Int32](repeating: 0, count: n)
        let hasMethod = inv.paymentMethod.count == n, hasChannel = inv.channel.count == n
        // Both passes on two cores for a large history, each over its half of the rows: the
        // second half's rows of a customer go after the first half's, as in one pass.
        let rowSplit = n >= 200_000 && ProcessInfo.processInfo.activeProcessorCount > 1 ? [0, n / 2, n] : [0, n]
        let parts = rowSplit.count - 1
        let facts = try [InvoiceFacts](unsafeUninitializedCapacity: n) { out, count in
            LargePages.advise(UnsafeMutableRawBufferPointer(out))
            PagePrefault.start(UnsafeMutableRawBufferPointer(out))
            // Validation, and the customer histogram of each part, in one pass; the first bad
            // row of the history is reported.
            var histograms = [[Int]](repeating: [Int](repeating: 0, count: customerCount + 1), count: parts)
            var problems = [InvoiceProblem?](repeating: nil, count: parts)
            histograms.withUnsafeMutableBufferPointer { histograms in
                problems.withUnsafeMutableBufferPointer { problems in
                    let shared = UncheckedSendableValidation(histograms: histograms, problems: problems)
                    ConcurrentParts.run(parts) { part in
                        shared.histograms[part].withUnsafeMutableBufferPointer { count in
                            for i in rowSplit[part]..<rowSplit[part + 1] {
                                let c = inv.customer[i]
                                guard c >= 0 && Int(c) < customerCount else { shared.problems[part] = .unknownCustomer(i); return }
                                guard inRange(inv.issueDate[i].raw) else { shared.problems[part] = .invalidDate(i, "issue_date"); return }
                                guard inRange(inv.dueDate[i].raw) else { shared.problems[part] = .invalidDate(i, "due_date"); return }
                                let paid = inv.paidDate[i].raw
                                guard paid == Self.none || inRange(paid) else { shared.problems[part] = .invalidDate(i, "paid_date"); return }
                                count[Int(c) + 1] += 1
                            }
                        }
                    }
                }
            }
            if let problem = problems.lazy.compactMap({ $0 }).first {
                switch problem {
                case .unknownCustomer(let i):
                    throw FeatureError.unknownCustomer(sourceLine: line(inv.sourceLine, i), row: i)
                case .invalidDate(let i, let column):
                    throw FeatureError.invalidDate(sourceLine: line(inv.sourceLine, i), row: i, column: column)
                }
            }
            // Customer c's facts are factStart[c]..<factStart[c + 1] (the facts themselves do not
            // repeat the customer: 24 bytes each instead of 32, a quarter less memory to fill).
            var start = [Int](repeating: 0, count: customerCount + 1)
            for c in 0..<customerCount {
                var k = 0
                for h in histograms { k += h[c + 1] }
                start[c + 1] = start[c] + k
            }
            factStart = start
            // Where each part's rows of each customer begin.
            var nexts = [[Int]]()
            var offset = start
            for part in 0..<parts {
                nexts.append(offset)
                if part + 1 < parts { for c in 0..<customerCount { offset[c] += histograms[part][c + 1] } }
            }
            factIndex.withUnsafeMutableBufferPointer { factIndex in
                nexts.withUnsafeMutableBufferPointer { nexts in
                    let shared = UncheckedSendableFactScatter(out: out, factIndex: factIndex, nexts: nexts)
                    ConcurrentParts.run(parts) { part in
                        shared.nexts[part].withUnsafeMutableBufferPointer { next in
                            for r in rowSplit[part]..<rowSplit[part + 1] {
                                let c = Int(inv.customer[r])
                                let m = next[c]
                                next[c] = m + 1
                                shared.factIndex[r] = Int32(m)
                                (shared.out.baseAddress! + m).initialize(to: InvoiceFacts(
                                    issue: inv.issueDate[r].raw, due: inv.dueDate[r].raw,
                                    paid: inv.paidDate[r].raw, amount: inv.amount[r],
                                    method: hasMethod ? inv.paymentMethod[r] : (r < inv.paymentMethod.count ? inv.paymentMethod[r] : .unknown),
                                    channel: hasChannel ? inv.channel[r] : (r < inv.channel.count ? inv.channel[r] : .unknown)))
                            }
                        }
                    }
                }
            }
            count = n
        }
        rowCustomer = inv.customer
        rowIssue = inv.issueDate
        rowDue = inv.dueDate
        rowPaid = inv.paidDate
        self.facts = facts
        self.factIndex = factIndex

        var firstDue = Int32.max, lastDue = Int32.min
        for d in inv.dueDate {
            if d.raw < firstDue { firstDue = d.raw }
            if d.raw > lastDue { lastDue = d.raw }
        }
        if n > 0 && Int(lastDue) - Int(firstDue) < 1 << 16 {
            dueMonth = (firstDue...lastDue).map { UInt8(Day(raw: $0).civil.month) }
            dueMonthBase = firstDue
        } else {
            dueMonth = []
            dueMonthBase = 0
        }

        let ev = dataset.events
        let m = ev.count
        // Per promise, in event order: its day, customer and deadline, and whether it was kept by
        // the invoice it names: +1 kept, 0 broken, -1 when it names none, or names an invoice not
        // yet issued on the promise day (which could not be meant).
        var promiseDay: [Int32] = [], promiseCustomer: [Int32] = [], deadline: [Int32] = []
        var keptByInvoice: [Int32] = []
        for e in 0..<m {
            let c = ev.customer[e]
            guard c >= 0 && Int(c) < customerCount else {
                throw FeatureError.invalidEventReference(sourceLine: line(ev.sourceLine, e), event: e, column: "customer_id")
            }
            let d = ev.date[e].raw
            guard inRange(d) else {
                throw FeatureError.invalidEventReference(sourceLine: line(ev.sourceLine, e), event: e, column: "date")
            }
            let r = ev.invoice[e]
            guard r >= -1 && Int(r) < n else {
                throw FeatureError.invalidEventReference(sourceLine: line(ev.sourceLine, e), event: e, column: "invoice_id")
            }
            if ev.kind[e] == .promiseToPay {
                let promised = Self.promisedDay(in: ev.note[e]) ?? (d + Int32(options.defaultPromiseDays))
                let due = min(max(promised, d), Self.lastValidDay)
                var kept: Int32 = -1
                if r >= 0 && inv.issueDate[Int(r)].raw <= d {
                    let paid = inv.paidDate[Int(r)].raw
                    kept = paid != Self.none && paid <= due ? 1 : 0
                }
                promiseDay.append(d)
                promiseCustomer.append(c)
                deadline.append(due)
                keptByInvoice.append(kept)
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
        self.promiseDay = promiseDay
        self.promiseKept = keptByInvoice

        timeline = Self.buildTimeline(
            facts: facts, factStart: factStart, eventCustomer: ev.customer, eventKind: ev.kind, eventDate: ev.date,
            promiseCustomer: promiseCustomer, deadline: deadline, customerCount: customerCount, graceDays: graceDays)
    }

    /// Orders everything by customer, then by the first day on which it is known: an invoice issued
    /// on day d is known from d+1, a payment on day p from p+1, an invoice falls overdue at due+1 if
    /// not paid by its due date, an event dated d is known from d+1, a promise is judged the day
    /// after its deadline (whether its invoice was paid by then is a fixed fact, decided above).
    ///
    /// Every entry is written straight into its customer's segment in construction order, then each
    /// segment is sorted by key with a stable merge sort that runs in cache: no history-sized
    /// scratch array and no index permutation (fresh memory is what a daily run pays most for).
    private static func buildTimeline(
        facts: [InvoiceFacts], factStart: [Int], eventCustomer: [Int32], eventKind: [EventKind], eventDate: [Day],
        promiseCustomer: [Int32], deadline: [Int32], customerCount: Int, graceDays: Int32
    ) -> CustomerTimeline {
        typealias Kind = CustomerTimeline.Kind
        typealias Entry = CustomerTimeline.Entry
        /// Every entry of the customers in `customers`, with its customer, in construction order,
        /// which is the within-day order: issues, overdue, payments, events, deadlines, each by
        /// invoice or event order.
        func forEachEntry(customers: Range<Int>, _ body: (Int32, Entry) -> Void) {
            // Facts are customer-major: customer by customer is fact order.
            facts.withUnsafeBufferPointer { facts in
                factStart.withUnsafeBufferPointer { factStart in
                    for c in customers {
                        for i in factStart[c]..<factStart[c + 1] {
                            body(Int32(c), Entry(key: facts[i].issue + 1, code: Kind.issued.rawValue << 29 | UInt32(i)))
                        }
                    }
                    for c in customers {
                        for i in factStart[c]..<factStart[c + 1] where facts[i].paid == none || facts[i].paid > facts[i].due {
                            let f = facts[i]
                            body(Int32(c), Entry(key: max(f.issue, f.due) + 1, code: Kind.becameOverdue.rawValue << 29 | UInt32(i)))
                        }
                    }
                    for c in customers {
                        for i in factStart[c]..<factStart[c + 1] where facts[i].paid != none {
                            let f = facts[i]
                            body(Int32(c), Entry(key: max(f.paid, f.issue) + 1, code: Kind.paid.rawValue << 29 | UInt32(i)))
                        }
                    }
                }
            }
            let all = customers.count == customerCount
            for e in 0..<eventKind.count {
                let kind: Kind
                switch eventKind[e] {
                case .disputeOpened: kind = .disputeOpened
                case .reminderBounced: kind = .reminderBounced
                case .hardshipReported: kind = .hardshipReported
                default: continue
                }
                let c = eventCustomer[e]
                guard all || customers.contains(Int(c)) else { continue }
                body(c, Entry(key: eventDate[e].raw + 1, code: kind.rawValue << 29 | UInt32(e)))
            }
            for p in 0..<deadline.count where all || customers.contains(Int(promiseCustomer[p])) {
                body(promiseCustomer[p], Entry(key: deadline[p] + 1, code: Kind.promiseDeadline.rawValue << 29 | UInt32(p)))
            }
        }

        // Passes 1 and 2 on two cores for a large history, each for the customers of its half of
        // the facts: a customer's entries are all made by one part, in the same order as by one
        // pass, so the timeline is the same whatever the split.
        let split: [Int]
        if facts.count + eventKind.count >= 200_000, ProcessInfo.processInfo.activeProcessorCount > 1, customerCount > 1 {
            var middle = 1
            while middle < customerCount - 1 && factStart[middle] < facts.count / 2 { middle += 1 }
            split = [0, middle, customerCount]
        } else {
            split = [0, customerCount]
        }
        let parts = split.count - 1

        // Pass 1: entries per customer, and the range of the payments' keys.
        var segmentStart = [Int](repeating: 0, count: customerCount + 1)
        var keyRange = [(lo: Int32, hi: Int32)](repeating: (Int32.max, Int32.min), count: parts)
        segmentStart.withUnsafeMutableBufferPointer { start in
            keyRange.withUnsafeMutableBufferPointer { keyRange in
                let shared = UncheckedSendableCounts(start: start, keyRange: keyRange)
                ConcurrentParts.run(parts) { part in
                    var lo = Int32.max, hi = Int32.min
                    forEachEntry(customers: split[part]..<split[part + 1]) { c, e in
                        if e.kind == .paid {
                            if e.key < lo { lo = e.key }
                            if e.key > hi { hi = e.key }
                        }
                        shared.start[Int(c) + 1] += 1
                    }
                    shared.keyRange[part] = (lo, hi)
                }
            }
        }
        for c in stride(from: 0, to: customerCount, by: 1) { segmentStart[c + 1] += segmentStart[c] }
        let m = segmentStart[customerCount]
        var lo = keyRange.map(\.lo).min() ?? Int32.max, hi = keyRange.map(\.hi).max() ?? Int32.min
        if lo > hi { lo = 0; hi = -1 }   // no payment: empty population counts
        let range = Int(hi) - Int(lo) + 1

        // Pass 2: every entry straight into its customer's segment, in construction order, and
        // the population's payments (settled, late) per key, counted per part and then summed.
        var counts = [[Int32]](repeating: [Int32](repeating: 0, count: 2 * range), count: parts)
        var next = segmentStart
        var entries = [Entry](unsafeUninitializedCapacity: m) { out, count in
            LargePages.advise(UnsafeMutableRawBufferPointer(out))
            PagePrefault.start(UnsafeMutableRawBufferPointer(out))
            next.withUnsafeMutableBufferPointer { next in
                counts.withUnsafeMutableBufferPointer { counts in
                    let shared = UncheckedSendableScatter(out: out, next: next, counts: counts)
                    ConcurrentParts.run(parts) { part in
                        shared.counts[part].withUnsafeMutableBufferPointer { settledLate in
                            forEachEntry(customers: split[part]..<split[part + 1]) { c, e in
                                let slot = shared.next[Int(c)]
                                shared.next[Int(c)] = slot + 1
                                (shared.out.baseAddress! + slot).initialize(to: e)
                                if e.kind == .paid {
                                    let k = Int(e.key) - Int(lo)
                                    settledLate[2 * k] += 1
                                    let f = facts[e.index]
                                    if Int64(f.paid) > Int64(f.due) + Int64(graceDays) { settledLate[2 * k + 1] += 1 }
                                }
                            }
                        }
                    }
                }
            }
            count = m
        }
        var settled = [Int32](repeating: 0, count: range)
        var late = [Int32](repeating: 0, count: range)
        for part in counts {
            for k in 0..<range {
                settled[k] += part[2 * k]
                late[k] += part[2 * k + 1]
            }
        }
        for d in stride(from: 1, to: range, by: 1) {
            settled[d] += settled[d - 1]
            late[d] += late[d - 1]
        }
        guard m > 0 else {
            return CustomerTimeline(entries: [], segmentStart: segmentStart, populationSettled: [], populationLate: [], firstKey: 0)
        }

        // Pass 3: each segment stably sorted by key, in cache (segments are a customer's facts).
        // Customers are independent: a few chunks of customers on separate cores.
        let sortParts = m >= 200_000 ? max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4)) : 1
        entries.withUnsafeMutableBufferPointer { entries in
            let shared = UncheckedSendableEntries(entries)
            segmentStart.withUnsafeBufferPointer { start in
                let bounds = UncheckedSendableStarts(start)
                DispatchQueue.concurrentPerform(iterations: sortParts) { part in
                    let first = customerCount * part / sortParts, last = customerCount * (part + 1) / sortParts
                    var longest = 0
                    for c in first..<last { longest = max(longest, bounds.buffer[c + 1] - bounds.buffer[c]) }
                    let scratch = UnsafeMutablePointer<Entry>.allocate(capacity: max(longest, 1))
                    defer { scratch.deallocate() }
                    for c in first..<last {
                        let s = bounds.buffer[c], e = bounds.buffer[c + 1]
                        if e - s > 1 { Self.stableSortByKey(shared.buffer.baseAddress! + s, count: e - s, scratch: scratch) }
                    }
                }
            }
        }
        return CustomerTimeline(
            entries: entries, segmentStart: segmentStart, populationSettled: settled, populationLate: late, firstKey: lo)
    }

    /// Sorts `a[0..<count]` by key, ties kept in their order (merge sort over runs of 16 sorted by
    /// insertion; `scratch` holds `count` entries).
    static func stableSortByKey(
        _ a: UnsafeMutablePointer<CustomerTimeline.Entry>, count n: Int, scratch: UnsafeMutablePointer<CustomerTimeline.Entry>
    ) {
        let run = 16
        var start = 0
        while start < n {
            let end = min(start + run, n)
            var i = start + 1
            while i < end {
                let v = a[i]
                var j = i
                while j > start && a[j - 1].key > v.key { a[j] = a[j - 1]; j -= 1 }
                a[j] = v
                i += 1
            }
            start = end
        }
        guard n > run else { return }
        var source = a, target = scratch
        var width = run
        while width < n {
            var lo = 0
            while lo < n {
                let mid = min(lo + width, n), hi = min(lo + 2 * width, n)
                var i = lo, j = mid, k = lo
                if mid < hi && source[mid - 1].key <= source[mid].key {
                    // Already in order: copy the pair of runs as they are.
                    (target + lo).update(from: source + lo, count: hi - lo)
                } else {
                    while i < mid && j < hi {
                        if source[j].key < source[i].key { target[k] = source[j]; j += 1 } else { target[k] = source[i]; i += 1 }
                        k += 1
                    }
                    if i < mid { (target + k).update(from: source + i, count: mid - i) }
                    if j < hi { (target + k).update(from: source + j, count: hi - j) }
                }
                lo = hi
            }
            swap(&source, &target)
            width *= 2
        }
        if source != a { a.update(from: source, count: n) }
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

    /// The calendar month (1…12) of a due day of this history.
    @inline(__always) func month(ofDue day: Int32) -> Int {
        let i = Int(day) - Int(dueMonthBase)
        return i >= 0 && i < dueMonth.count ? Int(dueMonth[i]) : Day(raw: day).civil.month
    }

    /// The facts of invoice `row`.
    @inline(__always) func facts(ofRow row: Int) -> InvoiceFacts { facts[Int(factIndex[row])] }
}

/// The per-invoice facts the replay and the feature rows read, in 32 bytes.
struct InvoiceFacts: Sendable {
    var issue: Int32
    var due: Int32
    /// `PreparedHistory.none` while open.
    var paid: Int32
    var amount: Double
    var method: PaymentMethod
    var channel: InvoiceChannel
}

/// The timeline being sorted, segment by segment; each worker sorts only its customers' segments.
private struct UncheckedSendableEntries: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<CustomerTimeline.Entry>
    init(_ buffer: UnsafeMutableBufferPointer<CustomerTimeline.Entry>) { self.buffer = buffer }
}

/// The first bad invoice row a validation part met.
private enum InvoiceProblem {
    case unknownCustomer(Int)
    case invalidDate(Int, String)
}

/// The validation parts' outputs: each writes only its own histogram and problem.
private struct UncheckedSendableValidation: @unchecked Sendable {
    let histograms: UnsafeMutableBufferPointer<[Int]>
    let problems: UnsafeMutableBufferPointer<InvoiceProblem?>
}

/// The fact scatter's outputs: each part writes only its own rows' facts and indices (their
/// slots are disjoint) and its own cursor per customer.
private struct UncheckedSendableFactScatter: @unchecked Sendable {
    let out: UnsafeMutableBufferPointer<InvoiceFacts>
    let factIndex: UnsafeMutableBufferPointer<Int32>
    let nexts: UnsafeMutableBufferPointer<[Int]>
}

/// Pass 1's shared outputs: each part counts only its own customers' entries and writes its own
/// key range.
private struct UncheckedSendableCounts: @unchecked Sendable {
    let start: UnsafeMutableBufferPointer<Int>
    let keyRange: UnsafeMutableBufferPointer<(lo: Int32, hi: Int32)>
}

/// Pass 2's shared outputs: each part writes only its own customers' slots and segments, and its
/// own population counts.
private struct UncheckedSendableScatter: @unchecked Sendable {
    let out: UnsafeMutableBufferPointer<CustomerTimeline.Entry>
    let next: UnsafeMutableBufferPointer<Int>
    let counts: UnsafeMutableBufferPointer<[Int32]>
}

/// Segment bounds, read by every worker.
private struct UncheckedSendableStarts: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<Int>
    init(_ buffer: UnsafeBufferPointer<Int>) { self.buffer = buffer }
}
