import Foundation
import Testing
@testable import RelanceModels

/// Assessing requested rows block by block (the daily score's way) must give exactly the
/// assessment of the whole matrix of those rows: every score, distance, flag, in request order.
@Suite struct AnomalyBlockAssessmentTests {
    static let book = AnomalyHistoryBuilder.synthetic(customers: 300, seed: 7)

    @Test func blocksGiveTheWholeMatrixAssessment() throws {
        let (h, _) = Self.book
        let detector = try AnomalyDetector.fit(try h.features())
        let n = h.invoices.count
        let options = detector.options.featureOptions
        // The latest tenth (like open invoices), every seventh row, and a single row.
        let requests = [Array((n - n / 10)..<n), Array(stride(from: 0, to: n, by: 7)), [n / 3]]
        for rows in requests {
            let whole = try detector.assess(AnomalyFeatures.compute(
                h.invoices, customerCount: h.customers.count, options: options, rows: rows))
            #expect(whole.flags.contains { !$0.isEmpty } || rows.count == 1)
            for blockRows in [1, 97, 4096] {
                let blocked = try detector.assess(
                    h.invoices, customerCount: h.customers.count, featureOptions: options, rows: rows, blockRows: blockRows)
                #expect(blocked == whole, "\(rows.count) rows in blocks of \(blockRows)")
                #expect(blocked.anomalyScore.map(\.bitPattern) == whole.anomalyScore.map(\.bitPattern))
            }
        }
    }

    @Test func rowsNotAscendingAreAssessedThroughTheWholeMatrix() throws {
        let (h, _) = Self.book
        let detector = try AnomalyDetector.fit(try h.features())
        let options = detector.options.featureOptions
        let rows = [40, 3, 3, 500]
        let whole = try detector.assess(AnomalyFeatures.compute(
            h.invoices, customerCount: h.customers.count, options: options, rows: rows))
        let blocked = try detector.assess(
            h.invoices, customerCount: h.customers.count, featureOptions: options, rows: rows, blockRows: 2)
        #expect(blocked == whole)
    }

    @Test func otherFeatureOptionsAreRefusedAsForTheWholeMatrix() throws {
        let (h, _) = Self.book
        let detector = try AnomalyDetector.fit(try h.features())
        let other = AnomalyFeatureOptions(historyWindow: 12)
        #expect(throws: AnomalyDetectorError.self) {
            try detector.assess(h.invoices, customerCount: h.customers.count, featureOptions: other, rows: [1, 2, 3])
        }
    }
}
