#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif
import RelanceData
@testable import RelanceFeatures

/// The anomaly feature sweep as it was before the customer-major rewrite (one sweep over every
/// invoice in issue-day order, per-customer state in flat arrays, duplicates in a second pass),
/// kept verbatim as the reference the production code must match bit for bit.
enum AnomalyFeaturesReference {
    /// The day-order sweep: `rows` nil means every invoice, in row order.
    static func compute(
        _ invoices: InvoiceTable, customerCount: Int, options: AnomalyFeatureOptions, rows requested: [Int]?
    ) throws -> AnomalyFeatureMatrix {
        let k = options.historyWindow
        if let problem = options.validationProblem() { throw AnomalyFeatureError.invalidOptions(problem) }
        let n = invoices.count
        let p = AnomalyFeatures.Column.allCases.count
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
                    row[AnomalyFeatures.Column.logAmount.rawValue] = logA
                    row[AnomalyFeatures.Column.termsDays.rawValue] = terms.isNaN ? 0 : terms
                    let level = AnomalyFeatures.roundLevel(amount[i])
                    row[AnomalyFeatures.Column.roundAmountLevel.rawValue] = Double(level)
                    row[AnomalyFeatures.Column.log1pPriorInvoiceCount.rawValue] = anomalyLog1p(Double(history))
                    if history == 0 {
                        row[AnomalyFeatures.Column.newCustomer.rawValue] = 1
                        if let m = firstAmounts.median {
                            row[AnomalyFeatures.Column.newCustomerLogAmountVsPopulation.rawValue] = logA - m
                        }
                        continue
                    }
                    let used = windows.used(history)
                    windows.prepareQuery(c, used: used)
                    // Usual amount: median (and MAD) of the last `used` log amounts.
                    let med = windows.medianAmount(c, used: used)
                    row[AnomalyFeatures.Column.logAmountRatioToCustomerMax.rawValue] = logA - windows.maximumAmount(c, used: used)
                    let ratio = logA - med
                    row[AnomalyFeatures.Column.logAmountRatioToCustomerMedian.rawValue] = ratio
                    if history >= zMin {
                        let mad = windows.madAmount(c, used: used, median: med)
                        row[AnomalyFeatures.Column.amountRobustZ.rawValue] = ratio / max(1.4826 * mad, floor)
                    }
                    // Usual terms: median of the known earlier terms in the window.
                    if !terms.isNaN, let usual = windows.medianTerms(c) {
                        row[AnomalyFeatures.Column.termsMinusUsualDays.rawValue] = terms - usual
                    }
                    row[AnomalyFeatures.Column.log1pDaysSincePrevious.rawValue] = anomalyLog1p(Double(max(0, Int(day) - Int(lday[c]))))
                    row[AnomalyFeatures.Column.customerPriorRoundShare.rawValue] = Double(rnd[c]) / Double(history)
                    if lcur[c] >= 0 && lcur[c] != cur[i] { row[AnomalyFeatures.Column.currencyChanged.rawValue] = 1 }
                    let method = met[i].rawValue
                    if method != 0 && lmet[c] != 0 && method != lmet[c] { row[AnomalyFeatures.Column.paymentMethodChanged.rawValue] = 1 }
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
                        logA = row[AnomalyFeatures.Column.logAmount.rawValue]
                        round = row[AnomalyFeatures.Column.roundAmountLevel.rawValue] > 0
                    } else {
                        logA = anomalyLog(amount[i])
                        round = AnomalyFeatures.roundLevel(amount[i]) > 0
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
            for i in 0..<n { values[i * p + AnomalyFeatures.Column.customerPriorRepeatShare.rawValue] = repeatShare[i] }
            for i in 0..<n where originals[i] >= 0 {
                values[i * p + AnomalyFeatures.Column.duplicateOfEarlier.rawValue] = 1
                duplicateIds[i] = invoices.invoiceIds[Int(originals[i])]
            }
            let rows = (0..<n).map { Int32($0) }
            return AnomalyFeatureMatrix(
                names: AnomalyFeatures.names, invoiceRows: rows, invoiceIds: invoices.invoiceIds, values: values,
                duplicateOriginalId: duplicateIds, options: options)
        }
        var duplicateIds = [String?](repeating: nil, count: outRows)
        for (k, r) in requested.enumerated() {
            let first = Int(slot[r])
            if first != k {
                for j in 0..<p { values[k * p + j] = values[first * p + j] }
            }
            values[k * p + AnomalyFeatures.Column.customerPriorRepeatShare.rawValue] = repeatShare[first]
            if originals[r] >= 0 {
                values[k * p + AnomalyFeatures.Column.duplicateOfEarlier.rawValue] = 1
                duplicateIds[k] = invoices.invoiceIds[Int(originals[r])]
            }
        }
        return AnomalyFeatureMatrix(
            names: AnomalyFeatures.names, invoiceRows: requested.map { Int32($0) }, invoiceIds: requested.map { invoices.invoiceIds[$0] },
            values: values, duplicateOriginalId: duplicateIds, options: options)
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
                centsOf[t] = AnomalyFeatures.roundedToCents(amount[i])
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

@inline(__always) fileprivate func anomalyLog(_ x: Double) -> Double { log(x) }
@inline(__always) fileprivate func anomalyLog1p(_ x: Double) -> Double { log1p(x) }
