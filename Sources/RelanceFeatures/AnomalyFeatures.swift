#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Point-in-time anomaly features of invoices: how each invoice compares with its customer's own
/// earlier invoices and with the population as known before it was issued.
///
/// **Point in time.** The features of an invoice issued on day D use only invoices of the same
/// customer issued *before* D, and population figures built from invoices issued before D.
/// Invoices of the same day never see each other, so computing on the full history and on a
/// history truncated at D gives the same rows for every invoice issued on or before D.
/// The one exception is the duplicate link (``Column/duplicateOfEarlier``): a same-day invoice that
/// comes earlier in the input counts as the original, because same-day re-entry is the commonest
/// duplicate; it is still never an invoice issued *after* the one it flags.
///
/// **One walk, customer by customer.** A counting sort groups the invoices by customer; each
/// customer's invoices are taken by (issue day, input row) and walked day by day: first every
/// invoice of the day is computed from the state, then the state is updated with them. A
/// customer's state is a few local values and one reusable window; the "usual amount" and "usual
/// terms" are medians over the customer's last ``AnomalyFeatureOptions/historyWindow`` invoices
/// (default 24; a ring buffer plus a sorted copy, see `AnomalyCustomerWindows`), so the median is of
/// a bounded recent history, not of the whole past. The one figure across customers, the
/// population's median first invoice before a day, is read from a table made from every
/// customer's first invoice sorted by day (`AnomalyFirstInvoiceMedians`). No dictionary and no allocation happen per invoice, and no array the
/// size of the history is built besides the customer order (4 bytes an invoice) and the output.
public enum AnomalyFeatures {
    /// The columns of an ``AnomalyFeatureMatrix``, in order. The raw value is the column index.
    public enum Column: Int, CaseIterable, Sendable {
        /// log(amount).
        case logAmount
        /// log(amount) − median of the customer's last `historyWindow` log amounts; 0 without history.
        case logAmountRatioToCustomerMedian
        /// log(amount) − the largest of the customer's last `historyWindow` log amounts; 0 without
        /// history. Positive means "more than anything billed recently", which the median alone cannot
        /// tell for a customer whose amounts are bimodal (small orders and big projects).
        case logAmountRatioToCustomerMax
        /// (log amount − prior median) / max(1.4826·MAD, floor) once the customer has
        /// `minimumHistoryForRobustZ` earlier invoices; 0 before.
        case amountRobustZ
        /// Payment terms granted: due − issue, in days (0 when the due date is missing).
        case termsDays
        /// Terms − median of the customer's earlier terms (last `historyWindow`); 0 without history.
        case termsMinusUsualDays
        /// log(1 + days since the customer's previous invoice); 0 for a first invoice.
        case log1pDaysSincePrevious
        /// 1 for a customer's first invoice (no earlier invoice), else 0.
        case newCustomer
        /// For a first invoice: log(amount) − median log amount of all customers' first invoices
        /// issued before; 0 otherwise (or while no first invoice is known yet).
        case newCustomerLogAmountVsPopulation
        /// 2 when the amount is a whole multiple of 1000 (no cents), 1 for a multiple of 100, else 0.
        case roundAmountLevel
        /// Share of the customer's earlier invoices with a round amount (≥ 1 above); 0 without history.
        case customerPriorRoundShare
        /// 1 when the currency differs from the customer's previous invoice.
        case currencyChanged
        /// 1 when the payment method differs from the customer's last known one (both known).
        case paymentMethodChanged
        /// log(1 + number of the customer's earlier invoices).
        case log1pPriorInvoiceCount
        /// 1 when an earlier invoice of the customer has the same amount to the cent within the
        /// duplicate window (see ``AnomalyFeatureMatrix/duplicateOriginalId``).
        case duplicateOfEarlier
        /// Share of the customer's invoices issued before D that repeated an earlier invoice's
        /// amount to the cent within the duplicate window; 0 without history. A customer who reorders
        /// the same catalogue item every few days makes exact repeats normal, a customer billed
        /// monthly does not.
        case customerPriorRepeatShare

