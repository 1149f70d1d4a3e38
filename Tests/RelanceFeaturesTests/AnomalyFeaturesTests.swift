import Foundation
import Testing
@testable import RelanceFeatures

/// Anomaly features on constructed histories whose expected values are worked out by hand.
@Suite struct AnomalyFeaturesTests {
    typealias C = AnomalyFeatures.Column

    @Test func amountAndTermsAreComparedWithTheCustomersEarlierInvoices() throws {
        var h = AnomalyTestHistory()
        for k in 0..<5 { h.add("A\(k)", customer: "acme", day: 30 * k, amount: 100) }
        h.add("A5", customer: "acme", day: 150, terms: 120, amount: 1200)
        let m = try h.features()
        let r = 5
        #expect(abs(m[r, C.logAmountRatioToCustomerMedian.rawValue] - log(12.0)) < 1e-12)
        // MAD of five equal amounts is 0, so the scale is the 0.05 floor.
        #expect(abs(m[r, C.amountRobustZ.rawValue] - log(12.0) / 0.05) < 1e-9)
        #expect(m[r, C.termsDays.rawValue] == 120)
        #expect(m[r, C.termsMinusUsualDays.rawValue] == 90)
        #expect(abs(m[r, C.log1pDaysSincePrevious.rawValue] - log1p(30.0)) < 1e-12)
        #expect(abs(m[r, C.log1pPriorInvoiceCount.rawValue] - log1p(5.0)) < 1e-12)
        #expect(m[r, C.newCustomer.rawValue] == 0)
        // The fifth invoice has only four earlier ones: no robust z yet (minimum history 5).
        #expect(m[4, C.amountRobustZ.rawValue] == 0)
        #expect(m[0, C.newCustomer.rawValue] == 1)
    }

    @Test func robustZUsesTheMedianAbsoluteDeviation() throws {
        var h = AnomalyTestHistory()
        let amounts: [Double] = [100, 200, 400, 100, 200]
        for (k, a) in amounts.enumerated() { h.add("B\(k)", customer: "b", day: k, amount: a) }
        h.add("B5", customer: "b", day: 10, amount: 800)
        let m = try h.features()
        // log amounts: median log 200; |dev| = {log2, 0, log2, log2, 0} → MAD = log 2.
        let expected = log(4.0) / (1.4826 * log(2.0))
        #expect(abs(m[5, C.amountRobustZ.rawValue] - expected) < 1e-12)
    }

    @Test func usualAmountUsesOnlyTheLastWindowOfInvoices() throws {
        var h = AnomalyTestHistory()
        for (k, a) in [1000.0, 1000, 1000, 10, 10, 10].enumerated() { h.add("W\(k)", customer: "w", day: k, amount: a) }
        h.add("W6", customer: "w", day: 9, amount: 10)
        let m = try h.features(AnomalyFeatureOptions(historyWindow: 3))
        #expect(m[6, C.logAmountRatioToCustomerMedian.rawValue] == 0)
        let wide = try h.features(AnomalyFeatureOptions(historyWindow: 24))
        // Six earlier amounts {1000×3, 10×3}: median of logs is the mean of log 10 and log 1000.
        #expect(abs(wide[6, C.logAmountRatioToCustomerMedian.rawValue] - (log(10.0) - log(100.0))) < 1e-12)
    }

    @Test func invoicesOfTheSameDayDoNotSeeEachOther() throws {
        var h = AnomalyTestHistory()
        h.add("S1", customer: "s", day: 5, amount: 100)
        h.add("S2", customer: "s", day: 5, amount: 900)
        let m = try h.features()
        #expect(m[0, C.newCustomer.rawValue] == 1)
        #expect(m[1, C.newCustomer.rawValue] == 1)
        #expect(m[1, C.logAmountRatioToCustomerMedian.rawValue] == 0)
    }

