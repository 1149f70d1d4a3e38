import Foundation
import Testing
import RelanceData
import RelanceFeatures
@testable import RelanceScoring

/// `relance score` starts the anomaly assessment as soon as invoices.csv is read. The list must be
/// the one scoring computes by itself, and an assessment made for other rows must not be used.
@Suite struct EarlyAnomalyAssessmentTests {
    static let sources: DatasetSources = {
        let dir = ScoringFixture.sampleDirectory
        return DatasetSources(
            invoices: dir.appendingPathComponent("invoices.csv"), customers: dir.appendingPathComponent("customers.csv"),
            events: dir.appendingPathComponent("events.csv"), mapping: nil, defaultCurrency: "EUR", rejects: nil)
    }()

    @Test func anAssessmentStartedWhileReadingGivesTheListScoringComputesItself() throws {
        let scorer = try OpenInvoiceScorer(models: ScoringFixture.models)
        let day = ScoringFixture.sampleAsOf
        var pending: PendingAnomalyAssessment?
        let report = try DatasetLoader.load(Self.sources) { invoices, customerCount in
            pending = scorer.startAnomalyAssessment(invoices, customerCount: customerCount, asOf: day)
        }
        let started = try #require(pending)
        let early = try scorer.score(report.dataset, asOf: day, anomalies: started)
        let own = try scorer.score(report.dataset, asOf: day)
        #expect(early.invoices.count > 100)
        #expect(early.invoices == own.invoices)
        #expect(early.invoices.contains { !$0.anomalyFlags.isEmpty })
    }

    @Test func anAssessmentMadeForAnotherDayIsNotUsed() throws {
        let scorer = try OpenInvoiceScorer(models: ScoringFixture.models)
        let day = ScoringFixture.sampleAsOf
        let dataset = ScoringFixture.sample
        // Ninety days earlier other invoices were open: its anomaly rows do not match today's.
        let other = try #require(scorer.startAnomalyAssessment(dataset.invoices, customerCount: dataset.customerCount, asOf: day - 90))
        let scored = try scorer.score(dataset, asOf: day, anomalies: other)
        let own = try scorer.score(dataset, asOf: day)
        #expect(scored.invoices == own.invoices)
    }

    @Test func equalTierAndPriorityAreOrderedByInvoiceId() {
        let ids = ["INV-9", "INV-3", "INV-7", "INV-1", "INV-5"]
        let tiers: [RiskTier] = [.high, .high, .critical, .high, .low]
        let priority = [10.0, 10.0, 1.0, 20.0, 99.0]
        let order = OpenInvoiceScorer.workOrder(tiers: tiers, priority: priority) { ids[$0] < ids[$1] }
        // critical first; then high by priority (20 before the two 10s, which go by id); then low.
        #expect(order.map { ids[$0] } == ["INV-7", "INV-1", "INV-3", "INV-9", "INV-5"])
    }
}
