/// Each customer's last `capacity` log amounts and payment terms, kept both in arrival order (a
/// ring, to know which value leaves) and sorted (so the median, maximum and MAD cost O(capacity)
/// per invoice instead of a sort).
///
/// Storage is flat, `customers × 4 × capacity` values allocated once; nothing is allocated per
/// invoice. Terms may be unknown (no due date): they are kept as NaN in the ring and left out of
/// the sorted terms.
///
/// In the sort-on-query mode a customer's sorted copies, once made for a query, are kept current by
/// the appends that follow (a binary search and a shift each, instead of a fresh insertion sort of
/// the window at the next query): a customer read on several days, or several times on one day, is
/// sorted once. After ``maintainedAppends`` appends without a query the copies are dropped (the
/// appends then only fill the rings until the next query sorts again), so a customer read once long
/// ago does not pay a shift on every later invoice: at most about one sort's worth of shifts is
/// spent per query. The sorted windows are the same either way, so the features are too.
final class AnomalyCustomerWindows {
    let capacity: Int
    /// One block per customer, `4 × capacity` values side by side (ring of amounts, sorted amounts,
    /// ring of terms, sorted terms): an invoice touches one customer's neighbouring cache lines,
    /// not four places a history apart.
    private let block: UnsafeMutablePointer<Double>
    private let knownTerms: UnsafeMutablePointer<Int32>
    /// Sort-on-query mode: 1 when the customer's sorted copies (and `knownTerms`) match its rings,
    /// so a query has nothing to sort and an append must keep them sorted.
    private let sortedIsCurrent: UnsafeMutablePointer<UInt8>
    /// Sort-on-query mode: appends since the customer's last query while its copies are current.
    private let appendsSinceQuery: UnsafeMutablePointer<UInt8>
    /// Appends kept sorted after a query before the copies are dropped: an append into a sorted
    /// window costs about a binary search and a shift of a third of it, a fresh sort about a
    /// quarter of `capacity²` moves, so about `capacity / 2` appends cost one sort.
    let maintainedAppends: Int
    private let size: Int

    /// When true, appends only fill the rings and ``prepareQuery(_:used:)`` sorts a customer's
    /// window when a row reads it: cheaper when few rows are read (the sorted windows are the
    /// same either way, so the features are too).
    let sortsOnQuery: Bool

    init(customers: Int, capacity: Int, sortsOnQuery: Bool = false) {
        self.capacity = capacity
        self.sortsOnQuery = sortsOnQuery
        size = max(1, customers * 4 * capacity)
        block = .allocate(capacity: size)
        for c in 0..<customers {
            let b = block + c * 4 * capacity
            b.initialize(repeating: 0, count: 2 * capacity)
            (b + 2 * capacity).initialize(repeating: .nan, count: capacity)
            (b + 3 * capacity).initialize(repeating: 0, count: capacity)
        }
        if customers == 0 { block.initialize(to: 0) }
        knownTerms = .allocate(capacity: max(1, customers))
        knownTerms.initialize(repeating: 0, count: max(1, customers))
        sortedIsCurrent = .allocate(capacity: max(1, customers))
        sortedIsCurrent.initialize(repeating: 0, count: max(1, customers))
        appendsSinceQuery = .allocate(capacity: max(1, customers))
        appendsSinceQuery.initialize(repeating: 0, count: max(1, customers))
        maintainedAppends = min(max(1, capacity / 2), 255)
    }

    deinit {
        block.deallocate()
        knownTerms.deallocate()
        sortedIsCurrent.deallocate()
        appendsSinceQuery.deallocate()
    }

    @inline(__always) private func ringAmount(_ c: Int) -> UnsafeMutablePointer<Double> { block + c * 4 * capacity }
    @inline(__always) private func sortedAmount(_ c: Int) -> UnsafeMutablePointer<Double> { block + (c * 4 + 1) * capacity }
    @inline(__always) private func ringTerms(_ c: Int) -> UnsafeMutablePointer<Double> { block + (c * 4 + 2) * capacity }
    @inline(__always) private func sortedTerms(_ c: Int) -> UnsafeMutablePointer<Double> { block + (c * 4 + 3) * capacity }