    @Test func firstInvoiceIsComparedWithEarlierFirstInvoicesOfThePopulation() throws {
        var h = AnomalyTestHistory()
        h.add("P1", customer: "p1", day: 0, amount: 100)
        h.add("P2", customer: "p2", day: 1, amount: 300)
        h.add("P3", customer: "p3", day: 2, amount: 200)
        h.add("P1b", customer: "p1", day: 2, amount: 50_000)  // not a first invoice: never enters
        h.add("P4", customer: "p4", day: 3, amount: 4000)
        let m = try h.features()
        #expect(m[0, C.newCustomerLogAmountVsPopulation.rawValue] == 0)  // nobody known before
        // Before day 1: {100} → log(300/100).
        #expect(abs(m[1, C.newCustomerLogAmountVsPopulation.rawValue] - log(3.0)) < 1e-12)
        // Before day 3: first invoices {100, 300, 200} → median 200.
        #expect(abs(m[4, C.newCustomerLogAmountVsPopulation.rawValue] - log(20.0)) < 1e-12)
        #expect(m[3, C.newCustomerLogAmountVsPopulation.rawValue] == 0)
    }

    @Test func duplicateIsLinkedOnTheLaterInvoiceOnly() throws {
        var h = AnomalyTestHistory()
        h.add("INV-1", customer: "d", day: 10, amount: 512.34)
        h.add("INV-2", customer: "d", day: 13, amount: 512.34)   // 3 days later: duplicate of INV-1
        h.add("INV-3", customer: "d", day: 30, amount: 512.34)   // 17 days after INV-2: outside the window
        h.add("INV-4", customer: "e", day: 11, amount: 512.34)   // another customer: never a duplicate
        h.add("INV-5", customer: "d", day: 31, amount: 512.35)   // one cent differs
        let m = try h.features()
        #expect(m.duplicateOriginalId == [nil, "INV-1", nil, nil, nil])
        #expect(m[1, C.duplicateOfEarlier.rawValue] == 1)
        #expect(m[0, C.duplicateOfEarlier.rawValue] == 0)
    }

    @Test func repeatShareCountsOnlyEarlierDays() throws {
        var h = AnomalyTestHistory()
        h.add("R1", customer: "r", day: 0, amount: 10)
        h.add("R2", customer: "r", day: 2, amount: 10)   // repeat of R1
        h.add("R3", customer: "r", day: 20, amount: 11)
        h.add("R4", customer: "r", day: 21, amount: 11)  // repeat of R3
        h.add("R5", customer: "r", day: 21, amount: 12)  // same day as R4: R4 not yet counted
        h.add("R6", customer: "r", day: 40, amount: 13)
        let m = try h.features()
        let col = C.customerPriorRepeatShare.rawValue
        #expect(m[0, col] == 0 && m[1, col] == 0)
        #expect(m[2, col] == 0.5)               // {R1, R2}: one repeat
        #expect(abs(m[3, col] - 1.0 / 3) < 1e-15) // {R1, R2, R3}
        #expect(abs(m[4, col] - 1.0 / 3) < 1e-15)
        #expect(m[5, col] == 0.4)               // {R1…R5}: R2 and R4
    }

    @Test func sameDayDuplicatePointsAtTheEarlierInputRow() throws {
        var h = AnomalyTestHistory()
        h.add("X-2", customer: "d", day: 4, amount: 77)
        h.add("X-1", customer: "d", day: 4, amount: 77)
        let m = try h.features()
        #expect(m.duplicateOriginalId == [nil, "X-2"])
    }

    @Test func duplicateIssuedAfterDayDIsNotUsedForAnInvoiceOnD() throws {
        var h = AnomalyTestHistory()
        h.add("ORIG", customer: "d", day: 10, amount: 999.99)
        h.add("LATER", customer: "d", day: 12, amount: 999.99)
        let full = try h.features()
        let cut = try h.truncated(atDay: 10).features()
        #expect(full.duplicateOriginalId[0] == nil)
        #expect(full.row(0) == cut.row(0))
        #expect(full.duplicateOriginalId[1] == "ORIG")
    }

