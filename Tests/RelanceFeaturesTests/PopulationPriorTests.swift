import Testing
@testable import RelanceFeatures

/// The prior a thin-history customer is shrunk towards is itself point in time.
@Suite struct PopulationPriorTests {
    @Test func priorUsesOnlyInvoicesSettledBeforeTheDay() throws {
        var f = HistoryFixture()
        // Before day 100: four settlements, one late.
        f.invoice("E1", customer: "E", issue: 0, due: 10, paid: 5, amount: 1)
        f.invoice("E2", customer: "E", issue: 0, due: 10, paid: 10, amount: 1)
        f.invoice("E3", customer: "E", issue: 0, due: 10, paid: 30, amount: 1)
        f.invoice("E4", customer: "E", issue: 0, due: 10, paid: 8, amount: 1)
        // After day 100: a wave of late payments that must not reach back.
        for k in 0..<20 {
            f.invoice("F\(k)", customer: "F", issue: 50, due: 60, paid: 120 + k, amount: 1)
        }
        f.invoice("NEW", customer: "G", issue: 100, due: 130, paid: nil, amount: 1)
        f.invoice("NEWER", customer: "H", issue: 200, due: 230, paid: nil, amount: 1)
        let options = FeatureOptions(priorStrength: 4)
        let m = try PointInTimeFeatureBuilder(f.dataset, options: options)
            .features(forInvoices: [f.row("NEW"), f.row("NEWER"), f.row("E1")])
        #expect(m[0, .populationLateShare] == 0.25)
        #expect(m[0, .lateShareShrunk] == 0.25)
        // On day 200 all 24 settlements are known, 21 late.
        #expect(m[1, .populationLateShare] == 21.0 / 24.0)
        // Day 0: nothing settled yet, the configured initial prior.
        #expect(m[2, .populationLateShare] == 0.5)
    }

    @Test func shrinkageWeighsOwnHistoryAgainstThePrior() throws {
        var f = HistoryFixture()
        f.invoice("O1", customer: "O", issue: 0, due: 10, paid: 5, amount: 1)      // on time
        f.invoice("O2", customer: "O", issue: 0, due: 10, paid: 9, amount: 1)      // on time
        f.invoice("P1", customer: "P", issue: 0, due: 10, paid: 40, amount: 1)     // late
        f.invoice("P2", customer: "P", issue: 0, due: 10, paid: 41, amount: 1)     // late
        f.invoice("O3", customer: "O", issue: 60, due: 90, paid: nil, amount: 1)
        let m = try PointInTimeFeatureBuilder(f.dataset, options: FeatureOptions(priorStrength: 2))
            .features(forInvoices: [f.row("O3")])
        // Prior 2/4 = 0.5; O: 0 late of 2 -> (0 + 2·0.5) / (2 + 2) = 0.25.
        #expect(m[0, .lateShareShrunk] == 0.25)
        let strong = try PointInTimeFeatureBuilder(f.dataset, options: FeatureOptions(priorStrength: 0))
            .features(forInvoices: [f.row("O3")])
        #expect(strong[0, .lateShareShrunk] == 0)
    }
}
