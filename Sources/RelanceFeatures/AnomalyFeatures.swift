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
/// **One sweep.** Invoices are ordered by issue day (counting sort, stable in input order) and
/// processed day by day: first every invoice of the day is computed from the state, then the state
/// is updated with them. Per-customer state lives in flat arrays indexed by the interned customer
/// code; the "usual amount" and "usual terms" are medians over the customer's last
/// ``AnomalyFeatureOptions/historyWindow`` invoices (default 24; a ring buffer plus a sorted copy,
/// see `AnomalyCustomerWindows`), so the median is of a bounded recent history, not of the whole
/// past. No dictionary and no allocation happen per invoice.
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
        try compute(invoices, customerCount: customerCount, options: options, rows: nil)
    }

    /// Computes the anomaly features of the invoices at `rows` only (matrix row `k` = invoice row
    /// `rows[k]`; repeats allowed), with exactly the values ``compute(_:customerCount:options:)``
    /// gives those rows.
    ///
    /// The daily score needs the rows of the open invoices, a tenth of the history: the sweep still
    /// walks every invoice in issue-day order (the state of each customer depends on all of them),
    /// but computes and stores feature rows only for the requested ones. Every invoice is still
    /// validated, so bad data anywhere fails the same way as the full computation.
    public static func compute(
        _ invoices: InvoiceTable, customerCount: Int, options: AnomalyFeatureOptions = AnomalyFeatureOptions(),
        rows: [Int]
    ) throws -> AnomalyFeatureMatrix {
        try compute(invoices, customerCount: customerCount, options: options, rows: Optional(rows))
    }

    /// The one sweep behind both entry points: `rows` nil means every invoice, in row order.
    private static func compute(
        _ invoices: InvoiceTable, customerCount: Int, options: AnomalyFeatureOptions, rows requested: [Int]?
    ) throws -> AnomalyFeatureMatrix {
        let k = options.historyWindow
        guard k >= 1 else { throw AnomalyFeatureError.invalidOptions("historyWindow must be at least 1") }
        guard options.duplicateWindowDays >= 0, options.duplicateLookBack >= 0 else {
            throw AnomalyFeatureError.invalidOptions("duplicate window and look-back must not be negative")
        }
        guard options.robustScaleFloor > 0 else {
            throw AnomalyFeatureError.invalidOptions("robustScaleFloor must be positive")
        }
        let n = invoices.count
        let p = Column.allCases.count
        let customers = max(customerCount, 0)
        // Validate once, up front, so the sweep itself cannot meet bad data.
        for i in 0..<n {
            let line = i < invoices.sourceLine.count ? invoices.sourceLine[i] : 0
            if invoices.issueDate[i].isMissing { throw AnomalyFeatureError.missingIssueDate(invoiceRow: i, sourceLine: line) }
            let a = invoices.amount[i]
            if !(a > 0) || !a.isFinite { throw AnomalyFeatureError.invalidAmount(invoiceRow: i, sourceLine: line) }
            let c = invoices.customer[i]
            if c < 0 || Int(c) >= customers { throw AnomalyFeatureError.unknownCustomer(invoiceRow: i, sourceLine: line) }
        }
        // Output slot of each invoice row (-1: not requested). With repeats, the first request
        // is computed and the others copied at the end.
        var slot: [Int32]
        let outRows: Int
        if let requested {
            slot = [Int32](repeating: -1, count: n)
            for (k, r) in requested.enumerated() {
                guard r >= 0 && r < n else { throw AnomalyFeatureError.invalidOptions("invoice row \(r) out of range (\(n) invoices)") }
                if slot[r] < 0 { slot[r] = Int32(k) }
            }
            outRows = requested.count
        } else {
            slot = []
            outRows = n
        }
        let all = requested == nil

        var values = [Double](repeating: 0, count: outRows * p)
        let order = dayOrder(invoices.issueDate)

        // Flat per-customer state.
        var count = [Int32](repeating: 0, count: customers)
        var roundCount = [Int32](repeating: 0, count: customers)
        var lastDay = [Int32](repeating: 0, count: customers)
        var lastCurrency = [Int32](repeating: -1, count: customers)
        var lastMethod = [UInt8](repeating: 0, count: customers)
        // Few requested rows (the day's open invoices): keep only the arrival-order windows and
        // sort a window when a requested row reads it, rather than keeping every window sorted.
        let windows = AnomalyCustomerWindows(
            customers: customers, capacity: k, sortsOnQuery: outRows * 4 < n)
        var firstAmounts = AnomalyRunningMedian(capacity: customers)

        let zMin = Int32(max(options.minimumHistoryForRobustZ, 1))
        let floor = options.robustScaleFloor

        values.withUnsafeMutableBufferPointer { out in
        count.withUnsafeMutableBufferPointer { cnt in
        roundCount.withUnsafeMutableBufferPointer { rnd in
        lastDay.withUnsafeMutableBufferPointer { lday in
        lastCurrency.withUnsafeMutableBufferPointer { lcur in
        lastMethod.withUnsafeMutableBufferPointer { lmet in
        invoices.issueDate.withUnsafeBufferPointer { issue in
        invoices.dueDate.withUnsafeBufferPointer { due in
        invoices.amount.withUnsafeBufferPointer { amount in
        invoices.customer.withUnsafeBufferPointer { cust in
        invoices.currency.withUnsafeBufferPointer { cur in
        invoices.paymentMethod.withUnsafeBufferPointer { met in
        order.withUnsafeBufferPointer { ord in
        slot.withUnsafeBufferPointer { slot in
            var g = 0
            while g < n {
                let day = issue[Int(ord[g])].raw
                var e = g + 1
                while e < n && issue[Int(ord[e])].raw == day { e += 1 }

                // 1. Features of the day's invoices, from the state as of the end of the previous day.
                for t in g..<e {
                    let i = Int(ord[t])
                    let position = all ? i : Int(slot[i])
                    if position < 0 { continue }
                    let c = Int(cust[i])
                    let row = out.baseAddress! + position * p
                    let logA = anomalyLog(amount[i])
                    let history = Int(cnt[c])
                    let dueDay = due[i]
                    let terms: Double = dueDay.isMissing ? .nan : Double(Int(dueDay.raw) - Int(day))
                    row[Column.logAmount.rawValue] = logA
                    row[Column.termsDays.rawValue] = terms.isNaN ? 0 : terms
                    let level = roundLevel(amount[i])
                    row[Column.roundAmountLevel.rawValue] = Double(level)
                    row[Column.log1pPriorInvoiceCount.rawValue] = anomalyLog1p(Double(history))
                    if history == 0 {
                        row[Column.newCustomer.rawValue] = 1
                        if let m = firstAmounts.median {
                            row[Column.newCustomerLogAmountVsPopulation.rawValue] = logA - m
                        }
                        continue
                    }
                    let used = windows.used(history)
                    windows.prepareQuery(c, used: used)
                    // Usual amount: median (and MAD) of the last `used` log amounts.
                    let med = windows.medianAmount(c, used: used)
                    row[Column.logAmountRatioToCustomerMax.rawValue] = logA - windows.maximumAmount(c, used: used)
                    let ratio = logA - med
                    row[Column.logAmountRatioToCustomerMedian.rawValue] = ratio
                    if history >= zMin {
                        let mad = windows.madAmount(c, used: used, median: med)
                        row[Column.amountRobustZ.rawValue] = ratio / max(1.4826 * mad, floor)
                    }
                    // Usual terms: median of the known earlier terms in the window.
                    if !terms.isNaN, let usual = windows.medianTerms(c) {
                        row[Column.termsMinusUsualDays.rawValue] = terms - usual
                    }
                    row[Column.log1pDaysSincePrevious.rawValue] = anomalyLog1p(Double(max(0, Int(day) - Int(lday[c]))))
                    row[Column.customerPriorRoundShare.rawValue] = Double(rnd[c]) / Double(history)
                    if lcur[c] >= 0 && lcur[c] != cur[i] { row[Column.currencyChanged.rawValue] = 1 }
                    let method = met[i].rawValue
                    if method != 0 && lmet[c] != 0 && method != lmet[c] { row[Column.paymentMethodChanged.rawValue] = 1 }
                }

                // 2. Fold the day's invoices into the state.
                for t in g..<e {
                    let i = Int(ord[t])
                    let c = Int(cust[i])
                    let history = Int(cnt[c])
                    // A row computed in step 1 already holds the log amount and the round level.
                    let position = all ? i : Int(slot[i])
                    let logA: Double, round: Bool
                    if position >= 0 {
                        let row = out.baseAddress! + position * p
                        logA = row[Column.logAmount.rawValue]
                        round = row[Column.roundAmountLevel.rawValue] > 0
                    } else {
                        logA = anomalyLog(amount[i])
                        round = roundLevel(amount[i]) > 0
                    }
                    let dueDay = due[i]
                    windows.append(c, history: history, logAmount: logA,
                                   terms: dueDay.isMissing ? .nan : Double(Int(dueDay.raw) - Int(day)))
                    if history == 0 { firstAmounts.insert(logA) }
                    if round { rnd[c] += 1 }
                    lday[c] = day
                    lcur[c] = cur[i]
                    let method = met[i].rawValue
                    if method != 0 { lmet[c] = method }
                    cnt[c] = Int32(history + 1)
                }
                g = e
            }
        }}}}}}}}}}}}}}

        let (originals, repeatShare) = duplicateOriginals(
            invoices, dayOrder: order, customerCount: customers, options: options, shareSlot: all ? nil : slot, shareCount: outRows)
        guard let requested else {
            var duplicateIds = [String?](repeating: nil, count: n)
            for i in 0..<n { values[i * p + Column.customerPriorRepeatShare.rawValue] = repeatShare[i] }
            for i in 0..<n where originals[i] >= 0 {
                values[i * p + Column.duplicateOfEarlier.rawValue] = 1
                duplicateIds[i] = invoices.invoiceIds[Int(originals[i])]
            }
            let rows = (0..<n).map { Int32($0) }
            return AnomalyFeatureMatrix(
                names: names, invoiceRows: rows, invoiceIds: invoices.invoiceIds, values: values,
                duplicateOriginalId: duplicateIds, options: options)
        }
        var duplicateIds = [String?](repeating: nil, count: outRows)
        for (k, r) in requested.enumerated() {
            let first = Int(slot[r])
            if first != k {
                for j in 0..<p { values[k * p + j] = values[first * p + j] }
            }
            values[k * p + Column.customerPriorRepeatShare.rawValue] = repeatShare[first]
            if originals[r] >= 0 {
                values[k * p + Column.duplicateOfEarlier.rawValue] = 1
                duplicateIds[k] = invoices.invoiceIds[Int(originals[r])]
            }
        }
        return AnomalyFeatureMatrix(
            names: names, invoiceRows: requested.map { Int32($0) }, invoiceIds: requested.map { invoices.invoiceIds[$0] },
            values: values, duplicateOriginalId: duplicateIds, options: options)
    }

    /// 2 for a whole multiple of 1000 without cents, 1 for a multiple of 100, else 0.
    @inline(__always)
    static func roundLevel(_ amount: Double) -> Int {
        let cents = roundedToCents(amount)
        guard cents < 9.0e15 else { return 0 }
        let c = Int64(cents)
        if c % 100_000 == 0 { return 2 }
        if c % 10_000 == 0 { return 1 }
        return 0
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

    /// Invoice rows ordered by issue day, ties in input order (counting sort over the day range).
    static func dayOrder(_ issue: [Day]) -> [Int32] {
        let n = issue.count
        guard n > 0 else { return [] }
        var lo = Int32.max, hi = Int32.min
        for d in issue { lo = min(lo, d.raw); hi = max(hi, d.raw) }
        let span = Int(hi) - Int(lo) + 1
        if span > 4 * n + 100_000 {
            // Sparse dates over a huge range: a comparison sort is cheaper than the buckets.
            return (0..<n).sorted { issue[$0].raw != issue[$1].raw ? issue[$0].raw < issue[$1].raw : $0 < $1 }.map { Int32($0) }
        }
        var start = [Int](repeating: 0, count: span + 1)
        var order = [Int32](repeating: 0, count: n)
        start.withUnsafeMutableBufferPointer { start in
        order.withUnsafeMutableBufferPointer { order in
        issue.withUnsafeBufferPointer { issue in
            for d in issue { start[Int(d.raw) - Int(lo) + 1] += 1 }
            for b in 0..<span { start[b + 1] += start[b] }
            for i in 0..<n {
                let b = Int(issue[i].raw) - Int(lo)
                order[start[b]] = Int32(i)
                start[b] += 1
            }
        }}}
        return order
    }

    /// For each invoice row, the row of the earliest earlier invoice of the same customer with the
    /// same amount to the cent issued at most `duplicateWindowDays` before (or the same day but
    /// earlier in the input), else -1; and the customer's share of such repeats among its invoices
    /// issued on earlier days (point in time: same-day invoices are not counted).
    ///
    /// With `shareSlot` (the output slot of each invoice row, -1 when not requested), the shares
    /// are stored only for the requested rows, at their slots (`shareCount` of them): the daily
    /// score reads a tenth of the rows and need not fill an array of the whole history.
    static func duplicateOriginals(
        _ invoices: InvoiceTable, dayOrder: [Int32], customerCount: Int, options: AnomalyFeatureOptions,
        shareSlot: [Int32]? = nil, shareCount: Int? = nil
    ) -> (originals: [Int32], repeatShare: [Double]) {
        let n = invoices.count
        var result = [Int32](repeating: -1, count: n)
        var share = [Double](repeating: 0, count: shareSlot == nil ? n : (shareCount ?? n))
        guard n > 1 else { return (result, share) }
        let shareSlot = shareSlot ?? []
        let slotted = !shareSlot.isEmpty
        let window = options.duplicateWindowDays
        let lookBack = options.duplicateLookBack
        // Stable counting sort of the day order by customer: customer-major, then (day, input order).
        var start = [Int](repeating: 0, count: customerCount + 1)
        var byCustomer = [Int32](repeating: 0, count: n)
        // Issue day and amount in cents in the customer-major order, so the scans below read
        // neighbouring values instead of jumping through the row-ordered columns.
        var dayOf = [Int32](repeating: 0, count: n)
        var centsOf = [Double](repeating: 0, count: n)
        start.withUnsafeMutableBufferPointer { start in
        byCustomer.withUnsafeMutableBufferPointer { byCustomer in
        dayOf.withUnsafeMutableBufferPointer { dayOf in
        centsOf.withUnsafeMutableBufferPointer { centsOf in
        result.withUnsafeMutableBufferPointer { result in
        share.withUnsafeMutableBufferPointer { share in
        shareSlot.withUnsafeBufferPointer { shareSlot in
        dayOrder.withUnsafeBufferPointer { dayOrder in
        invoices.customer.withUnsafeBufferPointer { customer in
        invoices.issueDate.withUnsafeBufferPointer { issue in
        invoices.amount.withUnsafeBufferPointer { amount in
            for c in customer { start[Int(c) + 1] += 1 }
            for c in 0..<customerCount { start[c + 1] += start[c] }
            var next = Array(start)
            next.withUnsafeMutableBufferPointer { next in
                for i in dayOrder {
                    let c = Int(customer[Int(i)])
                    byCustomer[next[c]] = i
                    next[c] += 1
                }
            }
            for t in 0..<n {
                let i = Int(byCustomer[t])
                dayOf[t] = issue[i].raw
                centsOf[t] = roundedToCents(amount[i])
            }
            for c in 0..<customerCount {
                let s = start[c], e = start[c + 1]
                guard e - s > 1 else { continue }
                // Repeat counts over the days before the current one, and over the current day so far
                // (the first invoice of a customer is never a repeat).
                var before = 0, repeatsBefore = 0, repeatsToday = 0
                var dayStart = s
                for t in (s + 1)..<e {
                    let today = dayOf[t]
                    if today != dayOf[dayStart] {
                        repeatsBefore += repeatsToday
                        repeatsToday = 0
                        before += t - dayStart
                        dayStart = t
                    }
                    let i = Int(byCustomer[t])
                    if before > 0 {
                        let s = slotted ? Int(shareSlot[i]) : i
                        if s >= 0 { share[s] = Double(repeatsBefore) / Double(before) }
                    }
                    let cents = centsOf[t]
                    var original = -1
                    var u = t - 1
                    while u >= s && t - u <= lookBack {
                        if Int(today) - Int(dayOf[u]) > window { break }
                        if centsOf[u] == cents {
                            let j = Int(byCustomer[u])
                            if invoices.invoiceIds[j] != invoices.invoiceIds[i] { original = j }
                        }
                        u -= 1
                    }
                    result[i] = Int32(original)
                    if original >= 0 { repeatsToday += 1 }
                }
            }
        }}}}}}}}}}}
        return (result, share)
    }
}

#if canImport(Glibc)
@inline(__always) fileprivate func anomalyLog(_ x: Double) -> Double { Glibc.log(x) }
@inline(__always) fileprivate func anomalyLog1p(_ x: Double) -> Double { Glibc.log1p(x) }
#else
@inline(__always) fileprivate func anomalyLog(_ x: Double) -> Double { Foundation.log(x) }
@inline(__always) fileprivate func anomalyLog1p(_ x: Double) -> Double { Foundation.log1p(x) }
#endif
