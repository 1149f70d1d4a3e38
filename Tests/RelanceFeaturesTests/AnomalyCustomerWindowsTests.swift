import Testing
@testable import RelanceFeatures

/// The customer windows answer median, maximum, MAD and usual terms from sorted copies that are
/// built in different ways (kept sorted on every append, sorted when first read, then kept sorted);
/// every answer must be bit-for-bit the one of the plain algorithm: sort the window, take the
/// middle (0.5·(a+b) for an even count) and the MAD by merging the deviations outwards from the
/// middle.
@Suite struct AnomalyCustomerWindowsTests {
    /// The plain algorithm on one window, as the sweep computed it before any speed work.
    struct Reference {
        let median: Double, maximum: Double, mad: Double, usualTerms: Double?

        init(amounts: [Double], terms: [Double]) {
            let a = Self.insertionSorted(amounts)
            let m = a.count
            median = Self.median(a)
            maximum = a[m - 1]
            var l = m / 2 - 1, r = m / 2
            var previous = 0.0, current = 0.0
            for _ in 0...(m / 2) {
                let left = l >= 0 ? median - a[l] : Double.infinity
                let right = r < m ? a[r] - median : Double.infinity
                previous = current
                if left <= right { current = left; l -= 1 } else { current = right; r += 1 }
            }
            mad = m % 2 == 1 ? current : 0.5 * (previous + current)
            let known = Self.insertionSorted(terms.filter { !$0.isNaN })
            usualTerms = known.isEmpty ? nil : Self.median(known)
        }

        static func insertionSorted(_ v: [Double]) -> [Double] {
            var s: [Double] = []
            for x in v {
                var j = s.count
                s.append(x)
                while j > 0 && s[j - 1] > x { s[j] = s[j - 1]; j -= 1 }
                s[j] = x
            }
            return s
        }

        static func median(_ a: [Double]) -> Double {
            a.count % 2 == 1 ? a[a.count / 2] : 0.5 * (a[a.count / 2 - 1] + a[a.count / 2])
        }
    }

    /// A log amount: often one of a few values (ties, a whole window of equal amounts), else spread.
    static func logAmount(_ g: inout SplitMix64, tied: Bool) -> Double {
        if tied { return [0.0, 4.605170185988092, 6.907755278982137, 7.1][Int.random(in: 0..<4, using: &g)] }
        return Double.random(in: 0...12, using: &g)
    }

    /// Terms: usually all equal (every invoice 30 days), sometimes mixed, sometimes unknown (NaN).
    static func terms(_ g: inout SplitMix64, mixed: Bool) -> Double {
        let u = Double.random(in: 0..<1, using: &g)
        if u < 0.1 { return .nan }
        if !mixed { return 30 }
        return [0.0, 14, 30, 45, 60, 90][Int.random(in: 0..<6, using: &g)]
    }