        public var name: String {
            switch self {
            case .logAmount: return "log_amount"
            case .logAmountRatioToCustomerMedian: return "log_amount_ratio_to_customer_median"
            case .logAmountRatioToCustomerMax: return "log_amount_ratio_to_customer_max"
            case .amountRobustZ: return "amount_robust_z"
            case .termsDays: return "terms_days"
            case .termsMinusUsualDays: return "terms_minus_usual_days"
            case .log1pDaysSincePrevious: return "log1p_days_since_previous"
            case .newCustomer: return "new_customer"
            case .newCustomerLogAmountVsPopulation: return "new_customer_log_amount_vs_population"
            case .roundAmountLevel: return "round_amount_level"
            case .customerPriorRoundShare: return "customer_prior_round_share"
            case .currencyChanged: return "currency_changed"
            case .paymentMethodChanged: return "payment_method_changed"
            case .log1pPriorInvoiceCount: return "log1p_prior_invoice_count"
            case .duplicateOfEarlier: return "duplicate_of_earlier"
            case .customerPriorRepeatShare: return "customer_prior_repeat_share"
            }
        }
    }

    /// The feature names, in column order.
    public static var names: [String] { Column.allCases.map(\.name) }

    /// Computes the anomaly features of every invoice of `invoices` (matrix row `i` = invoice row `i`).
    ///
    /// - Parameter customerCount: the number of interned customers (``Dataset/customerCount``);
    ///   every customer code must be below it.
    /// - Throws: ``AnomalyFeatureError`` for a missing issue date, a non-positive amount or a
    ///   customer code out of range, naming the source line.
    public static func compute(
        _ invoices: InvoiceTable, customerCount: Int, options: AnomalyFeatureOptions = AnomalyFeatureOptions()
    ) throws -> AnomalyFeatureMatrix {
        try compute(invoices, customerCount: customerCount, options: options, rows: nil)!
    }

    /// Computes the anomaly features of the invoices at `rows` only (matrix row `k` = invoice row
    /// `rows[k]`; repeats allowed), with exactly the values ``compute(_:customerCount:options:)``
    /// gives those rows.
    ///
    /// The daily score needs the rows of the open invoices, a tenth of the history: the walk skips
    /// the customers without a requested row (their first invoice still counts for the population),
    /// stops each customer at its last requested row, and computes and stores feature rows only for
    /// the requested ones. Every invoice is still validated, so bad data anywhere fails the same way
    /// as the full computation.
    public static func compute(
        _ invoices: InvoiceTable, customerCount: Int, options: AnomalyFeatureOptions = AnomalyFeatureOptions(),
        rows: [Int]
    ) throws -> AnomalyFeatureMatrix {
        try compute(invoices, customerCount: customerCount, options: options, rows: Optional(rows))!
    }

    /// Computes the anomaly features of the invoices at `rows`, `blockRows` matrix rows at a time:
    /// `body` receives each block and, for each block row, its place among the distinct requested
    /// rows in ascending order (its index in `rows` when `rows` is strictly ascending, as the open
    /// invoices are). Each row has exactly the values ``compute(_:customerCount:options:rows:)``
    /// gives it; blocks come in the walk's order (customer by customer), not in row order.
    ///
    /// Why: a caller that reduces each row on its own (the detector's assessment) never needs the
    /// whole matrix, which for the daily score is 100,000 rows × 16 values of freshly touched
    /// memory; a block of a few thousand rows is reused instead.
    public static func computeInBlocks(
        _ invoices: InvoiceTable, customerCount: Int, options: AnomalyFeatureOptions = AnomalyFeatureOptions(),
        rows: [Int], blockRows: Int, _ body: (_ block: AnomalyFeatureMatrix, _ places: [Int]) throws -> Void
    ) throws {
        guard blockRows >= 1 else { throw AnomalyFeatureError.invalidOptions("blockRows must be at least 1") }
        try withoutActuallyEscaping(body) { body in
            _ = try compute(invoices, customerCount: customerCount, options: options, rows: rows,
                            blocks: (blockRows, body))
        }
    }