    @Test func featuresOnTheFullHistoryEqualFeaturesOnAHistoryTruncatedAtD() throws {
        let h = AnomalyTestHistory.random(seed: 7, customers: 40, invoices: 1500)
        let full = try h.features()
        var rowOfId: [String: Int] = [:]
        for (r, id) in full.invoiceIds.enumerated() { rowOfId[id] = r }
        var checked = 0
        for cut in [0, 37, 120, 250, 399] {
            let t = h.truncated(atDay: cut)
            let part = try t.features()
            for r in 0..<part.rows {
                let f = try #require(rowOfId[part.invoiceIds[r]])
                #expect(part.row(r) == full.row(f), "invoice \(part.invoiceIds[r]) differs when truncated at day \(cut)")
                #expect(part.duplicateOriginalId[r] == full.duplicateOriginalId[f])
                checked += 1
            }
        }
        #expect(checked > 1500)
        // The history does contain the situations the property is about.
        let dupes = full.duplicateOriginalId.compactMap { $0 }.count
        #expect(dupes > 0)
    }

    /// Scoring computes rows only for the open invoices; they must be exactly the rows the full
    /// computation gives (any subset, any order, repeats), duplicate links included.
    @Test func featuresOfRequestedRowsEqualTheRowsOfTheFullComputation() throws {
        let h = AnomalyTestHistory.random(seed: 11, customers: 30, invoices: 1200)
        let full = try h.features()
        let duplicates = full.duplicateOriginalId.indices.filter { full.duplicateOriginalId[$0] != nil }
        let rows = [1199, 0, 17, 17] + stride(from: 3, to: 1200, by: 7).reversed() + duplicates.prefix(5)
        let part = try AnomalyFeatures.compute(h.invoices, customerCount: h.customers.count, rows: rows)
        #expect(part.rows == rows.count)
        #expect(part.invoiceRows == rows.map { Int32($0) })
        for (k, r) in rows.enumerated() {
            #expect(part.row(k) == full.row(r), "invoice row \(r)")
            #expect(part.invoiceIds[k] == full.invoiceIds[r])
            #expect(part.duplicateOriginalId[k] == full.duplicateOriginalId[r])
        }
        #expect(rows.contains { full.duplicateOriginalId[$0] != nil })
        // Few rows are computed by sorting each window when it is read (not keeping every window
        // sorted): with a short window, evictions happen on almost every invoice.
        for window in [1, 2, 6] {
            let options = AnomalyFeatureOptions(historyWindow: window)
            let fullK = try h.features(options)
            let partK = try AnomalyFeatures.compute(h.invoices, customerCount: h.customers.count, options: options, rows: rows)
            for (k, r) in rows.enumerated() { #expect(partK.row(k) == fullK.row(r), "window \(window), invoice row \(r)") }
        }
        let none = try AnomalyFeatures.compute(h.invoices, customerCount: h.customers.count, rows: [])
        #expect(none.rows == 0 && none.values.isEmpty)
        #expect(throws: AnomalyFeatureError.self) {
            try AnomalyFeatures.compute(h.invoices, customerCount: h.customers.count, rows: [1200])
        }
    }

