import Foundation

/// Invoice id → row for ids that are one fixed prefix followed by a fixed-width number
/// (`INV-0000123`, `F2024-00042`): the number indexes an array.
///
/// Why: events.csv names an invoice on almost every row. With a million invoices a hash table
/// of their ids is tens of megabytes; building it and probing it were 45% of loading the three
/// files. Most accounting systems number invoices from one sequence, which this index turns
/// into one array read per event. ``build(_:)`` returns nil for ids of any other shape (mixed
/// widths or prefixes, non-digits, sparse numbers), and the caller then uses a hash table. Because
/// every id has the same width, distinct ids have distinct numbers and a match needs no further
/// comparison.
struct NumberedIdIndex {
    private let prefix: [UInt8]
    private let width: Int
    /// Per invoice number: the row (-1: none) and the invoice's customer code, side by side so
    /// that an event's lookup and its same-customer check touch one cache line.
    private let entries: [Entry]

    struct Entry {
        var row: Int32
        var customer: Int32
    }

    /// The index of `ids` (row = position), or nil when they do not all share one prefix and
    /// one width with a dense enough numbering.
    static func build(_ ids: [String], customers: [Int32]) -> NumberedIdIndex? {
        guard var first = ids.first else { return nil }
        let shape: (prefix: [UInt8], width: Int)? = first.withUTF8 { b in
            var digits = 0
            while digits < b.count, digits < 9, b[b.count - 1 - digits] &- 48 < 10 { digits += 1 }
            guard digits > 0 else { return nil }
            return (Array(b[0..<(b.count - digits)]), b.count)
        }
        guard let shape else { return nil }
        let limit = 4 * ids.count + 1024
        var numbers = [Int32](repeating: 0, count: ids.count)
        var largest = -1
        for (row, id) in ids.enumerated() {
            var id = id
            let number = id.withUTF8 { b in
                NumberedIdIndex.number(UnsafeRawBufferPointer(b), prefix: shape.prefix, width: shape.width)
            }
            guard let number, number < limit else { return nil }
            numbers[row] = Int32(number)
            largest = max(largest, number)
        }
        var entries = [Entry](repeating: Entry(row: -1, customer: -1), count: largest + 1)
        for (row, number) in numbers.enumerated() {
            // Equal numbers would mean equal ids, which the invoices reader has refused.
            entries[Int(number)] = Entry(row: Int32(row), customer: customers[row])
        }
        return NumberedIdIndex(prefix: shape.prefix, width: shape.width, entries: entries)
    }

    /// The number in `b` when it has the index's prefix and width; nil otherwise.
    @inline(__always) private static func number(_ b: UnsafeRawBufferPointer, prefix: [UInt8], width: Int) -> Int? {
        guard b.count == width else { return nil }
        let p = prefix.count
        if p > 0 {
            let same = prefix.withUnsafeBytes { pb in memcmp(pb.baseAddress!, b.baseAddress!, p) == 0 }
            guard same else { return nil }
        }
        var v = 0
        for i in p..<width {
            let d = b[i] &- 48
            guard d < 10 else { return nil }
            v = v * 10 + Int(d)
        }
        return v
    }

    /// The row and customer of the invoice whose id is `b`, nil when there is none.
    @inline(__always) func entry(for b: UnsafeRawBufferPointer) -> Entry? {
        guard let n = NumberedIdIndex.number(b, prefix: prefix, width: width), n < entries.count else { return nil }
        let e = entries[n]
        return e.row >= 0 ? e : nil
    }
}
