import Foundation

/// Computes payment-behaviour features of invoices, each as of a day, from what was known then.
///
/// This is the single code path for training and scoring. A request is an invoice row and an
/// observation day; the row is computed as of `A = max(issue, observation)` (capped at the
/// invoice's own paid date, so an invoice never sees its own settlement) and uses only payments
/// settled, events dated and invoices issued strictly before `A`. For training, leave the
/// observation days empty: each invoice is then described as of its own issue day. For scoring
/// open invoices on day `T`, pass `T` as every observation day.
///
/// The invoice's `disputed` column is export-time status and is never read; only `dispute_opened`
/// events dated before `A` count. Population priors (the late share towards which a customer with
/// little history is shrunk) are also computed from invoices settled before `A`.
///
/// Internally the history is ordered once by customer and by the day each fact became known
/// (facts scattered into per-customer segments, each segment stably sorted by day in cache). A
/// request sorts its rows by customer and as-of day (two stable counting sorts) and replays each
/// customer's facts once, sequentially, emitting a row whenever the replay reaches that row's
/// as-of day; population priors come from per-day prefix counts. Cost: O(history · log(facts per
/// customer) + requests + day range), plus O(log n) per payment for the exact median.
///
/// ```swift
/// let builder = try PointInTimeFeatureBuilder(dataset, options: FeatureOptions(graceDays: 3))
/// let training = try builder.trainingFeatures(labelsAsOf: cutoff)     // features at issue day
/// let today = try builder.scoringFeatures(openAsOf: Day(iso: "2026-11-29")!)
/// ```
public struct PointInTimeFeatureBuilder: Sendable {
    public let options: FeatureOptions
    let history: PreparedHistory

    /// Validates the history (customer codes, dates, event references) and orders it by day.
    public init(_ dataset: Dataset, options: FeatureOptions = FeatureOptions()) throws {
        self.options = options
        history = try PreparedHistory(dataset, options: options)
    }

    /// The columns every matrix from this builder carries.
    public var schema: FeatureSchema { .paymentBehaviour }

    public var invoiceCount: Int { history.invoiceCount }

    /// Features of `rows`, each as of `max(issue, observationDays[i])`, in the order given.
    ///
    /// - Parameters:
    ///   - rows: invoice rows (indices into the dataset's ``InvoiceTable``); repeats are allowed.
    ///   - observationDays: empty (each invoice as of its own issue day: training) or one day per row.
    ///   - cutoff: the day labels are read at (see ``PaymentLabel``); nil leaves every label unknown.
    public func features(
        forInvoices rows: [Int], observationDays: [Day] = [], labelsAsOf cutoff: Day? = nil
    ) throws -> FeatureMatrix {
        try features(forInvoices: rows, observationDays: observationDays, labelsAsOf: cutoff, parts: nil)
    }

