import RelanceModels

/// Positions ordered by rank (highest first), then value (highest first), then position (lowest
/// first), by radix passes instead of a comparison sort.
///
/// Why: the day's work order sorts a hundred thousand rows; a comparison sort calling a closure
/// per comparison was a serial 10 ms step between two parallel ones. A stable radix order of the
/// values (``ScoreOrder``, on inverted order-preserving keys) and one stable counting pass over
/// the rank give the same order, ties included.
enum RankedOrder {
    /// `rank[i]` must be below 256 and the values finite. Values are compared as numbers: `-0.0`
    /// ranks with `0.0`.
    static func descending(rank: [UInt8], value: [Double]) -> [Int] {
        let n = min(rank.count, value.count)
        guard n > 1 else { return Array(0..<n) }
        let byValue = ScoreOrder.radixOrder((0..<n).map { ~ScoreOrder.key(value[$0]) })
        var start = [Int](repeating: 0, count: 257)
        for i in 0..<n { start[255 - Int(rank[i]) + 1] += 1 }
        for b in 0..<256 { start[b + 1] += start[b] }
        var order = [Int](repeating: 0, count: n)
        for i in byValue {
            let b = 255 - Int(rank[i])
            order[start[b]] = i
            start[b] += 1
        }
        return order
    }
}
