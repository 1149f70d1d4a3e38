import Foundation

/// The last id of a run of invoice ids that arrived in strictly increasing byte order.
///
/// Why: most exports are sorted by invoice number; while they are, no duplicate is possible and
/// no id needs hashing. This keeps the last id as two big-endian words (ids of at most 16 bytes,
/// see ``ByteWords``), so the per-row check is two integer comparisons and no copy of bytes.
struct SortedIdRun {
    private var high: UInt64 = 0
    private var low: UInt64 = 0
    private var count = -1          // -1: no id yet
    private var long: [UInt8] = []  // the last id when longer than 16 bytes

    /// The last id, as bytes (empty before the first).
    var bytes: [UInt8] {
        if count < 0 { return [] }
        if count > 16 { return long }
        var words = (high.bigEndian, low.bigEndian)
        return withUnsafeBytes(of: &words) { Array($0[0..<count]) }
    }

    /// Whether `b` sorts strictly after the last id (true for the first id).
    @inline(__always) func precedes(_ b: UnsafeRawBufferPointer) -> Bool {
        if count < 0 { return true }
        if count <= 16, b.count <= 16 {
            let w = ByteWords.load(b)
            let h = UInt64(bigEndian: w.0), l = UInt64(bigEndian: w.1)
            if h != high { return high < h }
            if l != low { return low < l }
            return count < b.count
        }
        return LoadSession.strictlyIncreasing(bytes, b)
    }

    /// Makes `b` the last id.
    @inline(__always) mutating func set(_ b: UnsafeRawBufferPointer) {
        count = b.count
        if b.count <= 16 {
            let w = ByteWords.load(b)
            high = UInt64(bigEndian: w.0)
            low = UInt64(bigEndian: w.1)
        } else {
            long = Array(b)
        }
    }
}
