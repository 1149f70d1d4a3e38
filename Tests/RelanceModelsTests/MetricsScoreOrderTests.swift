import Foundation
import Testing
@testable import RelanceModels

/// The radix-sorted score orders shared by the metrics must be exactly the orders of a comparison
/// sort with ties broken by row order — including ties, −0 against +0, negatives and extremes.
@Suite struct MetricsScoreOrderTests {
    func comparisonOrders(_ s: [Double]) -> (up: [Int], down: [Int]) {
        (s.indices.sorted { s[$0] < s[$1] || (s[$0] == s[$1] && $0 < $1) },
         s.indices.sorted { s[$0] > s[$1] || (s[$0] == s[$1] && $0 < $1) })
    }

    @Test func radixOrderEqualsComparisonSortWithTiesByRow() {
        var rng = SystemRandomNumberGenerator()
        let specials: [Double] = [0, -0.0, 1, -1, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                                  .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0.5, 1e-300]
        for n in [0, 1, 2, 3, 17, 1000, 20_000] {
            var scores: [Double] = []
            for i in 0..<n {
                switch i % 4 {
                case 0: scores.append(Double(Int.random(in: 0..<20, using: &rng)) / 20)   // many ties
                case 1: scores.append(specials[Int.random(in: 0..<specials.count, using: &rng)])
                case 2: scores.append(Double.random(in: -1e6...1e6, using: &rng))
                default: scores.append(Double.random(in: 0...1, using: &rng))
                }
            }
            let order = ScoreOrder(scores)
            let expected = comparisonOrders(scores)
            #expect(order.ascending == expected.up, "ascending order, n = \(n)")
            #expect(order.descending == expected.down, "descending order, n = \(n)")
        }
    }

    @Test func metricsFromSharedOrdersEqualTheIndividualMetrics() throws {
        var rng = SystemRandomNumberGenerator()
        let n = 5000
        let labels = (0..<n).map { _ in Double(Int.random(in: 0...1, using: &rng)) }
        let p = (0..<n).map { _ in Double(Int.random(in: 0...200, using: &rng)) / 200 }
        let m = try BinaryClassificationMetrics(labels: labels, probabilities: p, bins: 10, rocPointLimit: nil)
        #expect(m.rocAUC == (try BinaryClassificationMetrics.rocAUC(labels: labels, scores: p)))
        #expect(m.averagePrecision == (try BinaryClassificationMetrics.averagePrecision(labels: labels, scores: p)))
        #expect(m.liftTopDecile == (try BinaryClassificationMetrics.lift(labels: labels, scores: p, topFraction: 0.1)))
        #expect(m.reliability == (try BinaryClassificationMetrics.reliabilityTable(labels: labels, probabilities: p, bins: 10)))
        #expect(m.rocCurve == (try BinaryClassificationMetrics.rocCurve(labels: labels, scores: p)))
    }
}
