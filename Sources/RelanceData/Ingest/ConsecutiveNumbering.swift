/// Whether the invoice ids read so far are one prefix and a fixed-width number that counts up by
/// one from row to row (a continuous numbering, which French invoicing rules require), tracked
/// while the rows are parsed.
///
/// Why: events.csv names invoices by id, and with such a numbering the row of an id is its number
/// minus the first one (``NumberedIdIndex``). Knowing it from the parsing, where each id's bytes
/// are at hand, spares a pass over a million id strings between reading the invoices and reading
/// the events. The shape rule is ``NumberedIdIndex``'s: the prefix is the first id without its
/// last digits (up to 9), and every id has that prefix and the first id's length.
struct ConsecutiveNumbering {
    enum State { case empty, consecutive, broken }
    private(set) var state: State = .empty
    private(set) var prefix: [UInt8] = []
    private(set) var width = 0
    /// Numbers of the first and last ids seen (while consecutive).
    private(set) var first = 0
    private(set) var last = 0

    /// Notes the id of the next accepted row.
    @inline(__always) mutating func observe(_ b: UnsafeRawBufferPointer) {
        switch state {
        case .broken:
            return
        case .consecutive:
            guard b.count == width, let n = number(b), n == last + 1 else { state = .broken; return }
            last = n
        case .empty:
            guard let shape = NumberedIdIndex.shape(of: b) else { state = .broken; return }
            prefix = shape.prefix
            width = shape.width
            guard let n = number(b) else { state = .broken; return }
            first = n
            last = n
            state = .consecutive
        }
    }

    /// The number of `b` when it has the prefix and only digits after it.
    @inline(__always) private func number(_ b: UnsafeRawBufferPointer) -> Int? {
        let p = prefix.count
        for k in 0..<p where b[k] != prefix[k] { return nil }
        var v = 0
        for i in p..<b.count {
            let d = b[i] &- 48
            guard d < 10 else { return nil }
            v = v * 10 + Int(d)
        }
        return v
    }

    /// Stops tracking (ids that are not read from the file, such as row numbers).
    mutating func breakOff() { state = .broken }

    /// The numbering of this part followed by `next` (the rows read after it).
    mutating func append(_ next: ConsecutiveNumbering) {
        switch (state, next.state) {
        case (.broken, _), (_, .empty):
            return
        case (.empty, _):
            self = next
        case (.consecutive, .broken):
            state = .broken
        case (.consecutive, .consecutive):
            if next.prefix == prefix, next.width == width, next.first == last + 1 {
                last = next.last
            } else {
                state = .broken
            }
        }
    }

    /// The index of the ids by number when every row's id followed the numbering; nil otherwise.
    /// `customers` is the invoices' customer column (row order).
    func index(customers: [Int32]) -> NumberedIdIndex? {
        guard state == .consecutive, last - first + 1 == customers.count else { return nil }
        return NumberedIdIndex.consecutive(prefix: prefix, width: width, firstNumber: first, customers: customers)
    }
}
