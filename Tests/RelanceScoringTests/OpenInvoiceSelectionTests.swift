import Testing
import RelanceData
@testable import RelanceScoring

/// Which invoices are on the list for an as-of day, and which question their probability answers.
@Suite struct OpenInvoiceSelectionTests {
    /// As of day 100: A paid on the day (not open), B paid the day after (open, 60 days past due),
    /// C issued the day after (absent), D issued on the day (open, not due), E 20 days past due,
    /// F paid before the day.
    static func book() -> Dataset {
        var f = HistoryFixture()
        f.customer("C1", name: "Dupont SARL")
        f.customer("C2", name: "Wood Consulting Inc.")
        for k in 0..<6 { f.invoice("H\(k)", customer: "C1", issue: k * 10, due: k * 10 + 30, paid: k * 10 + 35, amount: 500) }
        f.invoice("A", customer: "C1", issue: 10, due: 40, paid: 100, amount: 1_000)
        f.invoice("B", customer: "C1", issue: 10, due: 40, paid: 101, amount: 2_000)
        f.invoice("C", customer: "C2", issue: 101, due: 131, paid: nil, amount: 3_000)
        f.invoice("D", customer: "C2", issue: 100, due: 130, paid: nil, amount: 4_000)
        f.invoice("E", customer: "C2", issue: 50, due: 80, paid: nil, amount: 5_000)
        f.invoice("F", customer: "C2", issue: 90, due: 99, paid: 99, amount: 6_000)
        return f.dataset
    }

    static let asOf = HistoryFixture.day(100)

    @Test func paidOnTheAsOfDayIsNotOpenAndIssuedAfterIsAbsent() throws {
        let scorer = try OpenInvoiceScorer(models: ScoringFixture.models)
        let result = try scorer.score(Self.book(), asOf: Self.asOf)
        let ids = Set(result.invoices.map(\.invoiceId))
        #expect(ids == ["B", "D", "E"])
        #expect(!ids.contains("A"), "paid on the as-of day: not open")
        #expect(!ids.contains("C"), "issued after the as-of day: absent")
        #expect(!ids.contains("F"))
    }

    @Test func overdueInvoicesAreScoredForSevereDelayNotLateness() throws {
        let scorer = try OpenInvoiceScorer(models: ScoringFixture.models)
        let result = try scorer.score(Self.book(), asOf: Self.asOf)
        func row(_ id: String) -> (ScoredInvoice, ScoreBasis) {
            let i = result.invoices.firstIndex { $0.invoiceId == id }!
            return (result.invoices[i], result.bases[i])
        }
        let (b, bBasis) = row("B"), (d, dBasis) = row("D"), (e, eBasis) = row("E")
        #expect(dBasis == .latePayment && d.daysOverdue == -30)
        #expect(eBasis == .severeDelay && e.daysOverdue == 20)
        #expect(bBasis == .severeDelayReached && b.daysOverdue == 60)
        #expect(b.pLate == 1 && b.priority == 2_000, "60 days past due: the severe delay has happened")
        #expect(e.pLate > 0 && e.pLate < 1)
        #expect(abs(e.priority - e.pLate * 5_000) < 1e-9 && abs(d.priority - d.pLate * 4_000) < 1e-9)
        // The severe-delay probability is the severe model's, not the late model's.
        #expect(e.reasons.first?.code == "days_overdue" && e.reasons.first?.detail == "severe_delay:30")
        #expect(d.reasons.first?.code != "days_overdue")
        #expect(b.customerName == "Dupont SARL" && d.customerName == "Wood Consulting Inc.")
    }

    @Test func withoutASevereModelOverdueInvoicesCountInFull() throws {
        var models = ScoringFixture.models
        models.severeDelay = nil
        let result = try OpenInvoiceScorer(models: models).score(Self.book(), asOf: Self.asOf)
        let i = result.invoices.firstIndex { $0.invoiceId == "E" }!
        #expect(result.bases[i] == .overdueUnmodelled)
        #expect(result.invoices[i].pLate == 1 && result.invoices[i].priority == 5_000)
    }

    /// The point-in-time guarantee end to end: nothing after the as-of day changes the list.
    @Test func scoringTheFullHistoryEqualsScoringTheHistoryKnownOnTheDay() throws {
        let asOf = Day(iso: "2026-06-30")!
        let scorer = try OpenInvoiceScorer(models: ScoringFixture.models)
        let full = try scorer.score(ScoringFixture.sample, asOf: asOf)
        let known = try scorer.score(ScoringFixture.sample.truncated(at: asOf), asOf: asOf)
        #expect(full.invoices.count > 100)
        #expect(full.invoices == known.invoices)
        #expect(full.bases == known.bases)
    }

    @Test func rowsComeInWorkOrder() throws {
        let result = try OpenInvoiceScorer(models: ScoringFixture.models).score(ScoringFixture.sample, asOf: ScoringFixture.sampleAsOf)
        #expect(result.invoices.count > 300)
        for (a, b) in zip(result.invoices, result.invoices.dropFirst()) {
            #expect(a.riskTier > b.riskTier || (a.riskTier == b.riskTier && a.priority >= b.priority))
        }
        // Every tier is used on a real book, and each row's tier follows the documented rules.
        #expect(Set(result.invoices.map(\.riskTier)) == Set(RiskTier.allCases))
    }
}
