/// Turns the customer ids of accepted invoice rows into customer codes, a batch at a time.
///
/// Why: with tens of thousands of customers the id table outgrows the processor cache and each
/// lookup waits for memory. Looking up 64 ids together — first touching every id's slot with
/// independent loads, then resolving them in file order — lets those waits overlap. Codes are
/// still assigned in file order, so the result is the same as one lookup per row.
struct CustomerCodeBatch {
    static let size = 64
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var rows: [Int] = []
    private var lines: [Int] = []
    private var hashes: [UInt64] = []
    /// Keeps the touching loads observable so that they are not optimised away.
    private(set) var touched: UInt64 = 0

    init() {
        bytes.reserveCapacity(CustomerCodeBatch.size * 16)
        ends.reserveCapacity(CustomerCodeBatch.size)
        rows.reserveCapacity(CustomerCodeBatch.size)
        lines.reserveCapacity(CustomerCodeBatch.size)
        hashes.reserveCapacity(CustomerCodeBatch.size)
    }

    var isFull: Bool { rows.count >= CustomerCodeBatch.size }

    /// Queues the id of the invoice at `row` (placeholder already in the customer column).
    mutating func add(_ key: UnsafeRawBufferPointer, row: Int, line: Int) {
        bytes.append(contentsOf: key)
        ends.append(bytes.count)
        rows.append(row)
        lines.append(line)
    }

    /// Resolves the queued ids: writes each code into `column`, interning new ids into `ids` and
    /// `table`; calls `unknown(line)` for each row whose code is `>= knownBelow`.
    mutating func resolve(
        into column: inout [Int32], table: inout ByteKeyTable, ids: inout IdInterner, knownBelow: Int32,
        unknown: (Int) -> Void
    ) {
        let n = rows.count
        guard n > 0 else { return }
        hashes.removeAll(keepingCapacity: true)
        bytes.withUnsafeBytes { all in
            var sink: UInt64 = 0
            var start = 0
            for k in 0..<n {
                let key = UnsafeRawBufferPointer(rebasing: all[start..<ends[k]])
                let h = ByteKeyTable.hash(key)
                hashes.append(h)
                sink |= table.touch(hash: h)
                start = ends[k]
            }
            touched = sink
            start = 0
            column.withUnsafeMutableBufferPointer { out in
                for k in 0..<n {
                    let key = UnsafeRawBufferPointer(rebasing: all[start..<ends[k]])
                    start = ends[k]
                    let code: Int32
                    if let c = table.value(for: key, hash: hashes[k]) {
                        code = c
                    } else {
                        code = ids.intern(String(decoding: key, as: UTF8.self))
                        _ = table.insert(key, value: code, hash: hashes[k])
                    }
                    out[rows[k]] = code
                    if code >= knownBelow { unknown(lines[k]) }
                }
            }
        }
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
    }
}