    /// ``features(forInvoices:observationDays:labelsAsOf:)`` with an explicit number of parallel
    /// chunks (nil: one per core for large requests), so tests can check that the split never
    /// changes a value.
    func features(
        forInvoices rows: [Int], observationDays: [Day], labelsAsOf cutoff: Day?, parts: Int?
    ) throws -> FeatureMatrix {
        let n = rows.count
        guard observationDays.isEmpty || observationDays.count == n else {
            throw FeatureError.observationCountMismatch(rows: n, observationDays: observationDays.count)
        }
        let invoiceCount = history.invoiceCount
        var asOf = [Int32](repeating: 0, count: n)
        for k in 0..<n {
            let r = rows[k]
            guard r >= 0 && r < invoiceCount else { throw FeatureError.rowOutOfRange(row: r, count: invoiceCount) }
            let issue = history.rowIssue[r].raw
            var a = issue
            if !observationDays.isEmpty {
                let o = observationDays[k].raw
                guard o != PreparedHistory.none else { throw FeatureError.missingObservationDay(row: r) }
                a = max(issue, min(o, PreparedHistory.lastValidDay))
            }
            let paid = history.rowPaid[r].raw
            if paid != PreparedHistory.none && paid < a { a = max(paid, issue) }
            asOf[k] = a
        }

        let p = PaymentFeature.allCases.count
        // Every cell is written by `fill`, so skip zeroing 8·n·p bytes.
        var values = [Double](unsafeUninitializedCapacity: n * p) { buffer, count in
            LargePages.advise(UnsafeMutableRawBufferPointer(buffer))
            count = n * p
        }
        // Requests grouped by customer, in as-of order within a customer (both stable), so each
        // customer's facts are replayed once, sequentially, with the accumulator in cache.
        let requests = orderedRequests(rows: rows, asOf: asOf)
        // Customers are independent: split the requests into a few chunks at customer boundaries
        // and replay them on separate cores. Each row is written by exactly one chunk, and the
        // result does not depend on the split (each customer's replay is the same sequence).
        let segments = history.timeline.segmentStart
        let chunks = Self.balancedChunkBounds(
            customers: requests.lazy.map { Int($0.customer) }, parts: parts ?? Self.parallelism(for: requests.count)
        ) { c in segments[c + 1] - segments[c] }
        values.withUnsafeMutableBufferPointer { out in
            let base = UncheckedSendablePointer(out.baseAddress)
            requests.withUnsafeBufferPointer { requests in
                let all = UncheckedSendableRequests(requests)
                DispatchQueue.concurrentPerform(iterations: chunks.count - 1) { part in
                    guard let out = base.pointer else { return }
                    var replay = CustomerReplay(history: history, options: options)
                    // Rows are computed into a small staging block (in cache) and copied to their
                    // scattered places a block at a time: the computation never waits for the
                    // matrix's cache lines, and the copies overlap their memory traffic.
                    let block = 64
                    let staging = UnsafeMutablePointer<Double>.allocate(capacity: block * p)
                    let target = UnsafeMutablePointer<Int>.allocate(capacity: block)
                    defer {
                        staging.deallocate()
                        target.deallocate()
                    }
                    var staged = 0
                    func flush() {
                        for k in 0..<staged { (out + target[k]).update(from: staging + k * p, count: p) }
                        staged = 0
                    }
                    for j in chunks[part]..<chunks[part + 1] {
                        let q = all.buffer[j]
                        let invoice = history.facts[Int(q.fact)]
                        let c = Int(q.customer)
                        if c != replay.customer { replay.start(customer: c) }
                        replay.advance(through: q.asOf)
                        fill(
                            invoice: invoice, customer: c, asOf: q.asOf, totals: replay.totals,
                            medianDaysLate: replay.daysLate.median, into: staging + staged * p)
                        target[staged] = Int(q.position) * p
                        staged += 1
                        if staged == block { flush() }
                    }
                    flush()
                }
            }
        }

        var labels = [PaymentLabel](repeating: .unknown, count: n)
        if let cutoff {
            for k in 0..<n { labels[k] = label(ofInvoice: rows[k], cutoff: cutoff) }
        }
        return FeatureMatrix(
            schema: schema, rows: rows, values: values, labels: labels, asOfDays: asOf.map { Day(raw: $0) },
            labelCutoff: cutoff)
    }

    /// Training rows: every invoice issued on or before `cutoff` whose label is known at `cutoff`
    /// (paid, or open past due + grace), each described as of its own issue day.
    public func trainingFeatures(labelsAsOf cutoff: Day) throws -> FeatureMatrix {
        var rows: [Int] = []
        for r in 0..<history.invoiceCount where history.rowIssue[r].raw <= cutoff.raw {
            if label(ofInvoice: r, cutoff: cutoff) != .unknown { rows.append(r) }
        }
        return try features(forInvoices: rows, labelsAsOf: cutoff)
    }

    /// Scoring rows: every invoice issued on or before `day` and not paid by the end of `day`,
    /// described as of `day` (so payments and events of `day` itself are not yet used).
    public func scoringFeatures(openAsOf day: Day) throws -> FeatureMatrix {
        let rows = openInvoices(asOf: day)
        return try features(
            forInvoices: rows, observationDays: [Day](repeating: day, count: rows.count), labelsAsOf: day)
    }

