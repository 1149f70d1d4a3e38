import Testing
@testable import RelanceScoring

/// The documented tier rules.
@Suite struct RiskTierTests {
    let t = RiskTierThresholds()

    @Test func tiersFollowTheDocumentedRules() {
        let cut = (critical: 950.0, high: 900.0)
        #expect(t.tier(probability: 0.1, anomalyScore: 0.95, priority: 1, cutoffs: cut) == .critical, "a duplicate")
        #expect(t.tier(probability: 0.8, anomalyScore: 0, priority: 960, cutoffs: cut) == .critical)
        #expect(t.tier(probability: 0.8, anomalyScore: 0, priority: 100, cutoffs: cut) == .high, "likely late but small")
        #expect(t.tier(probability: 0.2, anomalyScore: 0, priority: 920, cutoffs: cut) == .high, "large amount at stake")
        #expect(t.tier(probability: 0.2, anomalyScore: 0.65, priority: 1, cutoffs: cut) == .high)
        #expect(t.tier(probability: 0.3, anomalyScore: 0, priority: 1, cutoffs: cut) == .medium)
        #expect(t.tier(probability: 0.1, anomalyScore: 0.35, priority: 1, cutoffs: cut) == .medium)
        #expect(t.tier(probability: 0.1, anomalyScore: 0.1, priority: 1, cutoffs: cut) == .low)
    }

    @Test func priorityCutoffsAreNearestRankPercentiles() {
        let priorities = (1...100).map(Double.init)
        let cut = t.priorityCutoffs(priorities)
        #expect(cut.critical == 95 && cut.high == 90)
        #expect(priorities.filter { $0 >= cut.critical }.count == 6)
        #expect(t.priorityCutoffs([]).critical == .infinity)
    }
}