    /// Makes the sorted windows of customer `c` (with `used` values in the amount window) current
    /// before the median, maximum, MAD or usual terms are read; nothing to do unless
    /// ``sortsOnQuery``.
    @inline(__always) func prepareQuery(_ c: Int, used m: Int) {
        guard sortsOnQuery else { return }
        appendsSinceQuery[c] = 0
        guard sortedIsCurrent[c] == 0 else { return }
        sortedIsCurrent[c] = 1
        let ring = ringAmount(c), sorted = sortedAmount(c)
        for k in 0..<m { Self.insert(ring[k], into: sorted, count: k) }
        let ringT = ringTerms(c), sortedT = sortedTerms(c)
        var known = 0
        for k in 0..<m where !ringT[k].isNaN {
            Self.insert(ringT[k], into: sortedT, count: known)
            known += 1
        }
        knownTerms[c] = Int32(known)
    }

    /// Empties customer `c`'s window, for a walk that reuses one window for customer after
    /// customer: the next appends start again at history 0 (or at any later history, as long as
    /// the `capacity` appends before a query are made), and the next query sorts afresh.
    @inline(__always) func reset(_ c: Int) {
        sortedIsCurrent[c] = 0
        appendsSinceQuery[c] = 0
        knownTerms[c] = 0
    }

    /// Values in the amount window of a customer with `history` earlier invoices.
    @inline(__always) func used(_ history: Int) -> Int { min(history, capacity) }

    /// Median of the customer's window of log amounts (`used` ≥ 1 values).
    @inline(__always) func medianAmount(_ c: Int, used m: Int) -> Double {
        Self.median(sortedAmount(c), m)
    }

    @inline(__always) func maximumAmount(_ c: Int, used m: Int) -> Double {
        sortedAmount(c)[m - 1]
    }

    /// Median absolute deviation from `med` of the window: the deviations of a sorted window are two
    /// sorted runs (leftwards and rightwards of the middle), merged just far enough.
    @inline(__always) func madAmount(_ c: Int, used m: Int, median med: Double) -> Double {
        let a = sortedAmount(c)
        var l = m / 2 - 1, r = m / 2
        var previous = 0.0, current = 0.0
        for _ in 0...(m / 2) {
            let left = l >= 0 ? med - a[l] : Double.infinity
            let right = r < m ? a[r] - med : Double.infinity
            previous = current
            if left <= right { current = left; l -= 1 } else { current = right; r += 1 }
        }
        return m % 2 == 1 ? current : 0.5 * (previous + current)
    }

    /// Median of the customer's known terms in the window, nil when none is known.
    @inline(__always) func medianTerms(_ c: Int) -> Double? {
        let m = Int(knownTerms[c])
        return m == 0 ? nil : Self.median(sortedTerms(c), m)
    }

    /// Adds the customer's invoice number `history` (0-based) with its log amount and terms (NaN when
    /// unknown), evicting the oldest one once the window is full.
    @inline(__always) func append(_ c: Int, history: Int, logAmount: Double, terms: Double) {
        if sortsOnQuery {
            if sortedIsCurrent[c] != 0 {
                let since = Int(appendsSinceQuery[c]) + 1
                if since <= maintainedAppends {
                    appendsSinceQuery[c] = UInt8(since)
                    appendSorted(c, history: history, logAmount: logAmount, terms: terms)
                    return
                }
                sortedIsCurrent[c] = 0
            }
            // Only the rings: the next query sorts the window.
            let slot = history % capacity
            ringAmount(c)[slot] = logAmount
            ringTerms(c)[slot] = terms
            return
        }
        appendSorted(c, history: history, logAmount: logAmount, terms: terms)
    }

