/// The exact median of a growing multiset of whole days, in O(log n) per insertion.
///
/// Two binary heaps split the values at the median: `lower` holds the smaller half as a min-heap
/// of negated values (so one heap routine serves both), `upper` the larger half. A customer with
/// 100,000 settled invoices costs ~17 comparisons per payment, not a 100,000-element shift.
struct RunningMedian: Sendable {
    /// Negated smaller half; `-lower[0]` is its maximum.
    private var lower: [Int64] = []
    /// Larger half; `upper[0]` is its minimum.
    private var upper: [Int64] = []

    init() {}

    var count: Int { lower.count + upper.count }

    /// Empties the multiset, keeping the storage for the next customer.
    mutating func removeAll() {
        lower.removeAll(keepingCapacity: true)
        upper.removeAll(keepingCapacity: true)
    }

    mutating func insert(_ value: Int64) {
        if lower.isEmpty || value <= -lower[0] {
            Self.push(&lower, -value)
        } else {
            Self.push(&upper, value)
        }
        if lower.count > upper.count + 1 {
            Self.push(&upper, -Self.popMin(&lower))
        } else if upper.count > lower.count {
            Self.push(&lower, -Self.popMin(&upper))
        }
    }

    /// The median (mean of the two middle values for an even count), nil when empty.
    var median: Double? {
        guard let top = lower.first else { return nil }
        if lower.count > upper.count { return Double(-top) }
        return (Double(-top) + Double(upper[0])) / 2
    }

    private static func push(_ heap: inout [Int64], _ value: Int64) {
        heap.append(value)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if heap[parent] <= value { break }
            heap[i] = heap[parent]
            i = parent
        }
        heap[i] = value
    }

    private static func popMin(_ heap: inout [Int64]) -> Int64 {
        let top = heap[0]
        let last = heap.removeLast()
        let n = heap.count
        guard n > 0 else { return top }
        var i = 0
        while true {
            let l = 2 * i + 1
            if l >= n { break }
            let r = l + 1
            let c = r < n && heap[r] < heap[l] ? r : l
            if heap[c] >= last { break }
            heap[i] = heap[c]
            i = c
        }
        heap[i] = last
        return top
    }
}
