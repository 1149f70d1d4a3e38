import Testing
@testable import RelanceModels

/// Each rule on a small constructed history, with the flag text a user reads.
@Suite struct AnomalyRulesTests {
    func evaluate(_ h: AnomalyHistoryBuilder, _ rules: AnomalyRules = AnomalyRules()) throws -> AnomalyRuleEvaluation {
        try rules.evaluate(h.features())
    }

    @Test func duplicateIsFlaggedOnTheLaterInvoiceOnly() throws {
        var h = AnomalyHistoryBuilder()
        h.add("INV-122", customer: "a", day: 0, amount: 410.5)
        h.add("INV-123", customer: "a", day: 20, amount: 980.25)
        h.add("INV-124", customer: "a", day: 24, amount: 980.25)
        let e = try evaluate(h)
        #expect(e.flags[1].isEmpty)
        #expect(e.flags[2] == ["duplicate_of:INV-123"])
        #expect(abs(e.score[2] - 0.95) < 1e-12)
        #expect(e.score[1] == 0)
    }

    @Test func duplicateIssuedAfterTheInvoiceIsNotUsedForIt() throws {
        var h = AnomalyHistoryBuilder()
        h.add("FIRST", customer: "a", day: 10, amount: 300.01)
        h.add("SECOND", customer: "a", day: 15, amount: 300.01)
        let asOfTen = try evaluate(h.truncated(atDay: 10))
        let full = try evaluate(h)
        #expect(asOfTen.flags[0].isEmpty)
        #expect(full.flags[0].isEmpty)
        #expect(full.flags[1] == ["duplicate_of:FIRST"])
    }

    @Test func duplicateOfAHabitualRepeaterWeighsLess() throws {
        var h = AnomalyHistoryBuilder()
        // A customer reordering the same catalogue item every two days.
        for k in 0..<10 { h.add("K\(k)", customer: "k", day: 2 * k, amount: 49.9) }
        let e = try evaluate(h)
        #expect(e.flags[9] == ["duplicate_of:K6"])   // the earliest same amount within 7 days
        #expect(abs(e.score[9] - 0.3) < 1e-12)
        // Its second invoice had no earlier repeat history: full weight.
        #expect(abs(e.score[1] - 0.95) < 1e-12)
    }

    @Test func amountSpikeNamesTheRoundedMultiple() throws {
        var h = AnomalyHistoryBuilder()
        for k in 0..<6 { h.add("S\(k)", customer: "s", day: 30 * k, amount: 1000 + Double(k) * 3.17) }
        h.add("S6", customer: "s", day: 200, amount: 12_090.40)
        let e = try evaluate(h)
        #expect(e.flags[6] == ["amount_12x_usual"])
        #expect(e.flags[0...5].allSatisfy { $0.isEmpty })
    }

    @Test func absurdAmountIsFlaggedWithoutOverflow() throws {
        var h = AnomalyHistoryBuilder()
        for k in 0..<4 { h.add("O\(k)", customer: "o", day: k, amount: 0.01 * Double(k + 1)) }
        h.add("O4", customer: "o", day: 9, amount: 1e300)
        #expect(try evaluate(h).flags[4] == ["amount_1000000000000x_usual"])
    }

    @Test func amountSpikeNeedsHistory() throws {
        var h = AnomalyHistoryBuilder()
        h.add("T0", customer: "t", day: 0, amount: 100.10)
        h.add("T1", customer: "t", day: 30, amount: 100.20)
        h.add("T2", customer: "t", day: 60, amount: 2000.30)   // only two earlier invoices
        #expect(try evaluate(h).flags[2].isEmpty)
    }

    @Test func amountSpikeIsNotRaisedForACustomerWhoseAmountsAlwaysVaryWidely() throws {
        var h = AnomalyHistoryBuilder()
        for (k, a) in [50.5, 900.1, 60.2, 1100.3, 45.9, 700.7, 80.8].enumerated() {
            h.add("V\(k)", customer: "v", day: 10 * k, amount: a)
        }
        h.add("V7", customer: "v", day: 100, amount: 1300.15)   // 16× the median 80.8, but only 1.18× the largest recent amount
        #expect(try evaluate(h).flags[7].isEmpty)
    }

    @Test func aVeryLargeMultipleIsFlaggedEvenAfterAnEarlierOne() throws {
        var h = AnomalyHistoryBuilder()
        for k in 0..<6 { h.add("E\(k)", customer: "e", day: 30 * k, amount: 100 + Double(k) * 0.37) }
        h.add("E6", customer: "e", day: 200, amount: 1200.40)   // 12×: flagged
        h.add("E7", customer: "e", day: 230, amount: 1100.90)   // 11×, below E6: flagged anyway (≥ 8×)
        h.add("E8", customer: "e", day: 260, amount: 600.10)    // 6×, below E6: not flagged
        let e = try evaluate(h)
        #expect(e.flags[6] == ["amount_12x_usual"])
        #expect(e.flags[7] == ["amount_11x_usual"])
        #expect(e.flags[8].isEmpty)
    }