    /// The one walk behind the entry points: `rows` nil means every invoice, in row order. With
    /// `blocks`, the rows go to the block body as they are computed and nothing is returned.
    ///
    /// Customer by customer: each customer's invoices are taken in (issue day, input row) order and
    /// walked day by day, first computing the requested rows of the day from the state as of the
    /// end of the previous day, then folding the day's invoices into the state. The state of one
    /// customer is a few locals and one reusable window, so nothing is kept per customer across the
    /// walk except the first invoice (for the population median, tabulated by day when a first
    /// invoice is first met). A customer with no requested row is skipped, and a customer's
    /// walk stops at its last requested row; only the invoices whose log amount a requested row can
    /// read (its customer's last ``AnomalyFeatureOptions/historyWindow`` earlier invoices) enter
    /// the window. Each value is computed by the same arithmetic on the same inputs as in an
    /// issue-day sweep over every invoice, so the rows are bit for bit the same.
    @discardableResult
    private static func compute(
        _ invoices: InvoiceTable, customerCount: Int, options: AnomalyFeatureOptions, rows requested: [Int]?,
        blocks: (rows: Int, body: (AnomalyFeatureMatrix, [Int]) throws -> Void)? = nil
    ) throws -> AnomalyFeatureMatrix? {
        let k = options.historyWindow
        if let problem = options.validationProblem() { throw AnomalyFeatureError.invalidOptions(problem) }
        let n = invoices.count
        let p = Column.allCases.count
        let customers = max(customerCount, 0)
        // Validate once, up front, so the walk itself cannot meet bad data; on the way, count each
        // customer's invoices and find its first one (earliest day, then earliest row).
        var start = [Int](repeating: 0, count: customers + 1)
        var firstDay = [Int32](repeating: .max, count: customers)
        var firstRow = [Int32](repeating: -1, count: customers)
        try start.withUnsafeMutableBufferPointer { start in
        try firstDay.withUnsafeMutableBufferPointer { firstDay in
        try firstRow.withUnsafeMutableBufferPointer { firstRow in
        try invoices.issueDate.withUnsafeBufferPointer { issue in
        try invoices.amount.withUnsafeBufferPointer { amount in
        try invoices.customer.withUnsafeBufferPointer { cust in
            func line(_ i: Int) -> Int { i < invoices.sourceLine.count ? invoices.sourceLine[i] : 0 }
            for i in 0..<n {
                if issue[i].isMissing { throw AnomalyFeatureError.missingIssueDate(invoiceRow: i, sourceLine: line(i)) }
                let a = amount[i]
                if !(a > 0) || !a.isFinite { throw AnomalyFeatureError.invalidAmount(invoiceRow: i, sourceLine: line(i)) }
                let c = Int(cust[i])
                if c < 0 || c >= customers { throw AnomalyFeatureError.unknownCustomer(invoiceRow: i, sourceLine: line(i)) }
                start[c + 1] += 1
                let d = issue[i].raw
                if d < firstDay[c] { firstDay[c] = d; firstRow[c] = Int32(i) }
            }
        }}}}}}
        var longest = 0
        for c in 0..<customers {
            longest = max(longest, start[c + 1])
            start[c + 1] += start[c]
        }
        // Which rows to compute, at which place (the rank among the distinct requested rows).
        let selection = try requested.map { try AnomalyRequestedRows($0, invoiceCount: n) }
        let all = selection == nil
        let computedRows = selection?.distinct ?? n
        // Customers with at least one requested row: the others only give their first invoice.
        var wanted = [Bool](repeating: all, count: customers)
        if let requested {
            invoices.customer.withUnsafeBufferPointer { cust in
                for r in requested { wanted[Int(cust[r])] = true }
            }
        }
        var order = customerOrder(invoices.customer, start: start)

        // The rows are written at their place, or one block after the other into a reused buffer.
        let bufferRows = blocks.map { min($0.rows, computedRows) } ?? computedRows
        var values = [Double](unsafeUninitializedCapacity: bufferRows * p) { _, count in count = bufferRows * p }
        var duplicateIds = [String?](repeating: nil, count: blocks == nil ? bufferRows : 0)
        var blockPlaces = [Int](repeating: 0, count: blocks == nil ? 0 : bufferRows)
        var blockInvoiceRows = [Int32](repeating: 0, count: blocks == nil ? 0 : bufferRows)
        // A block's duplicate links as invoice rows (-1: none), made ids when the block is handed over.
        var blockOriginals = [Int32](repeating: -1, count: blocks == nil ? 0 : bufferRows)
        var filled = 0
        // The population's median first invoice before each day on which a customer's first
        // invoice falls, tabulated when a first invoice is first met.
        var population: AnomalyFirstInvoiceMedians?
        let windows = AnomalyCustomerWindows(customers: 1, capacity: k, sortsOnQuery: true)
        var days = [Int32](repeating: 0, count: longest)
        var cents = [Double](repeating: 0, count: longest)
        var logs = [Double](repeating: 0, count: longest)
        // log1p of the small whole numbers the rows hold (earlier invoices, days since the previous
        // one), each computed once when first needed: the same libm value, two calls a row fewer.
        var log1pOf = [Double](repeating: .nan, count: Self.log1pTableSize)
        let zMin = max(options.minimumHistoryForRobustZ, 1)
        let floor = options.robustScaleFloor
        let duplicateWindow = options.duplicateWindowDays, lookBack = options.duplicateLookBack
        let ids = invoices.invoiceIds

        try values.withUnsafeMutableBufferPointer { out in
        try duplicateIds.withUnsafeMutableBufferPointer { duplicateIds in
        try blockPlaces.withUnsafeMutableBufferPointer { blockPlaces in
        try blockInvoiceRows.withUnsafeMutableBufferPointer { blockInvoiceRows in
        try blockOriginals.withUnsafeMutableBufferPointer { blockOriginals in
        try order.withUnsafeMutableBufferPointer { ord in
        try days.withUnsafeMutableBufferPointer { days in
        try cents.withUnsafeMutableBufferPointer { cents in
        try logs.withUnsafeMutableBufferPointer { logs in
        try log1pOf.withUnsafeMutableBufferPointer { log1pOf in
        try invoices.issueDate.withUnsafeBufferPointer { issue in
        try invoices.dueDate.withUnsafeBufferPointer { due in
        try invoices.amount.withUnsafeBufferPointer { amount in
        try invoices.currency.withUnsafeBufferPointer { cur in
        try invoices.paymentMethod.withUnsafeBufferPointer { met in
            /// Hands the filled block to the block body and starts the next one.
            func flush() throws {
                guard let blocks, filled > 0 else { return }
                let rows = Array(UnsafeBufferPointer(rebasing: blockInvoiceRows[0..<filled]))
                let originals = UnsafeBufferPointer(rebasing: blockOriginals[0..<filled])
                let block = AnomalyFeatureMatrix(
                    names: names, invoiceRows: rows, invoiceIds: rows.map { ids[Int($0)] },
                    values: Array(UnsafeBufferPointer(rebasing: out[0..<(filled * p)])),
                    duplicateOriginalId: originals.map { $0 < 0 ? nil : ids[Int($0)] }, options: options)
                let places = Array(UnsafeBufferPointer(rebasing: blockPlaces[0..<filled]))
                filled = 0
                try blocks.body(block, places)
            }
            for c in 0..<customers where wanted[c] {
                let s = start[c], m = start[c + 1] - s
                guard m > 0 else { continue }
                let seg = ord.baseAddress! + s
                // The customer's invoices by (issue day, input row): the counting sort left them in
                // input order, which is day order unless the file is not sorted by date.
                var sorted = true
                var previous = Int32.min
                for t in 0..<m {
                    let d = issue[Int(seg[t])].raw
                    days[t] = d
                    if d < previous { sorted = false }
                    previous = d
                }
                if !sorted {
                    var segment = UnsafeMutableBufferPointer(start: seg, count: m)
                    segment.sort { a, b in
                        let da = issue[Int(a)].raw, db = issue[Int(b)].raw
                        return da != db ? da < db : a < b
                    }
                    for t in 0..<m { days[t] = issue[Int(seg[t])].raw }
                }
                var first = 0, last = m - 1
                if let selection {
                    while first < m && !selection.contains(Int(seg[first])) { first += 1 }
                    guard first < m else { continue }
                    while !selection.contains(Int(seg[last])) { last -= 1 }
                }
                for t in 0...last { cents[t] = roundedToCents(amount[Int(seg[t])]) }
                // The window of the first requested row starts `k` invoices before its day: earlier
                // invoices need no log amount.
                var firstDayStart = first
                while firstDayStart > 0 && days[firstDayStart - 1] == days[first] { firstDayStart -= 1 }
                let windowFrom = max(0, firstDayStart - k)
                windows.reset(0)
                var roundCount = 0, lastDay: Int32 = 0, lastCurrency: Int32 = -1, lastMethod: UInt8 = 0
                var repeatsBefore = 0, repeatsToday = 0
                var g = 0
                while true {
                    let day = days[g]
                    var e = g + 1
                    while e < m && days[e] == day { e += 1 }
                    let history = g
                    // 1. The day's invoices: the duplicate link of each (the repeat share counts
                    // them all) and the features of the requested ones, from the state as of the end
                    // of the previous day.
                    for t in g..<min(e, last + 1) {
                        let i = Int(seg[t])
                        let centsT = cents[t]
                        var original = -1
                        var u = t - 1
                        while u >= 0 && t - u <= lookBack {
                            if Int(day) - Int(days[u]) > duplicateWindow { break }
                            if cents[u] == centsT {
                                let j = Int(seg[u])
                                if ids[j] != ids[i] { original = j }
                            }
                            u -= 1
                        }
                        if original >= 0 { repeatsToday += 1 }
                        guard all || selection!.contains(i) else { continue }
                        var place = all ? i : selection!.rank(i)
                        if blocks != nil {
                            if filled == bufferRows { try flush() }
                            blockPlaces[filled] = place
                            blockInvoiceRows[filled] = Int32(i)
                            blockOriginals[filled] = Int32(original)
                            place = filled
                            filled += 1
                        }
                        let row = out.baseAddress! + place * p
                        row.initialize(repeating: 0, count: p)
                        let logA = anomalyLog(amount[i])
                        logs[t] = logA
                        let dueDay = due[i]
                        let terms: Double = dueDay.isMissing ? .nan : Double(Int(dueDay.raw) - Int(day))
                        row[Column.logAmount.rawValue] = logA
                        row[Column.termsDays.rawValue] = terms.isNaN ? 0 : terms
                        row[Column.roundAmountLevel.rawValue] = Double(roundLevel(cents: centsT))
                        row[Column.log1pPriorInvoiceCount.rawValue] = Self.log1p(history, table: log1pOf)
                        if history > 0 {
                            row[Column.customerPriorRepeatShare.rawValue] = Double(repeatsBefore) / Double(history)
                        }
                        if original >= 0 {
                            row[Column.duplicateOfEarlier.rawValue] = 1
                            if blocks == nil { duplicateIds[place] = ids[original] }
                        }
                        if history == 0 {
                            row[Column.newCustomer.rawValue] = 1
                            if population == nil {
                                population = AnomalyFirstInvoiceMedians(
                                    firstDay: firstDay, firstRow: firstRow, amount: amount)
                            }
                            if let median = population!.median(before: day) {
                                row[Column.newCustomerLogAmountVsPopulation.rawValue] = logA - median
                            }
                            continue
                        }
                        let used = windows.used(history)
                        windows.prepareQuery(0, used: used)
                        // Usual amount: median (and MAD) of the last `used` log amounts.
                        let med = windows.medianAmount(0, used: used)
                        row[Column.logAmountRatioToCustomerMax.rawValue] = logA - windows.maximumAmount(0, used: used)
                        let ratio = logA - med
                        row[Column.logAmountRatioToCustomerMedian.rawValue] = ratio
                        if history >= zMin {
                            let mad = windows.madAmount(0, used: used, median: med)
                            row[Column.amountRobustZ.rawValue] = ratio / max(1.4826 * mad, floor)
                        }
                        // Usual terms: median of the known earlier terms in the window.
                        if !terms.isNaN, let usual = windows.medianTerms(0) {
                            row[Column.termsMinusUsualDays.rawValue] = terms - usual
                        }
                        row[Column.log1pDaysSincePrevious.rawValue] = Self.log1p(max(0, Int(day) - Int(lastDay)), table: log1pOf)
                        row[Column.customerPriorRoundShare.rawValue] = Double(roundCount) / Double(history)
                        if lastCurrency >= 0 && lastCurrency != cur[i] { row[Column.currencyChanged.rawValue] = 1 }
                        let method = met[i].rawValue
                        if method != 0 && lastMethod != 0 && method != lastMethod { row[Column.paymentMethodChanged.rawValue] = 1 }
                    }
                    if e > last { break }

                    // 2. Fold the day's invoices into the state.
                    for t in g..<e {
                        let i = Int(seg[t])
                        if t >= windowFrom {
                            let dueDay = due[i]
                            // A requested row of the day already holds its log amount.
                            let logA = t <= last && (all || selection!.contains(i)) ? logs[t] : anomalyLog(amount[i])
                            windows.append(0, history: t, logAmount: logA,
                                           terms: dueDay.isMissing ? .nan : Double(Int(dueDay.raw) - Int(day)))
                        }
                        if isRound(cents: cents[t]) { roundCount += 1 }
                        let method = met[i].rawValue
                        if method != 0 { lastMethod = method }
                    }
                    lastDay = day
                    lastCurrency = cur[Int(seg[e - 1])]
                    repeatsBefore += repeatsToday
                    repeatsToday = 0
                    g = e
                }
            }
            try flush()
        }}}}}}}}}}}}}}}
        if blocks != nil { return nil }

        guard let requested, let selection else {
            return AnomalyFeatureMatrix(
                names: names, invoiceRows: (0..<n).map { Int32($0) }, invoiceIds: invoices.invoiceIds, values: values,
                duplicateOriginalId: duplicateIds, options: options)
        }
        let invoiceRows = requested.map { Int32($0) }
        let invoiceIds = requested.map { invoices.invoiceIds[$0] }
        if selection.inRequestOrder {
            return AnomalyFeatureMatrix(
                names: names, invoiceRows: invoiceRows, invoiceIds: invoiceIds, values: values,
                duplicateOriginalId: duplicateIds, options: options)
        }
        // Requests out of order or repeated: each request gets a copy of its row's computed row.
        let outRows = requested.count
        let places = requested.map { selection.rank($0) }
        let ordered = [Double](unsafeUninitializedCapacity: outRows * p) { buffer, count in
            values.withUnsafeBufferPointer { computed in
                for (k, place) in places.enumerated() {
                    (buffer.baseAddress! + k * p).initialize(from: computed.baseAddress! + place * p, count: p)
                }
            }
            count = outRows * p
        }
        return AnomalyFeatureMatrix(
            names: names, invoiceRows: invoiceRows, invoiceIds: invoiceIds, values: ordered,
            duplicateOriginalId: places.map { duplicateIds[$0] }, options: options)
    }

