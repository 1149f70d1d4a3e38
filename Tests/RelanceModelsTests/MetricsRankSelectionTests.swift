import Foundation
import Testing
@testable import RelanceModels

/// Selected positions must be exactly the elements a stable sort puts there, and the drift
/// reference built on them exactly the one a full sort gives.
@Suite struct MetricsRankSelectionTests {
    func randomValues(_ n: Int, _ rng: inout SystemRandomNumberGenerator) -> [Double] {
        let specials: [Double] = [0, -0.0, 1, -1, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                                  .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0.5, 1e-300]
        return (0..<n).map { i in
            switch i % 5 {
            case 0: return Double(Int.random(in: 0..<4, using: &rng))                     // heavy ties
            case 1: return specials[Int.random(in: 0..<specials.count, using: &rng)]
            case 2: return Double.random(in: -1e6...1e6, using: &rng)
            case 3: return Double.random(in: 0...1, using: &rng) < 0.5 ? 0.0 : -0.0          // signed zeros
            default: return Double.random(in: 0...1, using: &rng)
            }
        }
    }

    @Test func selectedPositionsAreThoseOfAStableSortSignedZerosIncluded() {
        var rng = SystemRandomNumberGenerator()
        for n in [1, 2, 3, 47, 49, 1000, 50_000] {
            let values = randomValues(n, &rng)
            // Stable sort by numeric value: equal values (−0 and +0 included) keep input order.
            let sorted = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }.map { values[$0] }
            let positions = Array(Set((0..<12).map { _ in Int.random(in: 0..<n, using: &rng) } + [0, n - 1])).sorted()
            let got = RankSelection.values(values, at: positions)
            for (k, p) in positions.enumerated() {
                #expect(got[k].bitPattern == sorted[p].bitPattern, "n = \(n), position \(p)")
            }
        }
    }

    @Test func driftBinsEqualThoseOfAFullSort() {
        var rng = SystemRandomNumberGenerator()
        for n in [1, 5, 9, 10, 11, 200, 30_000] {
            var values = randomValues(n, &rng)
            if n > 3 { values[1] = .nan; values[2] = .infinity }
            let d = FeatureDistribution.fit(name: "x", values: values)
            // Reference: the rule on a sorted copy (stable, so zeros keep their sign and order).
            let finite = values.filter(\.isFinite)
            let sorted = finite.indices.sorted { finite[$0] < finite[$1] || (finite[$0] == finite[$1] && $0 < $1) }.map { finite[$0] }
            var edges: [Double] = []
            for k in 1..<10 where !sorted.isEmpty {
                let index = min(sorted.count - 1, max(0, Int((Double(k) * Double(sorted.count) / 10).rounded(.up)) - 1))
                let q = sorted[index]
                if let last = edges.last, q <= last { continue }
                if q >= sorted[sorted.count - 1] { break }
                edges.append(q)
            }
            #expect(d.edges.map(\.bitPattern) == edges.map(\.bitPattern), "n = \(n)")
            #expect(d.rowCount == finite.count)
            #expect(d.validationProblem == nil || finite.isEmpty)
        }
    }
}
