import Testing
@testable import RelanceFeatures

/// Invariants on seeded random histories (~2,000 invoices, 60 customers, 600 events).
@Suite struct PointInTimePropertyTests {
    static let history = RandomHistory.make(seed: 20_261_129)
    static let options = FeatureOptions(graceDays: 2)

    /// Features as of `D` use nothing after `D`: computing them on the history truncated at `D`
    /// (invoices issued later removed, later payments blanked, later events removed) gives the
    /// same bits, and the labels at `D` are the same too.
    @Test(arguments: [0, 1, 45, 366, 719, 800] + Array(stride(from: 10, through: 790, by: 20)))
    func featuresAsOfADayEqualThoseOnTheHistoryTruncatedAtThatDay(offset: Int) throws {
        let d = HistoryFixture.day(offset)
        let full = Self.history
        let cut = full.truncated(at: d)
        // Kept rows in order, so row k of the copy is the k-th kept row of the full history.
        let keptRows = (0..<full.invoices.count).filter { full.invoices.issueDate[$0] <= d }
        #expect(cut.invoices.invoiceIds == keptRows.map { full.invoices.invoiceIds[$0] })
        #expect(cut.invoices.paidDate.allSatisfy { $0.isMissing || $0 <= d })
        #expect(cut.events.date.allSatisfy { $0 <= d })

        let fullBuilder = try PointInTimeFeatureBuilder(full, options: Self.options)
        let cutBuilder = try PointInTimeFeatureBuilder(cut, options: Self.options)
        let days = [Day](repeating: d, count: keptRows.count)
        let a = try fullBuilder.features(forInvoices: keptRows, observationDays: days, labelsAsOf: d)
        let b = try cutBuilder.features(forInvoices: Array(0..<keptRows.count), observationDays: days, labelsAsOf: d)
        #expect(a.values == b.values)
        #expect(a.labels == b.labels)
        #expect(a.asOfDays == b.asOfDays)
        // Training rows (each as of its own issue day) of the invoices issued by D agree as well.
        let ta = try fullBuilder.features(forInvoices: keptRows)
        let tb = try cutBuilder.features(forInvoices: Array(0..<keptRows.count))
        #expect(ta.values == tb.values)
        // And the per-customer summaries.
        #expect(fullBuilder.customerHistories(asOf: d) == cutBuilder.customerHistories(asOf: d))
        // Scoring sets agree row for row.
        let sa = try fullBuilder.scoringFeatures(openAsOf: d)
        let sb = try cutBuilder.scoringFeatures(openAsOf: d)
        #expect(sa.rows.map { full.invoices.invoiceIds[$0] } == sb.rows.map { cut.invoices.invoiceIds[$0] })
        #expect(sa.values == sb.values)
    }

    /// Training features (all invoices in one request) equal the scoring features of the same
    /// invoice requested alone as of its issue date, through the same public function.
    @Test func trainingFeaturesEqualScoringFeaturesAsOfTheIssueDate() throws {
        let builder = try PointInTimeFeatureBuilder(Self.history, options: Self.options)
        let all = Array(0..<Self.history.invoices.count)
        let training = try builder.features(forInvoices: all)
        var g = SplitMix64(seed: 3)
        for _ in 0..<150 {
            let r = Int.random(in: 0..<all.count, using: &g)
            let issue = Self.history.invoices.issueDate[r]
            let alone = try builder.features(forInvoices: [r], observationDays: [issue])
            #expect(Array(alone.row(0)) == Array(training.row(r)), "invoice row \(r)")
            // Any observation day before the issue day means the issue day.
            let early = try builder.features(forInvoices: [r], observationDays: [issue - 30])
            #expect(Array(early.row(0)) == Array(training.row(r)))
        }
    }

    /// The order of a request does not change any row.
    @Test func requestOrderDoesNotChangeRows() throws {
        let builder = try PointInTimeFeatureBuilder(Self.history, options: Self.options)
        let all = Array(0..<Self.history.invoices.count)
        var g = SplitMix64(seed: 11)
        let shuffled = all.shuffled(using: &g)
        let a = try builder.features(forInvoices: all)
        let b = try builder.features(forInvoices: shuffled)
        for (k, r) in shuffled.enumerated() {
            #expect(Array(b.row(k)) == Array(a.row(r)))
        }
    }

    /// The replay agrees with a naive re-filtering of the whole history for every feature, for
    /// training rows and for open invoices scored at a later day.
    @Test func replayAgreesWithNaiveReference() throws {
        let history = RandomHistory.make(seed: 99, invoices: 700, customers: 25, events: 300)
        let builder = try PointInTimeFeatureBuilder(history, options: Self.options)
        let reference = NaiveFeatureReference(d: history, options: Self.options)
        let training = try builder.features(forInvoices: Array(0..<history.invoices.count))
        let scoring = try builder.scoringFeatures(openAsOf: HistoryFixture.day(500))
        #expect(scoring.rowCount > 20)
        for m in [training, scoring] {
            for i in 0..<m.rowCount {
                let expected = reference.row(m.rows[i], asOf: m.asOfDays[i].raw)
                for f in PaymentFeature.allCases {
                    let got = m[i, f]
                    let want = expected[f.rawValue]
                    let tolerance = 1e-9 * max(1, abs(want))
                    #expect(abs(got - want) <= tolerance, "row \(m.rows[i]) \(f.name): \(got) vs \(want)")
                }
            }
        }
    }