    /// ``append(_:history:logAmount:terms:)`` into the rings and the sorted copies (kept out of line
    /// so the ring-only path stays small enough to inline in the sweep).
    @inline(never) private func appendSorted(_ c: Int, history: Int, logAmount: Double, terms: Double) {
        let slot = history % capacity
        let ringAmount = ringAmount(c), sortedAmount = sortedAmount(c)
        let ringTerms = ringTerms(c), sortedTerms = sortedTerms(c)
        var m = min(history, capacity)
        if history >= capacity {
            // A full window: the oldest value leaves and the new one enters in one pass over the
            // values between them (the same sorted window as a removal followed by an insertion).
            // An equal value leaving and entering (every invoice on 30-day terms) changes nothing.
            if ringAmount[slot] != logAmount && !Self.replace(ringAmount[slot], with: logAmount, in: sortedAmount, count: m) {
                Self.remove(ringAmount[slot], from: sortedAmount, count: m)
                m -= 1
                Self.insert(logAmount, into: sortedAmount, count: m)
            }
            ringAmount[slot] = logAmount
            let oldTerms = ringTerms[slot]
            ringTerms[slot] = terms
            let known = Int(knownTerms[c])
            switch (oldTerms.isNaN, terms.isNaN) {
            case (false, false):
                if oldTerms != terms && !Self.replace(oldTerms, with: terms, in: sortedTerms, count: known) {
                    Self.remove(oldTerms, from: sortedTerms, count: known)
                    Self.insert(terms, into: sortedTerms, count: known - 1)
                }
            case (false, true):
                Self.remove(oldTerms, from: sortedTerms, count: known)
                knownTerms[c] -= 1
            case (true, false):
                Self.insert(terms, into: sortedTerms, count: known)
                knownTerms[c] += 1
            case (true, true):
                break
            }
            return
        }
        Self.insert(logAmount, into: sortedAmount, count: m)
        ringAmount[slot] = logAmount
        ringTerms[slot] = terms
        if !terms.isNaN {
            Self.insert(terms, into: sortedTerms, count: Int(knownTerms[c]))
            knownTerms[c] += 1
        }
    }

    /// Replaces the element ``remove(_:from:count:)`` would remove (the first one not below `old`)
    /// by `new`, keeping `a[0..<count]` sorted; false (nothing changed) when there is no such element.
    @inline(__always) static func replace(_ old: Double, with new: Double, in a: UnsafeMutablePointer<Double>, count: Int) -> Bool {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if a[mid] < old { lo = mid + 1 } else { hi = mid }
        }
        guard lo < count else { return false }
        var j = lo
        if new >= a[j] {
            while j + 1 < count && a[j + 1] < new { a[j] = a[j + 1]; j += 1 }
        } else {
            while j > 0 && a[j - 1] > new { a[j] = a[j - 1]; j -= 1 }
        }
        a[j] = new
        return true
    }

    @inline(__always) static func median(_ a: UnsafeMutablePointer<Double>, _ m: Int) -> Double {
        m % 2 == 1 ? a[m / 2] : 0.5 * (a[m / 2 - 1] + a[m / 2])
    }

    /// Inserts `v` into the sorted `a[0..<count]` (room for one more is guaranteed by the caller).
    @inline(__always) static func insert(_ v: Double, into a: UnsafeMutablePointer<Double>, count: Int) {
        var j = count - 1
        while j >= 0 && a[j] > v { a[j + 1] = a[j]; j -= 1 }
        a[j + 1] = v
    }

    /// Removes one element equal to `v` from the sorted `a[0..<count]`.
    @inline(__always) static func remove(_ v: Double, from a: UnsafeMutablePointer<Double>, count: Int) {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if a[mid] < v { lo = mid + 1 } else { hi = mid }
        }
        guard lo < count else { return }
        var j = lo
        while j + 1 < count { a[j] = a[j + 1]; j += 1 }
    }
}
