/// The invoice rows an anomaly computation was asked for, as a bitmap with a rank index.
///
/// Why: the daily score asks for the open invoices, a tenth of a history of a million. The walk
/// over the history must tell, for every invoice, whether its row is wanted and where it goes; an
/// array of places the size of the history (4 MB of freshly touched memory, zero-filled first) cost
/// more than the rows themselves. The bitmap takes one bit per invoice, the rank one count per 64
/// invoices, and a row's place is the number of requested rows before it: the matrix rows of the
/// distinct requested rows, in row order.
final class AnomalyRequestedRows {
    /// Number of distinct requested rows (the computed rows, in row order).
    let distinct: Int
    /// True when the requests are strictly ascending: request `k` is then computed row `k`, and no
    /// copy into request order is needed.
    let inRequestOrder: Bool
    private let words: UnsafeMutablePointer<UInt64>
    /// Requested rows in the words before word `w`.
    private let rankBefore: UnsafeMutablePointer<Int32>
    private let wordCount: Int

    /// - Throws: ``AnomalyFeatureError/invalidOptions(_:)`` for a row outside `0..<invoiceCount`.
    init(_ rows: [Int], invoiceCount n: Int) throws {
        wordCount = (n + 63) / 64
        words = .allocate(capacity: max(1, wordCount))
        words.initialize(repeating: 0, count: max(1, wordCount))
        rankBefore = .allocate(capacity: wordCount + 1)
        var ascending = true
        var previous = -1
        for r in rows {
            guard r >= 0 && r < n else {
                words.deallocate()
                rankBefore.deallocate()
                throw AnomalyFeatureError.invalidOptions("invoice row \(r) out of range (\(n) invoices)")
            }
            if r <= previous { ascending = false }
            previous = r
            words[r &>> 6] |= 1 &<< UInt64(r & 63)
        }
        var total: Int32 = 0
        for w in 0..<wordCount {
            rankBefore[w] = total
            total += Int32(words[w].nonzeroBitCount)
        }
        rankBefore[wordCount] = total
        distinct = Int(total)
        inRequestOrder = ascending
    }

    deinit {
        words.deallocate()
        rankBefore.deallocate()
    }

    /// Whether invoice row `r` (in range) was requested.
    @inline(__always) func contains(_ r: Int) -> Bool {
        words[r &>> 6] & (1 &<< UInt64(r & 63)) != 0
    }

    /// The place of requested row `r` among the distinct requested rows (the number of requested
    /// rows below it).
    @inline(__always) func rank(_ r: Int) -> Int {
        let below = words[r &>> 6] & ((1 &<< UInt64(r & 63)) &- 1)
        return Int(rankBefore[r &>> 6]) + below.nonzeroBitCount
    }
}
