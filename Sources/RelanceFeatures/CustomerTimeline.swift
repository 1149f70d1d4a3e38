/// Every fact of a history, grouped by customer and, within a customer, ordered by the day it
/// became known; plus the population's settled and late counts by day.
///
/// Replaying one customer's segment touches only that customer's entries, sequentially, and the
/// customer's invoice facts, which sit together: this is what makes a million invoices take a
/// fraction of a second. Within a day, entries keep their construction order: issues, overdue
/// transitions, payments, events, promise deadlines, each by invoice or event order, so that
/// floating-point sums are reproducible bit for bit (and identical on a truncated copy).
struct CustomerTimeline: Sendable {
    enum Kind: UInt32 {
        case issued = 0, becameOverdue, paid, disputeOpened, reminderBounced, hardshipReported, promiseDeadline
    }

    /// One fact in 8 bytes: the day it becomes known, and `code`, the kind (top 3 bits) and an
    /// index (low 29 bits): the invoice's position in ``PreparedHistory/facts`` for invoice kinds,
    /// the event row for other events, the promise's position among the promises for a promise
    /// deadline. Everything else an entry stands for is read from there (issue, paid and due days
    /// from the invoice's facts; a promise's day and whether its invoice kept it from
    /// ``PreparedHistory/promiseDay`` and ``PreparedHistory/promiseKept``): a million-invoice
    /// timeline is then 22 MB instead of 45, which is what a daily run pays most for (fresh memory).
    struct Entry: Sendable {
        var key: Int32
        var code: UInt32

        @inline(__always) var kind: Kind { Kind(rawValue: code >> 29) ?? .issued }
        @inline(__always) var index: Int { Int(code & PreparedHistory.indexMask) }
    }

    /// Entries of customer `c` are `entries[segmentStart[c] ..< segmentStart[c + 1]]`.
    let entries: [Entry]
    let segmentStart: [Int]

    /// `populationSettled[d - firstKey]` = payments known by the start of day `d` (key <= d).
    private let populationSettled: [Int32]
    private let populationLate: [Int32]
    private let firstKey: Int32

    /// A timeline already sorted by (customer, key); `populationSettled[d - firstKey]` and
    /// `populationLate[d - firstKey]` are cumulative payment counts by key.
    init(entries: [Entry], segmentStart: [Int], populationSettled: [Int32], populationLate: [Int32], firstKey: Int32) {
        self.entries = entries
        self.segmentStart = segmentStart
        self.populationSettled = populationSettled
        self.populationLate = populationLate
        self.firstKey = firstKey
    }

    /// Settled and late invoice counts of the whole history known by the start of `day`.
    func population(asOf day: Int32) -> (settled: Int, late: Int) {
        guard !populationSettled.isEmpty, day >= firstKey else { return (0, 0) }
        let i = min(Int(day) - Int(firstKey), populationSettled.count - 1)
        return (Int(populationSettled[i]), Int(populationLate[i]))
    }
}