    @Test func unusualTermsShowTheTermsGranted() throws {
        var h = AnomalyHistoryBuilder()
        for k in 0..<4 { h.add("U\(k)", customer: "u", day: 30 * k, terms: 30, amount: 500 + Double(k) * 1.11) }
        h.add("U4", customer: "u", day: 130, terms: 120, amount: 503.5)
        h.add("U5", customer: "u", day: 160, terms: 45, amount: 504.5)  // 1.5×: a second standard
        h.add("U6", customer: "u", day: 190, terms: 60, amount: 505.5)  // 2×: still a standard
        h.add("U7", customer: "u", day: 220, terms: 7, amount: 506.5)   // 30 → 7 days: 4.3× shorter
        let e = try evaluate(h)
        #expect(e.flags[4] == ["unusual_terms:120d"])
        #expect(e.flags[5].isEmpty)
        #expect(e.flags[6].isEmpty)
        #expect(e.flags[7] == ["unusual_terms:7d"])
    }

    @Test func shortTermsNeedARealDifferenceInDays() throws {
        var h = AnomalyHistoryBuilder()
        for k in 0..<4 { h.add("Q\(k)", customer: "q", day: 30 * k, terms: 2, amount: 100 + Double(k)) }
        h.add("Q4", customer: "q", day: 130, terms: 10, amount: 104.5)  // 5× but only 8 days more
        #expect(try evaluate(h).flags[4].isEmpty)
    }

    @Test func largeFirstInvoiceOfANewCustomer() throws {
        var h = AnomalyHistoryBuilder()
        for k in 0..<9 { h.add("N\(k)", customer: "n\(k)", day: k, amount: 200 + Double(k) * 10.5) }
        h.add("BIG", customer: "newcomer", day: 20, amount: 4321.09)
        h.add("SMALL", customer: "other", day: 21, amount: 251.09)
        let e = try evaluate(h)
        #expect(e.flags[9] == ["new_customer_large_first_invoice"])
        #expect(e.flags[10].isEmpty)
    }

    @Test func roundAmountAloneOnlyWhenLargeAndOutOfCharacter() throws {
        var h = AnomalyHistoryBuilder()
        for k in 0..<6 { h.add("R\(k)", customer: "never-round", day: 10 * k, amount: 480 + Double(k) * 7.31) }
        h.add("R6", customer: "never-round", day: 70, amount: 2000)    // ≈ 4× usual, round, never seen
        h.add("R7", customer: "never-round", day: 80, amount: 500)     // round but usual size: look-alike
        h.add("R8", customer: "never-round", day: 90, amount: 1700)    // large, but only round to the hundred
        for k in 0..<6 { h.add("F\(k)", customer: "fixed-fee", day: 10 * k, amount: 500) }
        h.add("F6", customer: "fixed-fee", day: 70, amount: 2000)      // a customer billed round amounts
        let e = try evaluate(h)
        #expect(e.flags[6] == ["round_amount"])
        #expect(abs(e.score[6] - 0.4) < 1e-12)
        #expect(e.flags[7].isEmpty)
        #expect(e.flags[8].isEmpty)
        #expect(e.flags[15].isEmpty)
    }

    @Test func roundAmountJoinsAnotherFlag() throws {
        var h = AnomalyHistoryBuilder()
        for k in 0..<9 { h.add("N\(k)", customer: "n\(k)", day: k, amount: 200 + Double(k) * 10.5) }
        h.add("BIG", customer: "newcomer", day: 20, amount: 5000)
        let e = try evaluate(h)
        #expect(e.flags[9] == ["new_customer_large_first_invoice", "round_amount"])
        // Noisy-or of 0.6 and 0.4.
        #expect(abs(e.score[9] - (1 - 0.4 * 0.6)) < 1e-12)
    }

    @Test func currencyAndPaymentMethodChangesAreFlagged() throws {
        var h = AnomalyHistoryBuilder()
        h.add("C0", customer: "c", day: 0, amount: 100.5, currency: "EUR", method: .directDebit)
        h.add("C1", customer: "c", day: 30, amount: 101.5, currency: "GBP", method: .card)
        let e = try evaluate(h)
        #expect(e.flags[1] == ["currency_changed", "payment_method_changed"])
    }

    @Test func paymentMethodChangeAloneIsNotAFlag() throws {
        var h = AnomalyHistoryBuilder()
        h.add("M0", customer: "m", day: 0, amount: 100.5, currency: "EUR", method: .transfer)
        h.add("M1", customer: "m", day: 30, amount: 101.5, currency: "EUR", method: .card)
        let e = try evaluate(h)
        #expect(e.flags[1].isEmpty)
        #expect(e.score[1] == 0)
    }

    @Test func rulesRefuseAMatrixWithoutTheirColumns() throws {
        var h = AnomalyHistoryBuilder()
        h.add("C0", customer: "c", day: 0, amount: 100.5)
        let m = try h.features()
        let keep = m.names.filter { $0 != "terms_days" }
        let cols = keep.map { m.column(named: $0)! }
        let vals = (0..<m.rows).flatMap { r in cols.map { m[r, $0] } }
        let cut = AnomalyFeatureMatrix(names: keep, invoiceRows: m.invoiceRows, invoiceIds: m.invoiceIds,
                                       values: vals, duplicateOriginalId: m.duplicateOriginalId)
        #expect(throws: AnomalyDetectorError.missingFeature("terms_days")) { try AnomalyRules().evaluate(cut) }
    }
}
