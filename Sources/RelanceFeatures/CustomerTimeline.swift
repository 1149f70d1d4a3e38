/// Every fact of a history, grouped by customer and, within a customer, ordered by the day it
/// became known; plus the population's settled and late counts by day.
///
/// Replaying one customer's segment touches only that customer's entries, sequentially, and one
/// accumulator that stays in cache: this is what makes a million invoices take a fraction of a
/// second. Within a day, entries keep their construction order: issues, overdue transitions,
/// payments, events, promise deadlines, each by invoice or event row, so that floating-point
/// sums are reproducible bit for bit (and identical on a truncated copy of the history).
struct CustomerTimeline: Sendable {
    enum Kind: UInt32 {
        case issued = 0, becameOverdue, paid, disputeOpened, reminderBounced, hardshipReported, promiseDeadline
    }

    /// One fact. The meaning of `day`, `due` and `amount` depends on the kind:
    /// issued (issue day, -, amount), overdue (-, -, amount), paid (paid day, due day, amount),
    /// promise deadline (promise day, deadline, +1 kept / 0 broken by its invoice / -1 no invoice).
    struct Entry: Sendable {
        var key: Int32
        var kind: Kind
        var day: Int32
        var due: Int32
        var amount: Double
    }

    /// Entries of customer `c` are `entries[segmentStart[c] ..< segmentStart[c + 1]]`.
    let entries: [Entry]
    let segmentStart: [Int]

    /// `populationSettled[d - firstKey]` = payments known by the start of day `d` (key <= d).
    private let populationSettled: [Int32]
    private let populationLate: [Int32]
    private let firstKey: Int32

    /// Sorts facts `0..<keys.count` by (customer, key), ties kept in index order, and builds each
    /// entry once with `entry(index)` in its final place.
    init(
        keys: [Int32], customerOf: [Int32], customerCount: Int, graceDays: Int32,
        entry: (Int) -> Entry
    ) {
        let order = customerCount == 0
            ? [] : StableCountingSort.order(by: customerOf, after: StableCountingSort.order(by: keys))
        var sorted: [Entry] = []
        sorted.reserveCapacity(order.count)
        var start = [Int](repeating: 0, count: customerCount + 1)
        for i in order {
            sorted.append(entry(Int(i)))
            start[Int(customerOf[Int(i)]) + 1] += 1
        }
        for c in stride(from: 0, to: customerCount, by: 1) { start[c + 1] += start[c] }
        entries = sorted
        segmentStart = start

        // Population counts by day, from the payment entries.
        var lo = Int32.max, hi = Int32.min
        for e in sorted where e.kind == .paid {
            lo = min(lo, e.key)
            hi = max(hi, e.key)
        }
        if lo > hi {
            firstKey = 0
            populationSettled = []
            populationLate = []
            return
        }
        let range = Int(hi) - Int(lo) + 1
        var settled = [Int32](repeating: 0, count: range)
        var late = [Int32](repeating: 0, count: range)
        for e in sorted where e.kind == .paid {
            settled[Int(e.key - lo)] += 1
            if Self.isLate(e, graceDays: graceDays) { late[Int(e.key - lo)] += 1 }
        }
        for d in stride(from: 1, to: range, by: 1) {
            settled[d] += settled[d - 1]
            late[d] += late[d - 1]
        }
        firstKey = lo
        populationSettled = settled
        populationLate = late
    }

    /// Whether a payment entry is late: paid after due + grace.
    @inline(__always) static func isLate(_ e: Entry, graceDays: Int32) -> Bool {
        Int64(e.day) > Int64(e.due) + Int64(graceDays)
    }

    /// Settled and late invoice counts of the whole history known by the start of `day`.
    func population(asOf day: Int32) -> (settled: Int, late: Int) {
        guard !populationSettled.isEmpty, day >= firstKey else { return (0, 0) }
        let i = min(Int(day) - Int(firstKey), populationSettled.count - 1)
        return (Int(populationSettled[i]), Int(populationLate[i]))
    }
}
