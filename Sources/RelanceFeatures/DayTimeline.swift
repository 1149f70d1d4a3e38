/// Happenings of a history ordered by the day they become known, built once with a counting sort.
///
/// Each entry is a day key and a payload (`kind` in the top 3 bits, an invoice or event index in
/// the low 29). Entries with the same day keep their insertion order, which is how the sweep
/// guarantees that, within one day, issues come before overdue transitions, payments, events and
/// promise deadlines, and that equal inputs always produce bit-identical floating-point sums.
struct DayTimeline: Sendable {
    enum Kind: UInt32 {
        case issued = 0, becameOverdue, paid, event, promiseDeadline
    }

    static let indexBits: UInt32 = 29
    static let indexMask: UInt32 = (1 << 29) - 1
    /// The largest index a payload can carry.
    static let maxIndex = Int(indexMask)

    /// Day keys in ascending order.
    private(set) var days: [Int32] = []
    /// Payloads in the same order as ``days``.
    private(set) var payloads: [UInt32] = []

    init() {}

    /// Sorts `(day, payload)` pairs by day, stably, in O(n + day range).
    init(unsortedDays: [Int32], payloads unsorted: [UInt32]) {
        let n = unsortedDays.count
        guard n > 0 else { return }
        var lo = Int32.max, hi = Int32.min
        for d in unsortedDays {
            if d < lo { lo = d }
            if d > hi { hi = d }
        }
        let range = Int(hi) - Int(lo) + 1
        var sortedDays = [Int32](repeating: 0, count: n)
        var sortedPayloads = [UInt32](repeating: 0, count: n)
        if range <= max(4 * n, 1 << 16) {
            var start = [Int](repeating: 0, count: range + 1)
            for d in unsortedDays { start[Int(d) - Int(lo) + 1] += 1 }
            for k in 1...range { start[k] += start[k - 1] }
            for i in 0..<n {
                let k = Int(unsortedDays[i]) - Int(lo)
                let at = start[k]
                start[k] = at + 1
                sortedDays[at] = unsortedDays[i]
                sortedPayloads[at] = unsorted[i]
            }
        } else {
            // Sparse days (a few invoices spread over centuries): a stable comparison sort.
            let order = (0..<n).sorted {
                unsortedDays[$0] != unsortedDays[$1] ? unsortedDays[$0] < unsortedDays[$1] : $0 < $1
            }
            for (at, i) in order.enumerated() {
                sortedDays[at] = unsortedDays[i]
                sortedPayloads[at] = unsorted[i]
            }
        }
        days = sortedDays
        payloads = sortedPayloads
    }

    static func payload(_ kind: Kind, _ index: Int) -> UInt32 {
        (kind.rawValue << indexBits) | UInt32(index)
    }

    @inline(__always) static func kind(of payload: UInt32) -> UInt32 { payload >> indexBits }
    @inline(__always) static func index(of payload: UInt32) -> Int { Int(payload & indexMask) }

    var count: Int { days.count }
}