    /// Rows of invoices issued on or before `day` and unpaid at its end (`paid_date` empty or later).
    public func openInvoices(asOf day: Day) -> [Int] {
        Self.openRows(issue: history.rowIssue, paid: history.rowPaid, asOf: day)
    }

    /// ``openInvoices(asOf:)`` without a builder: the same rows, read from the invoice table, so
    /// work that needs only the open rows can start before the history is prepared.
    public static func openInvoices(of invoices: InvoiceTable, asOf day: Day) -> [Int] {
        openRows(issue: invoices.issueDate, paid: invoices.paidDate, asOf: day)
    }

    private static func openRows(issue: [Day], paid: [Day], asOf day: Day) -> [Int] {
        var rows: [Int] = []
        for r in 0..<min(issue.count, paid.count) where issue[r].raw <= day.raw {
            let p = paid[r].raw
            if p == PreparedHistory.none || p > day.raw { rows.append(r) }
        }
        return rows
    }

    /// The label of invoice `row` at `cutoff`, with this builder's grace days.
    public func label(ofInvoice row: Int, cutoff: Day) -> PaymentLabel {
        PaymentLabel.classify(
            due: history.rowDue[row].raw, paid: history.rowPaid[row].raw, cutoff: cutoff.raw,
            graceDays: history.graceDays)
    }

    /// The requests for `rows` (as of `asOf`), grouped by customer and in as-of order within a
    /// customer, both stable. Two counting sorts that move the 16-byte requests themselves (by day
    /// into a scratch array, then by customer into place); as-of days spread over a range much
    /// larger than the request count take the index-sorting path.
    func orderedRequests(rows: [Int], asOf: [Int32]) -> [FeatureRequest] {
        let n = rows.count
        guard n > 0 else { return [] }
        let customers = history.customerCount
        var lo = Int32.max, hi = Int32.min
        for a in asOf {
            if a < lo { lo = a }
            if a > hi { hi = a }
        }
        let range = Int(hi) - Int(lo) + 1
        guard range <= max(4 * n, 1 << 16) else {
            let customerOf = rows.map { history.rowCustomer[$0] }
            let order = StableCountingSort.order(by: customerOf, after: StableCountingSort.order(by: asOf))
            return order.map { k in
                FeatureRequest(
                    position: k, asOf: asOf[Int(k)], fact: history.factIndex[rows[Int(k)]], customer: customerOf[Int(k)])
            }
        }
        var dayStart = [Int](repeating: 0, count: range + 1)
        var customerStart = [Int](repeating: 0, count: customers + 1)
        var byDay = [FeatureRequest](repeating: FeatureRequest(position: 0, asOf: 0, fact: 0, customer: 0), count: n)
        history.rowCustomer.withUnsafeBufferPointer { rowCustomer in
            history.factIndex.withUnsafeBufferPointer { factIndex in
                dayStart.withUnsafeMutableBufferPointer { dayStart in
                    customerStart.withUnsafeMutableBufferPointer { customerStart in
                        for k in 0..<n {
                            dayStart[Int(asOf[k]) - Int(lo) + 1] += 1
                            customerStart[Int(rowCustomer[rows[k]]) + 1] += 1
                        }
                        for d in 0..<range { dayStart[d + 1] += dayStart[d] }
                        for c in 0..<customers { customerStart[c + 1] += customerStart[c] }
                        byDay.withUnsafeMutableBufferPointer { byDay in
                            for k in 0..<n {
                                let d = Int(asOf[k]) - Int(lo)
                                let slot = dayStart[d]
                                dayStart[d] = slot + 1
                                let r = rows[k]
                                byDay[slot] = FeatureRequest(
                                    position: Int32(k), asOf: asOf[k], fact: factIndex[r], customer: rowCustomer[r])
                            }
                        }
                    }
                }
            }
        }
        return [FeatureRequest](unsafeUninitializedCapacity: n) { out, count in
            customerStart.withUnsafeMutableBufferPointer { customerStart in
                byDay.withUnsafeBufferPointer { byDay in
                    for q in byDay {
                        let c = Int(q.customer)
                        let slot = customerStart[c]
                        customerStart[c] = slot + 1
                        (out.baseAddress! + slot).initialize(to: q)
                    }
                }
            }
            count = n
        }
    }

