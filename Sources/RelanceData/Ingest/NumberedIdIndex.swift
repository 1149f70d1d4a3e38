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
    /// The prefix as the low bytes of a word, and the mask of those bytes, when the prefix has at
    /// most 8 bytes and the ids at least 8: the prefix is then checked with one load and one
    /// comparison (a call to `memcmp` per id was most of building the index).
    private let prefixWord: UInt64
    private let prefixMask: UInt64
    private let prefixFitsWord: Bool
    /// Per invoice number: the row (-1: none) and the invoice's customer code, side by side so
    /// that an event's lookup and its same-customer check touch one cache line. Empty when the
    /// numbers are consecutive in row order (see `firstNumber`).
    private let entries: [Entry]
    /// When the invoices are numbered consecutively from `firstNumber` in row order (a
    /// continuous, chronological numbering, which French invoicing rules require), the row is the
    /// number minus `firstNumber` and `customers` is the invoices' own customer column: no
    /// per-number table is built, and a lookup reads 4 bytes per invoice instead of 8.
    private let firstNumber: Int
    private let customers: [Int32]

    struct Entry {
        var row: Int32
        var customer: Int32
    }

    private init(prefix: [UInt8], width: Int, entries: [Entry], firstNumber: Int = -1, customers: [Int32] = []) {
        self.prefix = prefix
        self.width = width
        self.entries = entries
        self.firstNumber = firstNumber
        self.customers = customers
        prefixFitsWord = prefix.count <= 8 && width >= 8
        var word: UInt64 = 0
        for (k, b) in prefix.prefix(8).enumerated() { word |= UInt64(b) << (8 * UInt64(k)) }
        prefixWord = word
        prefixMask = prefix.count >= 8 ? UInt64.max : (UInt64(1) << (8 * UInt64(prefix.count))) &- 1
    }

    /// The shape an id gives every id of a numbered set: the id without its last digits (up to 9)
    /// as the prefix, and its length; nil when it does not end with a digit.
    static func shape(of b: UnsafeRawBufferPointer) -> (prefix: [UInt8], width: Int)? {
        var digits = 0
        while digits < b.count, digits < 9, b[b.count - 1 - digits] &- 48 < 10 { digits += 1 }
        guard digits > 0 else { return nil }
        return (Array(b[0..<(b.count - digits)]), b.count)
    }

    /// The index of ids known to be numbered consecutively from `firstNumber` in row order (see
    /// ``ConsecutiveNumbering``): nothing to build.
    static func consecutive(prefix: [UInt8], width: Int, firstNumber: Int, customers: [Int32]) -> NumberedIdIndex {
        NumberedIdIndex(prefix: prefix, width: width, entries: [], firstNumber: firstNumber, customers: customers)
    }

    /// The index of `ids` (row = position), or nil when they do not all share one prefix and
    /// one width with a dense enough numbering.
    static func build(_ ids: [String], customers: [Int32]) -> NumberedIdIndex? {
        guard var first = ids.first else { return nil }
        guard let shape = first.withUTF8({ shape(of: UnsafeRawBufferPointer($0)) }) else { return nil }
        let probe = NumberedIdIndex(prefix: shape.prefix, width: shape.width, entries: [])
        let limit = 4 * ids.count + 1024
        var numbers = [Int32](repeating: 0, count: ids.count)
        var largest = -1
        let complete: Bool = numbers.withUnsafeMutableBufferPointer { numbers in
            for (row, id) in ids.enumerated() {
                var id = id
                let number = id.withUTF8 { probe.number(UnsafeRawBufferPointer($0)) }
                guard let number, number < limit else { return false }
                numbers[row] = Int32(number)
                largest = max(largest, number)
            }
            return true
        }
        guard complete else { return nil }
        if let base = numbers.first, numbers.indices.allSatisfy({ numbers[$0] == base &+ Int32($0) }) {
            return NumberedIdIndex(prefix: shape.prefix, width: shape.width, entries: [], firstNumber: Int(base), customers: customers)
        }
        var entries = [Entry](repeating: Entry(row: -1, customer: -1), count: largest + 1)
        entries.withUnsafeMutableBufferPointer { entries in
            for (row, number) in numbers.enumerated() {
                // Equal numbers would mean equal ids, which the invoices reader has refused.
                entries[Int(number)] = Entry(row: Int32(row), customer: customers[row])
            }
        }
        return NumberedIdIndex(prefix: shape.prefix, width: shape.width, entries: entries)
    }

    /// The number in `b` when it has the index's prefix and width; nil otherwise.
    @inline(__always) private func number(_ b: UnsafeRawBufferPointer) -> Int? {
        guard b.count == width else { return nil }
        let p = prefix.count
        if prefixFitsWord {
            guard b.loadUnaligned(as: UInt64.self) & prefixMask == prefixWord else { return nil }
        } else if p > 0 {
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
        guard let n = number(b) else { return nil }
        if firstNumber >= 0 {
            let row = n - firstNumber
            guard row >= 0, row < customers.count else { return nil }
            return Entry(row: Int32(row), customer: customers[row])
        }
        guard n < entries.count else { return nil }
        let e = entries[n]
        return e.row >= 0 ? e : nil
    }
}
