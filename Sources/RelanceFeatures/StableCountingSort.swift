/// Stable orderings of indices by small integer keys (days, customer codes) in O(n + key range).
///
/// Two passes (by day, then by customer) give the (customer, day) order the replay needs; equal
/// keys keep their previous order, which fixes the order of same-day facts and therefore makes
/// floating-point sums reproducible bit for bit.
enum StableCountingSort {
    /// The indices `order` (default `0..<keys.count`) rearranged so that `keys[index]` ascends,
    /// ties kept in their order in `order`.
    static func order(by keys: [Int32], after order: [Int32]? = nil) -> [Int32] {
        let base = order ?? (0..<Int32(keys.count)).map { $0 }
        let n = base.count
        guard n > 0 else { return [] }
        var lo = Int32.max, hi = Int32.min
        for k in keys {
            if k < lo { lo = k }
            if k > hi { hi = k }
        }
        let range = Int(hi) - Int(lo) + 1
        guard range <= max(4 * keys.count, 1 << 16) else {
            // Sparse keys (a few dates spread over centuries): a stable comparison sort.
            return base.enumerated()
                .sorted { (keys[Int($0.element)], $0.offset) < (keys[Int($1.element)], $1.offset) }
                .map(\.element)
        }
        var out = [Int32](repeating: 0, count: n)
        var start = [Int](repeating: 0, count: range + 1)
        for k in keys { start[Int(k) - Int(lo) + 1] += 1 }
        for b in 1...range { start[b] += start[b - 1] }
        out.withUnsafeMutableBufferPointer { out in
            start.withUnsafeMutableBufferPointer { start in
                keys.withUnsafeBufferPointer { keys in
                    for i in base {
                        let b = Int(keys[Int(i)]) - Int(lo)
                        out[start[b]] = i
                        start[b] += 1
                    }
                }
            }
        }
        return out
    }
}
