/// Row orders of a score vector — increasing and decreasing, ties always by row order — computed
/// once and shared by every ranking metric.
///
/// The metrics need the same two orders five times per evaluation (ROC-AUC, average precision,
/// lift, reliability, ROC curve); a comparison sort through a closure that reads `scores[i]` costs
/// about as much as fitting the model on a million rows. Here each finite score becomes a 64-bit
/// key whose unsigned order is the numeric order (−0 and +0 share a key, as `==` has them equal),
/// and a stable least-significant-digit radix sort puts row indices in key order: ties keep row
/// order without a tie-breaking comparison. The decreasing order is the increasing one with its
/// groups of equal scores reversed, each group still in row order. The result is exactly the order
/// the comparison sorts gave.
public struct ScoreOrder {
    /// Row indices by increasing score, ties by row order.
    let ascending: [Int]
    /// Row indices by decreasing score, ties by row order.
    let descending: [Int]

    /// Scores must be finite (callers validate first).
    init(_ scores: [Double]) {
        let n = scores.count
        var keys = [UInt64](repeating: 0, count: n)
        scores.withUnsafeBufferPointer { s in
            keys.withUnsafeMutableBufferPointer { k in
                for i in 0..<n { k[i] = Self.key(s[i]) }
            }
        }
        let up = Self.radixOrder(keys)
        ascending = up
        // Reverse the groups of equal keys; inside a group keep the (row) order.
        var down = [Int](repeating: 0, count: n)
        keys.withUnsafeBufferPointer { k in
            up.withUnsafeBufferPointer { a in
                down.withUnsafeMutableBufferPointer { d in
                    var out = 0
                    var end = n
                    while end > 0 {
                        var start = end - 1
                        let key = k[a[start]]
                        while start > 0 && k[a[start - 1]] == key { start -= 1 }
                        for j in start..<end { d[out] = a[j]; out += 1 }
                        end = start
                    }
                }
            }
        }
        descending = down
    }

    /// Finite `values` in increasing order (equal values keep their relative order), as `sort()`.
    static func sorted(_ values: [Double]) -> [Double] {
        let keys = values.map(key)
        return radixOrder(keys).map { values[$0] }
    }

    /// A key whose unsigned order is the numeric order of finite doubles; −0 maps to +0's key.
    @inline(__always) public static func key(_ x: Double) -> UInt64 {
        let bits = (x + 0.0).bitPattern   // −0 + 0 = +0
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// Indices 0..<n stably ordered by `keys` (LSD radix sort, 11-bit digits; digits on which all
    /// keys agree are skipped).
    public static func radixOrder(_ keys: [UInt64]) -> [Int] {
        let n = keys.count
        guard n > 1 else { return Array(0..<n) }
        guard n <= Int(Int32.max) else {
            return keys.indices.sorted { keys[$0] < keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
        }
        let bits = 11, radix = 1 << bits, mask = UInt64(radix - 1)
        var order = [Int32](unsafeUninitializedCapacity: n) { b, c in
            for i in 0..<n { b[i] = Int32(truncatingIfNeeded: i) }
            c = n
        }
        var currentKeys = keys
        var nextOrder = [Int32](repeating: 0, count: n)
        var nextKeys = [UInt64](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: radix)
        var shift: UInt64 = 0
        while shift < 64 {
            counts.withUnsafeMutableBufferPointer { c in
                for d in 0..<radix { c[d] = 0 }
                currentKeys.withUnsafeBufferPointer { k in
                    for i in 0..<n { c[Int((k[i] >> shift) & mask)] += 1 }
                }
            }
            let single = counts.contains(n)
            if !single {
                counts.withUnsafeMutableBufferPointer { c in
                    var total = 0
                    for d in 0..<radix { let t = c[d]; c[d] = total; total += t }
                    currentKeys.withUnsafeBufferPointer { k in
                        order.withUnsafeBufferPointer { o in
                            nextKeys.withUnsafeMutableBufferPointer { nk in
                                nextOrder.withUnsafeMutableBufferPointer { no in
                                    for i in 0..<n {
                                        let d = Int((k[i] >> shift) & mask)
                                        let at = c[d]
                                        c[d] = at + 1
                                        nk[at] = k[i]
                                        no[at] = o[i]
                                    }
                                }
                            }
                        }
                    }
                }
                swap(&currentKeys, &nextKeys)
                swap(&order, &nextOrder)
            }
            shift += UInt64(bits)
        }
        return order.map { Int($0) }
    }
}