    @Test(arguments: [1, 2, 3, 6, 24])
    func sortedOnQueryWindowsAnswerExactlyAsThePlainAlgorithm(capacity: Int) {
        var g = SplitMix64(seed: 0xA11CE + UInt64(capacity))
        let customers = 7
        let onQuery = AnomalyCustomerWindows(customers: customers, capacity: capacity, sortsOnQuery: true)
        let kept = AnomalyCustomerWindows(customers: customers, capacity: capacity, sortsOnQuery: false)
        var history = [[(amount: Double, terms: Double)]](repeating: [], count: customers)
        var queries = 0
        for step in 0..<6000 {
            let c = Int.random(in: 0..<customers, using: &g)
            // Customer 0 has only tied amounts and customer 1 only mixed terms; the others vary.
            let tied = c == 0 || (c > 1 && Double.random(in: 0..<1, using: &g) < 0.3)
            let mixed = c == 1 || (c > 1 && Double.random(in: 0..<1, using: &g) < 0.3)
            // Read a window once, twice in a row (same day) or not at all before the next append.
            // Customers 2 and 3 are read rarely, so their sorted copies are dropped after a run of
            // appends and sorted again at the next read.
            let reads = c == 2 || c == 3
                ? (Double.random(in: 0..<1, using: &g) < 0.04 ? 1 : 0)
                : Int.random(in: 0...2, using: &g)
            let h = history[c].count
            if h > 0 {
                let used = onQuery.used(h)
                #expect(used == min(h, capacity))
                let window = history[c].suffix(used)
                let want = Reference(amounts: window.map(\.amount), terms: window.map(\.terms))
                for _ in 0..<reads {
                    for w in [onQuery, kept] {
                        w.prepareQuery(c, used: used)
                        let med = w.medianAmount(c, used: used)
                        #expect(med.bitPattern == want.median.bitPattern, "step \(step)")
                        #expect(w.maximumAmount(c, used: used).bitPattern == want.maximum.bitPattern, "step \(step)")
                        #expect(w.madAmount(c, used: used, median: med).bitPattern == want.mad.bitPattern, "step \(step)")
                        #expect(w.medianTerms(c)?.bitPattern == want.usualTerms?.bitPattern, "step \(step)")
                    }
                    queries += 1
                }
            }
            let value = (amount: Self.logAmount(&g, tied: tied), terms: Self.terms(&g, mixed: mixed))
            onQuery.append(c, history: h, logAmount: value.amount, terms: value.terms)
            kept.append(c, history: h, logAmount: value.amount, terms: value.terms)
            history[c].append(value)
        }
        #expect(queries > 3000)
    }

    /// Scoring asks for the rows of some customers only, several of them on one day and on many
    /// days: the rows must equal those of the full computation (which keeps every window sorted).
    @Test(arguments: [1, 4, 24])
    func rowsOfCustomersReadOnManyDaysEqualTheFullComputation(window: Int) throws {
        let h = AnomalyTestHistory.random(seed: 23, customers: 40, invoices: 2400)
        let options = AnomalyFeatureOptions(historyWindow: window)
        let full = try h.features(options)
        // Every invoice of five customers (about an eighth of the rows, so the sort-on-query mode),
        // plus a sparse sample of the others and a repeat.
        let dense = (0..<h.invoices.count).filter { h.invoices.customer[$0] < 5 }
        let rows = dense + stride(from: 1, to: h.invoices.count, by: 97) + [dense[3]]
        #expect(rows.count * 4 < h.invoices.count)
        let part = try AnomalyFeatures.compute(h.invoices, customerCount: h.customers.count, options: options, rows: rows)
        for (k, r) in rows.enumerated() {
            #expect(part.row(k).map(\.bitPattern) == full.row(r).map(\.bitPattern), "invoice row \(r)")
        }
    }
}

/// The sweep rounds amounts to cents without calling libm's `round`; it must give exactly
/// `(amount * 100).rounded()` (half away from zero), including halves, whole numbers and amounts so
/// large that every double is whole.
@Suite struct CentsRoundingTests {
    @Test func centsRoundingEqualsRoundedHalfAwayFromZero() {
        var g = SplitMix64(seed: 0xCE47)
        var amounts: [Double] = [0.005, 0.015, 0.025, 1.005, 2.675, 100.5 / 100, 1e-320, 5e-324, 0.004999999999999999,
                                 45_035_996_273_704.95, 45_035_996_273_704.96, 45_035_996_273_705, 1e15, 1e300,
                                 .greatestFiniteMagnitude, .infinity, 0, -0.0, -1.005, -2.5]
        for _ in 0..<200_000 {
            switch Int.random(in: 0..<4, using: &g) {
            case 0: amounts.append(Double(Int.random(in: 0..<10_000_000, using: &g)) / 100 + 0.005)  // halves
            case 1: amounts.append(Double(Int.random(in: 0..<10_000_000, using: &g)) / 100)
            case 2: amounts.append(Double.random(in: 0..<1e7, using: &g))
            default: amounts.append(Double(bitPattern: UInt64.random(in: 0x3CB0_0000_0000_0000...0x4700_0000_0000_0000, using: &g)))
            }
        }
        for a in amounts {
            #expect(AnomalyFeatures.roundedToCents(a).bitPattern == (a * 100).rounded().bitPattern, "amount \(a)")
        }
    }
}
