/// Counts of values over fixed bins, shared by the score-by-outcome and anomaly histograms.
///
/// Build it from raw values with ``init(values:edges:)`` or pass pre-binned counts (a bundle may
/// store histograms rather than every test prediction).
public struct BinnedDistribution: Sendable, Codable, Equatable {
    /// Ascending bin edges; `edges.count == counts.count + 1`.
    public var edges: [Double]
    public var counts: [Int]

    public init(edges: [Double], counts: [Int]) {
        self.edges = edges
        self.counts = counts
    }

    /// Bins `values` over `edges`: bin i holds `edges[i] <= v < edges[i+1]`; the last bin also holds
    /// its upper edge. Values outside the edges (±infinity included) go to the nearest end bin and
    /// NaN to the last one, so that no invoice silently disappears from the chart.
    public init(values: [Double], edges: [Double]) {
        self.edges = edges
        let binCount = max(0, edges.count - 1)
        var counts = [Int](repeating: 0, count: binCount)
        guard binCount > 0 else {
            self.counts = counts
            return
        }
        for v in values {
            var index: Int
            if !v.isFinite || v < edges[0] {
                index = v.isFinite || v == -.infinity ? 0 : binCount - 1
            } else if v >= edges[binCount] {
                index = binCount - 1
            } else {
                // Binary search for the last edge <= v.
                var lo = 0, hi = binCount
                while hi - lo > 1 {
                    let mid = (lo + hi) / 2
                    if edges[mid] <= v { lo = mid } else { hi = mid }
                }
                index = lo
            }
            counts[index] += 1
        }
        self.counts = counts
    }

    /// `count + 1` evenly spaced edges from `lower` to `upper`.
    public static func evenEdges(from lower: Double, to upper: Double, count: Int) -> [Double] {
        let n = max(1, count)
        return (0...n).map { lower + (upper - lower) * Double($0) / Double(n) }
    }

    public var total: Int { counts.reduce(0, +) }
}
