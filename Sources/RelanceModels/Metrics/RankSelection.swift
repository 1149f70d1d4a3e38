/// The values at a few sorted positions of a large array, without sorting it.
///
/// A drift reference needs nine deciles per feature of a few hundred thousand rows; a full sort
/// (even the radix sort of ``ScoreOrder``) or repeated quickselect costs several passes with data
/// movement over every value. Here each finite value becomes ``ScoreOrder``'s order-preserving
/// 64-bit key and an MSD radix selection narrows one byte at a time: one counting pass over the
/// values, then only the buckets that hold a wanted position are gathered and refined (a byte on
/// which every key agrees costs a counting pass and no copy). The result is exactly the element a
/// stable ascending sort would place at each position — including whether a zero there is −0 or
/// +0, which share a key: the zero at that position is looked up in input order.
enum RankSelection {
    /// `values` (all finite) at the ascending, in-range `positions`.
    static func values(_ values: [Double], at positions: [Int]) -> [Double] {
        let n = values.count
        guard !positions.isEmpty else { return [] }
        precondition(positions.allSatisfy { $0 >= 0 && $0 < n }, "position out of range")
        let keys = values.map(ScoreOrder.key)
        var found = [UInt64](repeating: 0, count: positions.count)
        let wanted = positions.enumerated().map { (slot: $0.offset, rank: $0.element) }
        refine(keys, shift: 56, wanted: wanted, into: &found)
        let zeroKey = ScoreOrder.key(0)
        var result = [Double](repeating: 0, count: positions.count)
        var negatives: Int? = nil
        for (slot, key) in found.enumerated() {
            if key != zeroKey {
                result[slot] = Self.value(of: key)
                continue
            }
            // A zero: which one (−0 or +0) a stable sort puts at this position.
            let below = negatives ?? values.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
            negatives = below
            var k = positions[slot] - below
            for x in values where x == 0 {
                if k == 0 { result[slot] = x; break }
                k -= 1
            }
        }
        return result
    }

    /// The finite double whose ``ScoreOrder/key(_:)`` is `key` (+0 for the zero key).
    static func value(of key: UInt64) -> Double {
        Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
    }

    /// Fills `found[slot]` with the key at sorted position `rank` of `keys`, for each wanted pair.
    private static func refine(_ keys: [UInt64], shift: Int, wanted: [(slot: Int, rank: Int)], into found: inout [UInt64]) {
        let n = keys.count
        if n <= 48 || shift < 0 {
            let sorted = keys.sorted()
            for w in wanted { found[w.slot] = sorted[w.rank] }
            return
        }
        var counts = [Int](repeating: 0, count: 256)
        keys.withUnsafeBufferPointer { k in
            counts.withUnsafeMutableBufferPointer { c in
                let s = UInt64(shift)
                for i in 0..<n { c[Int((k[i] >> s) & 0xFF)] += 1 }
            }
        }
        // Every key shares this byte: go one byte down without copying.
        if counts.contains(n) {
            refine(keys, shift: shift - 8, wanted: wanted, into: &found)
            return
        }
        var starts = [Int](repeating: 0, count: 257)
        for d in 0..<256 { starts[d + 1] = starts[d] + counts[d] }
        // The buckets holding a wanted position, and the positions inside them.
        var byBucket: [Int: [(slot: Int, rank: Int)]] = [:]
        for w in wanted {
            var lo = 0, hi = 256   // the bucket d with starts[d] <= rank < starts[d + 1]
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if starts[mid] <= w.rank { lo = mid } else { hi = mid }
            }
            byBucket[lo, default: []].append((w.slot, w.rank - starts[lo]))
        }
        // One scatter pass puts the keys of the wanted buckets side by side in one array.
        let buckets = byBucket.keys.sorted()
        var next = [Int](repeating: -1, count: 256)   // write position per wanted bucket
        var total = 0
        for d in buckets { next[d] = total; total += counts[d] }
        let s = UInt64(shift)
        let gathered = [UInt64](unsafeUninitializedCapacity: total) { out, initialized in
            keys.withUnsafeBufferPointer { k in
                next.withUnsafeMutableBufferPointer { at in
                    for i in 0..<n {
                        let d = Int((k[i] >> s) & 0xFF)
                        let position = at[d]
                        if position >= 0 {
                            out[position] = k[i]
                            at[d] = position + 1
                        }
                    }
                }
            }
            initialized = total
        }
        var begin = 0
        for d in buckets {
            let members = Array(gathered[begin..<(begin + counts[d])])
            begin += counts[d]
            refine(members, shift: shift - 8, wanted: byBucket[d] ?? [], into: &found)
        }
    }
}
