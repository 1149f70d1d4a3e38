import Testing
@testable import RelanceFeatures

@Suite struct RunningMedianTests {
    @Test func medianIsExactAfterEveryInsertion() {
        var g = SplitMix64(seed: 5)
        var median = RunningMedian()
        var seen: [Int64] = []
        #expect(median.median == nil)
        for _ in 0..<500 {
            let x = Int64.random(in: -30...90, using: &g)
            median.insert(x)
            seen.append(x)
            let s = seen.sorted()
            let n = s.count
            let want = n % 2 == 1 ? Double(s[n / 2]) : (Double(s[n / 2 - 1]) + Double(s[n / 2])) / 2
            #expect(median.median == want)
        }
    }
}
