/// Streaming median of a growing set of numbers (two heaps), with storage reserved up front.
///
/// The anomaly sweep uses it for "the population's median first-invoice amount as known before
/// day D": one insertion per new customer, one O(1) query per invoice, no allocation after `init`.
struct AnomalyRunningMedian {
    /// Max-heap of the lower half.
    private var low: [Double] = []
    /// Min-heap of the upper half.
    private var high: [Double] = []

    init(capacity: Int) {
        low.reserveCapacity(capacity / 2 + 1)
        high.reserveCapacity(capacity / 2 + 1)
    }

    var count: Int { low.count + high.count }

    /// The median (mean of the two middle values for an even count); nil when empty.
    var median: Double? {
        if low.isEmpty && high.isEmpty { return nil }
        if low.count > high.count { return low[0] }
        if high.count > low.count { return high[0] }
        return 0.5 * (low[0] + high[0])
    }

    mutating func insert(_ x: Double) {
        if let top = low.first, x > top {
            Self.push(&high, x, greater: false)
        } else {
            Self.push(&low, x, greater: true)
        }
        // Rebalance so the halves differ by at most one.
        if low.count > high.count + 1 {
            let v = Self.pop(&low, greater: true)
            Self.push(&high, v, greater: false)
        } else if high.count > low.count + 1 {
            let v = Self.pop(&high, greater: false)
            Self.push(&low, v, greater: true)
        }
    }

    /// `greater == true` keeps the largest value at the root.
    @inline(__always)
    private static func before(_ a: Double, _ b: Double, greater: Bool) -> Bool { greater ? a > b : a < b }

    private static func push(_ h: inout [Double], _ x: Double, greater: Bool) {
        h.append(x)
        var i = h.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard before(h[i], h[parent], greater: greater) else { break }
            h.swapAt(i, parent)
            i = parent
        }
    }

    private static func pop(_ h: inout [Double], greater: Bool) -> Double {
        let top = h[0]
        let last = h.removeLast()
        if h.isEmpty { return top }
        h[0] = last
        var i = 0
        let n = h.count
        while true {
            let l = 2 * i + 1, r = l + 1
            var best = i
            if l < n && before(h[l], h[best], greater: greater) { best = l }
            if r < n && before(h[r], h[best], greater: greater) { best = r }
            if best == i { break }
            h.swapAt(i, best)
            i = best
        }
        return top
    }
}