    /// The sweep keeps sorted windows incrementally; this recomputes every customer-relative value
    /// the slow, obvious way (all earlier-day invoices, last K by (day, input order), sort) and
    /// requires exact equality, with a window of 6 so evictions happen constantly (and both odd and even windows occur).
    @Test func incrementalWindowsEqualANaiveRecomputation() throws {
        let h = AnomalyTestHistory.random(seed: 99, customers: 12, invoices: 900)
        let k = 6
        let m = try h.features(AnomalyFeatureOptions(historyWindow: k))
        let inv = h.invoices
        func median(_ v: [Double]) -> Double {
            let s = v.sorted()
            return s.count % 2 == 1 ? s[s.count / 2] : 0.5 * (s[s.count / 2 - 1] + s[s.count / 2])
        }
        for i in 0..<inv.count {
            let prior = (0..<inv.count).filter { inv.customer[$0] == inv.customer[i] && inv.issueDate[$0] < inv.issueDate[i] }
                .sorted { inv.issueDate[$0] != inv.issueDate[$1] ? inv.issueDate[$0] < inv.issueDate[$1] : $0 < $1 }
            guard !prior.isEmpty else {
                #expect(m[i, C.newCustomer.rawValue] == 1)
                continue
            }
            let window = Array(prior.suffix(k))
            let logs = window.map { log(inv.amount[$0]) }
            let med = median(logs)
            let logA = log(inv.amount[i])
            #expect(m[i, C.logAmountRatioToCustomerMedian.rawValue] == logA - med)
            #expect(m[i, C.logAmountRatioToCustomerMax.rawValue] == logA - logs.max()!)
            if prior.count >= 5 {
                let mad = median(logs.map { abs($0 - med) })
                #expect(m[i, C.amountRobustZ.rawValue] == (logA - med) / max(1.4826 * mad, 0.05))
            }
            let terms = window.map { Double(inv.dueDate[$0] - inv.issueDate[$0]) }
            #expect(m[i, C.termsMinusUsualDays.rawValue] == Double(inv.dueDate[i] - inv.issueDate[i]) - median(terms))
        }
    }

    @Test func roundAmountsAreGraded() {
        #expect(AnomalyFeatures.roundLevel(5000) == 2)
        #expect(AnomalyFeatures.roundLevel(1200) == 1)
        #expect(AnomalyFeatures.roundLevel(1200.5) == 0)
        #expect(AnomalyFeatures.roundLevel(1234) == 0)
        #expect(AnomalyFeatures.roundLevel(0.1 + 0.2 + 99.7) == 1)  // 100.00000000000001 is 100.00 to the cent
    }

    @Test func currencyAndPaymentMethodChangesAreAgainstThePreviousInvoice() throws {
        var h = AnomalyTestHistory()
        h.add("M1", customer: "m", day: 0, amount: 10, currency: "EUR", method: .transfer)
        h.add("M2", customer: "m", day: 1, amount: 10, currency: "USD", method: .unknown)
        h.add("M3", customer: "m", day: 2, amount: 10, currency: "USD", method: .card)
        let m = try h.features()
        #expect(m[1, C.currencyChanged.rawValue] == 1)
        #expect(m[1, C.paymentMethodChanged.rawValue] == 0)  // unknown method: no claim
        #expect(m[2, C.currencyChanged.rawValue] == 0)
        #expect(m[2, C.paymentMethodChanged.rawValue] == 1)  // vs the last known method, transfer
    }

    @Test func invalidAmountIsRefusedWithItsSourceLine() {
        var h = AnomalyTestHistory()
        h.add("Z1", customer: "z", day: 0, amount: 10)
        h.add("Z2", customer: "z", day: 1, amount: -3)
        #expect(throws: AnomalyFeatureError.invalidAmount(invoiceRow: 1, sourceLine: 3)) { try h.features() }
        #expect(AnomalyFeatureError.invalidAmount(invoiceRow: 1, sourceLine: 3).description.hasPrefix("invoices.csv:3: amount:"))
    }

    @Test func csvHasTheIdAndEveryFeature() throws {
        var h = AnomalyTestHistory()
        h.add("Q,1", customer: "q", day: 0, amount: 10)
        h.add("Q2", customer: "q", day: 1, amount: 20)
        let text = try h.features().csvText()
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0] == "invoice_id," + AnomalyFeatures.names.joined(separator: ","))
        #expect(lines[1].hasPrefix("\"Q,1\",2.302585092994046,"))
        #expect(lines[2].split(separator: ",").count == 1 + AnomalyFeatures.names.count)
    }
}
