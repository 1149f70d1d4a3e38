import Testing
@testable import RelanceFeatures

/// Labels: late after due + grace, open invoices censored (never on time), payments after the
/// cut-off treated as not yet made.
@Suite struct PaymentLabelTests {
    static func history() -> HistoryFixture {
        var f = HistoryFixture()
        f.invoice("paidEarly", customer: "A", issue: 0, due: 30, paid: 25, amount: 1)
        f.invoice("paidOnGraceEdge", customer: "A", issue: 0, due: 30, paid: 33, amount: 1)
        f.invoice("paidAfterGrace", customer: "A", issue: 0, due: 30, paid: 34, amount: 1)
        f.invoice("openNotDue", customer: "A", issue: 0, due: 60, paid: nil, amount: 1)
        f.invoice("openPastGrace", customer: "A", issue: 0, due: 40, paid: nil, amount: 1)
        f.invoice("paidAfterCutoff", customer: "A", issue: 0, due: 48, paid: 70, amount: 1)
        return f
    }

    static let cutoff = HistoryFixture.day(50)

    @Test func graceDaysMoveTheLateThreshold() throws {
        let f = Self.history()
        let strict = try PointInTimeFeatureBuilder(f.dataset, options: FeatureOptions(graceDays: 0))
        let lenient = try PointInTimeFeatureBuilder(f.dataset, options: FeatureOptions(graceDays: 3))
        #expect(strict.label(ofInvoice: f.row("paidEarly"), cutoff: Self.cutoff) == .onTime)
        #expect(strict.label(ofInvoice: f.row("paidOnGraceEdge"), cutoff: Self.cutoff) == .late)
        #expect(lenient.label(ofInvoice: f.row("paidOnGraceEdge"), cutoff: Self.cutoff) == .onTime)
        #expect(lenient.label(ofInvoice: f.row("paidAfterGrace"), cutoff: Self.cutoff) == .late)
    }

    @Test func openInvoicesAreCensoredNotLabelledOnTime() throws {
        let f = Self.history()
        let b = try PointInTimeFeatureBuilder(f.dataset, options: FeatureOptions(graceDays: 3))
        #expect(b.label(ofInvoice: f.row("openNotDue"), cutoff: Self.cutoff) == .unknown)
        // Due 40 + grace 3 = 43 < 50: it cannot be on time any more.
        #expect(b.label(ofInvoice: f.row("openPastGrace"), cutoff: Self.cutoff) == .late)
        // On the day due + grace itself it is still unknown.
        #expect(b.label(ofInvoice: f.row("openPastGrace"), cutoff: HistoryFixture.day(43)) == .unknown)
        #expect(b.label(ofInvoice: f.row("openPastGrace"), cutoff: HistoryFixture.day(44)) == .late)
    }

    @Test func paymentAfterTheCutoffCountsAsOpen() throws {
        let f = Self.history()
        let b = try PointInTimeFeatureBuilder(f.dataset, options: FeatureOptions(graceDays: 3))
        // Due 48 + 3 = 51 >= 50, paid on day 70: unknown at 50, although it was eventually late.
        #expect(b.label(ofInvoice: f.row("paidAfterCutoff"), cutoff: Self.cutoff) == .unknown)
        #expect(b.label(ofInvoice: f.row("paidAfterCutoff"), cutoff: HistoryFixture.day(52)) == .late)
        let truncated = f.dataset.truncated(at: Self.cutoff)
        let tb = try PointInTimeFeatureBuilder(truncated, options: FeatureOptions(graceDays: 3))
        for r in 0..<f.dataset.invoices.count {
            #expect(tb.label(ofInvoice: r, cutoff: Self.cutoff) == b.label(ofInvoice: r, cutoff: Self.cutoff))
        }
    }

    @Test func trainingSetKeepsOnlyKnownLabels() throws {
        let f = Self.history()
        let b = try PointInTimeFeatureBuilder(f.dataset, options: FeatureOptions(graceDays: 3))
        let m = try b.trainingFeatures(labelsAsOf: Self.cutoff)
        let ids = m.rows.map { f.dataset.invoices.invoiceIds[$0] }
        #expect(ids == ["paidEarly", "paidOnGraceEdge", "paidAfterGrace", "openPastGrace"])
        #expect(m.labels == [.onTime, .onTime, .late, .late])
        #expect(m.labels.map(\.csvField) == ["0", "0", "1", "1"])
        #expect(m.asOfDays.allSatisfy { $0 == HistoryFixture.day(0) })
    }

    @Test func publicLabelRuleAgreesWithTheBuilder() throws {
        let f = Self.history()
        let b = try PointInTimeFeatureBuilder(f.dataset, options: FeatureOptions(graceDays: 3))
        for r in 0..<f.dataset.invoices.count {
            for cutoff in [30, 43, 44, 50, 70, 71] {
                #expect(PaymentLabel.of(row: r, in: f.dataset.invoices, cutoff: HistoryFixture.day(cutoff), graceDays: 3)
                        == b.label(ofInvoice: r, cutoff: HistoryFixture.day(cutoff)))
            }
        }
    }
}
