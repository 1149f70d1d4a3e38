/// Turns the customer ids of accepted invoice rows into customer codes, a batch at a time.
///
/// Why: with tens of thousands of customers the id table outgrows the processor cache and each
/// lookup waits for memory. Looking up 64 ids together — first touching every id's slot with
/// independent loads, then resolving them in file order — lets those waits overlap. Codes are
/// still assigned in file order, so the result is the same as one lookup per row.
struct CustomerCodeBatch {
    static let size = 64
    /// Ids of at most 16 bytes are kept as two words (see ``ByteWords``); longer ones as bytes.
    private var words0: [UInt64] = []
    private var words1: [UInt64] = []
    private var counts: [Int] = []
    private var longBytes: [UInt8] = []
    private var longEnds: [Int] = []
    private var rows: [Int] = []
    private var lines: [Int] = []
    private var hashes: [UInt64] = []
    /// Keeps the touching loads observable so that they are not optimised away.
    private(set) var touched: UInt64 = 0

    init() {
        do {
            words0.reserveCapacity(CustomerCodeBatch.size)
            words1.reserveCapacity(CustomerCodeBatch.size)
            counts.reserveCapacity(CustomerCodeBatch.size)
            longEnds.reserveCapacity(CustomerCodeBatch.size)
            rows.reserveCapacity(CustomerCodeBatch.size)
            lines.reserveCapacity(CustomerCodeBatch.size)
            hashes.reserveCapacity(CustomerCodeBatch.size)
        }
    }

    var isFull: Bool { rows.count >= CustomerCodeBatch.size }

    /// Queues the id of the invoice at `row` (placeholder already in the customer column).
    @inline(__always) mutating func add(_ key: UnsafeRawBufferPointer, row: Int, line: Int) {
        let n = key.count
        let h: UInt64
        if n <= 16 {
            let w = ByteWords.load(key)
            words0.append(w.0)
            words1.append(w.1)
            h = ByteKeyTable.hash(words: w, count: n)
        } else {
            words0.append(0)
            words1.append(0)
            longBytes.append(contentsOf: key)
            h = ByteKeyTable.hash(key)
        }
        longEnds.append(longBytes.count)
        counts.append(n)
        hashes.append(h)
        rows.append(row)
        lines.append(line)
    }

    /// Resolves the queued ids: writes each code into `column`, interning new ids into `ids` and
    /// `table`; calls `unknown(line)` for each row whose code is `>= knownBelow`.
    mutating func resolve(
        into out: UnsafeMutablePointer<Int32>, table: inout ByteKeyTable, ids: inout IdInterner, knownBelow: Int32,
        unknown: (Int) -> Void
    ) {
        let n = rows.count
        guard n > 0 else { return }
        var sink: UInt64 = 0
        for k in 0..<n { sink |= table.touch(hash: hashes[k]) }
        touched = sink
        do {
            for k in 0..<n {
                let count = counts[k]
                let code: Int32
                if count <= 16 {
                    let w = (words0[k], words1[k])
                    if let c = table.value(words: w, count: count, hash: hashes[k]) {
                        code = c
                    } else {
                        var words = w
                        code = withUnsafeBytes(of: &words) { all in
                            let key = UnsafeRawBufferPointer(rebasing: all[0..<count])
                            let c = ids.appendNew(String(decoding: key, as: UTF8.self))
                            _ = table.insert(key, value: c, hash: hashes[k])
                            return c
                        }
                    }
                } else {
                    let start = longEnds[k] - count
                    code = longBytes.withUnsafeBytes { all in
                        let key = UnsafeRawBufferPointer(rebasing: all[start..<longEnds[k]])
                        if let c = table.value(for: key, hash: hashes[k]) { return c }
                        let c = ids.appendNew(String(decoding: key, as: UTF8.self))
                        _ = table.insert(key, value: c, hash: hashes[k])
                        return c
                    }
                }
                out[rows[k]] = code
                if code >= knownBelow { unknown(lines[k]) }
            }
        }
        words0.removeAll(keepingCapacity: true)
        words1.removeAll(keepingCapacity: true)
        counts.removeAll(keepingCapacity: true)
        longBytes.removeAll(keepingCapacity: true)
        longEnds.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true)
    }
}