    /// How many chunks to split `count` requests into: one per core, none below 50,000 rows each.
    static func parallelism(for count: Int) -> Int {
        max(1, min(ProcessInfo.processInfo.activeProcessorCount, count / 50_000))
    }

    /// Replay work of one requested row, in timeline entries: filling a row (33 columns) costs
    /// about what replaying a dozen entries does.
    static let rowWork = 16

    /// At most `parts + 1` ascending bounds over the requests, grouped by customer (`customers[j]`
    /// is request `j`'s customer), each inner bound at a change of customer and placed so that
    /// each chunk gets about the same replay
    /// work: each customer's timeline (`entries(c)` entries, replayed once) plus ``rowWork`` per
    /// requested row. Equal request counts left one core idle for a third of the replay when
    /// customers' histories differ in length (the result never depends on the split).
    static func balancedChunkBounds<Customers: RandomAccessCollection>(
        customers: Customers, parts: Int, entries: (Int) -> Int
    ) -> [Int] where Customers.Element == Int, Customers.Index == Int {
        let count = customers.count
        guard parts > 1, count > 1 else { return [0, count] }
        var total = 0
        for j in 0..<count {
            total += rowWork
            if j == 0 || customers[j] != customers[j - 1] { total += entries(customers[j]) }
        }
        var bounds = [0]
        var done = 0
        for j in 0..<count {
            let starts = j == 0 || customers[j] != customers[j - 1]
            if starts, j > bounds[bounds.count - 1], bounds.count < parts, done >= total * bounds.count / parts {
                bounds.append(j)
            }
            done += rowWork + (starts ? entries(customers[j]) : 0)
        }
        bounds.append(count)
        return bounds
    }

    /// sin and cos of `2π·(month − 1)/12`, month 1…12: the due month on the yearly cycle.
    /// log1p(n) for the settled counts most customers have (the same function, computed once).
    private static let log1pOfCount = (0..<4096).map { log1p(Double($0)) }
    private static let monthSine = (0..<12).map { sin(2 * Double.pi * Double($0) / 12) }
    private static let monthCosine = (0..<12).map { cos(2 * Double.pi * Double($0) / 12) }

