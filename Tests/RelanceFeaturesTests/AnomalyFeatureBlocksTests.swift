import Testing
import RelanceData
@testable import RelanceFeatures

/// Rows computed block by block are the rows of the whole computation (and of the issue-day sweep
/// it replaced), each reported with its place among the requested rows.
@Suite struct AnomalyFeatureBlocksTests {
    @Test func blocksHoldTheRowsOfTheWholeComputation() throws {
        let random = AnomalyTestHistory.random(seed: 31, customers: 60, invoices: 2500)
        for h in [random, AnomalyFeaturesReferenceTests.dayOrdered(random)] {
            let n = h.invoices.count
            for rows in [Array(stride(from: 1, to: n, by: 9)), Array((n - 250)..<n), Array(0..<n)] {
                let swept = try AnomalyFeaturesReference.compute(
                    h.invoices, customerCount: h.customers.count, options: AnomalyFeatureOptions(), rows: rows)
                for blockRows in [1, 50, 100_000] {
                    var seen = [Bool](repeating: false, count: rows.count)
                    var blocks = 0
                    try AnomalyFeatures.computeInBlocks(
                        h.invoices, customerCount: h.customers.count, rows: rows, blockRows: blockRows
                    ) { block, places in
                        blocks += 1
                        #expect(block.rows == places.count && block.rows <= blockRows)
                        for (k, q) in places.enumerated() {
                            #expect(!seen[q], "row \(rows[q]) twice")
                            seen[q] = true
                            #expect(Int(block.invoiceRows[k]) == rows[q])
                            #expect(block.invoiceIds[k] == swept.invoiceIds[q])
                            #expect(block.duplicateOriginalId[k] == swept.duplicateOriginalId[q])
                            #expect(block.row(k).map(\.bitPattern) == swept.row(q).map(\.bitPattern),
                                    "row \(rows[q]), blocks of \(blockRows)")
                        }
                    }
                    #expect(seen.allSatisfy { $0 })
                    #expect(blocks == (rows.count + blockRows - 1) / blockRows)
                }
            }
        }
    }

    @Test func blockSizeMustBePositive() throws {
        let h = AnomalyTestHistory.random(seed: 1, customers: 2, invoices: 10)
        #expect(throws: AnomalyFeatureError.invalidOptions("blockRows must be at least 1")) {
            try AnomalyFeatures.computeInBlocks(h.invoices, customerCount: h.customers.count, rows: [1], blockRows: 0) { _, _ in }
        }
    }
}