    /// Dates centuries apart make the day range far larger than the history, so the timeline and
    /// the requests are ordered by the index-sorting path instead of the moving counting sorts:
    /// the rows must still agree with the naive reference, and with the request order reversed.
    @Test func sparseDatesTakeTheOtherSortPathAndGiveTheSameRows() throws {
        var f = HistoryFixture()
        f.dataset = RandomHistory.make(seed: 5, invoices: 300, customers: 12, events: 120)
        f.invoice("OLD1", customer: "C3", issue: -120_000, due: -119_970, paid: -119_950, amount: 50)
        f.invoice("OLD2", customer: "C3", issue: -119_990, due: -119_960, paid: nil, amount: 70)
        f.invoice("FAR", customer: "C4", issue: 150_000, due: 150_030, paid: 150_020, amount: 90)
        f.event(.disputeOpened, customer: "C3", on: -119_980, invoice: f.row("OLD1"))
        let history = f.dataset
        let builder = try PointInTimeFeatureBuilder(history, options: Self.options)
        let reference = NaiveFeatureReference(d: history, options: Self.options)
        let rows = Array(0..<history.invoices.count)
        let training = try builder.features(forInvoices: rows)
        let reversed = try builder.features(forInvoices: rows.reversed())
        let scoring = try builder.scoringFeatures(openAsOf: HistoryFixture.day(500))
        #expect(scoring.rowCount > 5)
        for m in [training, reversed, scoring] {
            for i in 0..<m.rowCount {
                let expected = reference.row(m.rows[i], asOf: m.asOfDays[i].raw)
                for feature in PaymentFeature.allCases {
                    let got = m[i, feature], want = expected[feature.rawValue]
                    #expect(abs(got - want) <= 1e-9 * max(1, abs(want)), "row \(m.rows[i]) \(feature.name): \(got) vs \(want)")
                }
            }
        }
    }

    @Test func everyValueIsFinite() throws {
        let builder = try PointInTimeFeatureBuilder(Self.history, options: Self.options)
        let m = try builder.features(forInvoices: Array(0..<Self.history.invoices.count))
        #expect(m.values.allSatisfy { $0.isFinite })
        #expect(m.values.count == m.rowCount * m.columnCount)
    }
}

/// Splitting a request across cores never changes a row.
@Suite struct ParallelReplayTests {
    @Test func anySplitGivesTheSameRows() throws {
        let history = PointInTimePropertyTests.history
        let builder = try PointInTimeFeatureBuilder(history, options: PointInTimePropertyTests.options)
        let rows = Array(0..<history.invoices.count)
        let serial = try builder.features(forInvoices: rows, observationDays: [], labelsAsOf: nil, parts: 1)
        for parts in [2, 3, 7, 64, 10_000] {
            let split = try builder.features(forInvoices: rows, observationDays: [], labelsAsOf: nil, parts: parts)
            #expect(split.values == serial.values, "\(parts) parts")
        }
    }

    @Test func chunkBoundsFallOnCustomerChanges() {
        let customers = [0, 0, 0, 1, 1, 2, 2, 2, 2, 3]
        let bounds = PointInTimeFeatureBuilder.balancedChunkBounds(customers: customers, parts: 3) { _ in 10 }
        #expect(bounds.first == 0 && bounds.last == customers.count)
        #expect(bounds.count <= 4)
        #expect(zip(bounds, bounds.dropFirst()).allSatisfy { $0 < $1 })
        for b in bounds.dropFirst().dropLast() { #expect(customers[b] != customers[b - 1]) }
        #expect(PointInTimeFeatureBuilder.balancedChunkBounds(customers: [], parts: 4) { _ in 1 } == [0, 0])
        #expect(PointInTimeFeatureBuilder.balancedChunkBounds(customers: [5, 5, 5, 5, 5], parts: 4) { _ in 1 } == [0, 5])
    }

    @Test func chunkBoundsBalanceHistoryLengthNotRequestCount() {
        // Customer 0 has a long history and one request; customers 1...9 have short histories and
        // ten requests each. Equal request counts would give the first chunk customers 0...4 (most
        // of the work); balanced by replay work, customer 0 is about a half on its own.
        var customers = [0]
        for c in 1...9 { customers += [Int](repeating: c, count: 10) }
        let entries = { (c: Int) in c == 0 ? 2_000 : 20 }
        let bounds = PointInTimeFeatureBuilder.balancedChunkBounds(customers: customers, parts: 2, entries: entries)
        #expect(bounds == [0, 1, customers.count])
    }
}