    /// 2 for a whole multiple of 1000 without cents, 1 for a multiple of 100, else 0.
    @inline(__always)
    static func roundLevel(_ amount: Double) -> Int {
        roundLevel(cents: roundedToCents(amount))
    }

    /// `(amount * 100).rounded()` (half away from zero), bit for bit, without a call into libm's
    /// `round` (two per invoice in the sweep): below 2⁵² the fraction `x − trunc(x)` is exact, at or
    /// above it every double is a whole number already.
    static func roundedToCents(_ amount: Double) -> Double {
        let x = amount * 100
        guard x > 0 && x < 4_503_599_627_370_496 else { return x.rounded() }
        let whole = Double(Int64(x))
        return x - whole >= 0.5 ? whole + 1 : whole
    }

    /// `roundLevel` of an amount whose ``roundedToCents(_:)`` is `cents`.
    @inline(__always)
    static func roundLevel(cents: Double) -> Int {
        guard cents < 9.0e15 else { return 0 }
        let c = Int64(cents)
        if c % 100_000 == 0 { return 2 }
        if c % 10_000 == 0 { return 1 }
        return 0
    }

    /// Entries of the walk's table of `log1p` of whole numbers.
    static let log1pTableSize = 4096

    /// `log1p(Double(k))` for `k ≥ 0`, from `table` (NaN: not computed yet) when `k` is in it.
    @inline(__always)
    static func log1p(_ k: Int, table: UnsafeMutableBufferPointer<Double>) -> Double {
        guard k < table.count else { return anomalyLog1p(Double(k)) }
        let cached = table[k]
        if !cached.isNaN { return cached }
        let value = anomalyLog1p(Double(k))
        table[k] = value
        return value
    }