    /// Writes the feature row of `invoice` as of day `a` from its customer's totals at `a`.
    @inline(__always) private func fill(
        invoice: InvoiceFacts, customer c: Int, asOf a: Int32, totals acc: CustomerAccumulator, medianDaysLate: Double?,
        into x: UnsafeMutablePointer<Double>
    ) {
        let h = history
        let issue = invoice.issue, due = invoice.due, paid = invoice.paid
        let amount = invoice.amount
        let A = Int64(a)

        // The invoice itself is excluded from its customer's totals once the replay has seen it.
        let selfIssued = issue + 1 <= a
        let selfPaidSeen = paid != PreparedHistory.none && max(paid, issue) + 1 <= a
        let selfOpen = selfIssued && !selfPaidSeen
        let selfOverdue = selfOpen && (paid == PreparedHistory.none || paid > due) && max(issue, due) + 1 <= a

        let n = Int(acc.settledCount)
        let population = h.timeline.population(asOf: a)
        let prior = population.settled > 0
            ? Double(population.late) / Double(population.settled) : options.initialLatePrior
        let strength = options.priorStrength
        func set(_ f: PaymentFeature, _ v: Double) { x[f.rawValue] = v }

        set(.priorSettledCountLog, n < Self.log1pOfCount.count ? Self.log1pOfCount[n] : log1p(Double(n)))
        let shrinkDenominator = Double(n) + strength
        set(.lateShareShrunk, shrinkDenominator > 0 ? (Double(acc.lateCount) + strength * prior) / shrinkDenominator : prior)
        set(.populationLateShare, prior)
        if n > 0 {
            let overall = Double(acc.lateCount) / Double(n)
            set(.meanDaysLate, Double(acc.daysLateSum) / Double(n))
            set(.medianDaysLate, medianDaysLate ?? 0)
            set(.maxDaysLate, Double(acc.daysLateMax))
            set(.recencyWeightedDaysLate, acc.recencySum / acc.recencyWeight)
            set(.lateShareTrend, acc.recentLateShare - overall)
        } else {
            set(.meanDaysLate, 0)
            set(.medianDaysLate, 0)
            set(.maxDaysLate, 0)
            set(.recencyWeightedDaysLate, 0)
            set(.lateShareTrend, 0)
        }
        let first = acc.firstIssue
        if acc.lastPaid != PreparedHistory.none {
            set(.daysSinceLastPayment, Double(A - Int64(acc.lastPaid)))
        } else if first != Int32.max {
            set(.daysSinceLastPayment, Double(A - Int64(first)))
        } else {
            set(.daysSinceLastPayment, 0)
        }

        let openCount = Int(acc.openCount) - (selfOpen ? 1 : 0)
        set(.openInvoiceCount, Double(openCount))
        set(.openAmount, openCount == 0 ? 0 : acc.openAmount - (selfOpen ? amount : 0))
        let overdueCount = Int(acc.overdueCount) - (selfOverdue ? 1 : 0)
        set(.overdueInvoiceCount, Double(overdueCount))
        set(.overdueAmount, overdueCount == 0 ? 0 : acc.overdueAmount - (selfOverdue ? amount : 0))

        set(.logAmount, log1p(max(amount, 0)))
        let priorCount = Int(acc.issuedCount) - (selfIssued ? 1 : 0)
        if priorCount > 0 && amount > 0 {
            let mean = (acc.issuedAmount - (selfIssued ? amount : 0)) / Double(priorCount)
            set(.amountLogRatioToPriorMean, mean > 0 ? log(amount / mean) : 0)
        } else {
            set(.amountLogRatioToPriorMean, 0)
        }
        set(.paymentTermsDays, Double(Int64(due) - Int64(issue)))

        var start = first
        let since = h.customerSince[c]
        if since != PreparedHistory.none && since < a && since < start { start = since }
        set(.tenureDays, start == Int32.max ? 0 : Double(A - Int64(start)))

        let method = invoice.method
        set(.methodCard, method == .card ? 1 : 0)
        set(.methodTransfer, method == .transfer ? 1 : 0)
        set(.methodDirectDebit, method == .directDebit ? 1 : 0)
        set(.methodCheque, method == .cheque ? 1 : 0)
        set(.methodOther, method == .other ? 1 : 0)
        let channel = invoice.channel
        set(.channelElectronic, channel == .electronic ? 1 : 0)
        set(.channelPaper, channel == .paper ? 1 : 0)

        let month = h.month(ofDue: due)
        set(.dueMonthSin, Self.monthSine[month - 1])
        set(.dueMonthCos, Self.monthCosine[month - 1])
        set(.dueInAugust, month == 8 ? 1 : 0)
        set(.dueInDecember, month == 12 ? 1 : 0)

        set(.priorDisputes, Double(acc.disputesOpened))
        set(.brokenPromises, Double(acc.brokenPromises))
        set(.remindersBounced, Double(acc.remindersBounced))
        set(.hardshipReported, acc.hardshipReports > 0 ? 1 : 0)
        set(.hasHistory, n > 0 ? 1 : 0)
    }
}

/// One row to compute: where it goes in the matrix, its as-of day, where its invoice's facts are,
/// and its customer.
struct FeatureRequest {
    var position: Int32
    var asOf: Int32
    var fact: Int32
    var customer: Int32
}

/// Hands the matrix's base address to the worker chunks, which write disjoint rows.
private struct UncheckedSendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Double>?
    init(_ pointer: UnsafeMutablePointer<Double>?) { self.pointer = pointer }
}

/// Read-only view of the sorted requests shared by the worker chunks.
private struct UncheckedSendableRequests: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<FeatureRequest>
    init(_ buffer: UnsafeBufferPointer<FeatureRequest>) { self.buffer = buffer }
}
