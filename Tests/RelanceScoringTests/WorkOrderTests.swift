import Testing
import SyntheticData
@testable import RelanceScoring

/// The work order and the tier cutoffs come from radix passes and selection; they must be what a
/// comparison sort gives, ties and duplicates included.
@Suite struct WorkOrderTests {
    @Test func radixOrderIsTheComparisonOrder() {
        var g = SplitMix64(seed: 7)
        for round in 0..<50 {
            let n = Int(g.next() % 3000) + 2
            // Few distinct values, so that ties are common; zeros of both signs; wide magnitudes.
            let pool: [Double] = [0, -0.0, 1, 2.5, 1e-300, 7e12, 123.45, 1000, 0.5, 3]
            let value = (0..<n).map { _ in g.next() % 3 == 0 ? Double(g.next() % 1_000_000) / 7 : pool[Int(g.next() % UInt64(pool.count))] }
            let rank = (0..<n).map { _ in UInt8(g.next() % 4) }
            let expected = (0..<n).sorted { a, b in
                if rank[a] != rank[b] { return rank[a] > rank[b] }
                if value[a] != value[b] { return value[a] > value[b] }
                return a < b
            }
            #expect(RankedOrder.descending(rank: rank, value: value) == expected, "round \(round)")
        }
    }

    @Test func negativeValuesAndEdgesOrderAsNumbers() {
        let value: [Double] = [-1, 3, -0.0, 0, -1e300, .infinity, -.infinity, 2]
        let rank = [UInt8](repeating: 0, count: value.count)
        #expect(RankedOrder.descending(rank: rank, value: value) == [5, 1, 7, 2, 3, 0, 4, 6])
    }

    @Test func cutoffsBySelectionAreTheNearestRankPercentiles() {
        var g = SplitMix64(seed: 11)
        let thresholds = RiskTierThresholds()
        for _ in 0..<200 {
            let n = Int(g.next() % 500) + 1
            let p = (0..<n).map { _ in g.next() % 5 == 0 ? Double.nan : Double(g.next() % 50) * 10 }
            let sorted = p.filter(\.isFinite).sorted()
            func top(_ share: Double) -> Double {
                guard !sorted.isEmpty else { return .infinity }
                let rank = Int((Double(sorted.count) * (1 - share)).rounded(.up))
                return sorted[min(sorted.count - 1, max(0, rank - 1))]
            }
            let got = thresholds.priorityCutoffs(p)
            #expect(got.critical == top(thresholds.criticalPriorityShare) && got.high == top(thresholds.highPriorityShare))
        }
        #expect(thresholds.priorityCutoffs([]) == (.infinity, .infinity))
        #expect(thresholds.priorityCutoffs([.nan]) == (.infinity, .infinity))
    }
}