    /// `roundLevel(cents:) > 0`, with one remainder instead of two (a multiple of 1000 is one of 100).
    @inline(__always)
    static func isRound(cents: Double) -> Bool {
        guard cents < 9.0e15 else { return false }
        return Int64(cents) % 10_000 == 0
    }

    /// Invoice rows customer by customer (customer `c` at `start[c]..<start[c + 1]`), each customer's
    /// rows in input order: one counting sort, into an array that is not zero-filled first.
    static func customerOrder(_ customer: [Int32], start: [Int]) -> [Int32] {
        let n = customer.count
        var next = start
        return [Int32](unsafeUninitializedCapacity: n) { out, count in
            next.withUnsafeMutableBufferPointer { next in
                customer.withUnsafeBufferPointer { customer in
                    for i in 0..<n {
                        let c = Int(customer[i])
                        out[next[c]] = Int32(i)
                        next[c] += 1
                    }
                }
            }
            count = n
        }
    }
}

#if canImport(Glibc)
@inline(__always) fileprivate func anomalyLog(_ x: Double) -> Double { Glibc.log(x) }
@inline(__always) fileprivate func anomalyLog1p(_ x: Double) -> Double { Glibc.log1p(x) }
#else
@inline(__always) fileprivate func anomalyLog(_ x: Double) -> Double { Foundation.log(x) }
@inline(__always) fileprivate func anomalyLog1p(_ x: Double) -> Double { Foundation.log1p(x) }
#endif
