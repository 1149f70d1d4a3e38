import Testing
import RelanceData
@testable import RelanceFeatures

/// The customer-by-customer walk must give bit for bit the rows of the issue-day sweep it replaced
/// (``AnomalyFeaturesReference``): every column, the duplicate links, every history window, for
/// every invoice and for any requested subset (out of order, repeated, single customers).
@Suite struct AnomalyFeaturesReferenceTests {
    static func expectSame(_ a: AnomalyFeatureMatrix, _ b: AnomalyFeatureMatrix, _ what: String) {
        #expect(a.names == b.names)
        #expect(a.invoiceRows == b.invoiceRows, "\(what): rows")
        #expect(a.invoiceIds == b.invoiceIds, "\(what): ids")
        #expect(a.duplicateOriginalId == b.duplicateOriginalId, "\(what): duplicate links")
        #expect(a.values.count == b.values.count, "\(what): size")
        guard a.values.count == b.values.count else { return }
        var differing = 0
        for k in a.values.indices where a.values[k].bitPattern != b.values[k].bitPattern {
            if differing < 5 {
                Issue.record("\(what): row \(k / a.columns) \(a.names[k % a.columns]): \(a.values[k]) vs \(b.values[k])")
            }
            differing += 1
        }
        #expect(differing == 0, "\(what): \(differing) values differ")
    }

    /// The same history with its invoices in issue-day order (the usual file), so both the
    /// already-sorted and the sorting path of the walk are exercised.
    static func dayOrdered(_ h: AnomalyTestHistory) -> AnomalyTestHistory {
        let inv = h.invoices
        return h.selecting((0..<inv.count).sorted {
            inv.issueDate[$0] != inv.issueDate[$1] ? inv.issueDate[$0] < inv.issueDate[$1] : $0 < $1
        })
    }

    @Test func everyRowEqualsTheIssueDaySweep() throws {
        for (seed, customers, invoices) in [(3, 25, 1500), (5, 4, 700), (8, 200, 900)] as [(UInt64, Int, Int)] {
            let random = AnomalyTestHistory.random(seed: seed, customers: customers, invoices: invoices)
            for h in [random, Self.dayOrdered(random)] {
                for window in [1, 2, 5, 24] {
                    let options = AnomalyFeatureOptions(historyWindow: window, duplicateLookBack: window == 2 ? 3 : 256)
                    let walked = try AnomalyFeatures.compute(h.invoices, customerCount: h.customers.count, options: options)
                    let swept = try AnomalyFeaturesReference.compute(
                        h.invoices, customerCount: h.customers.count, options: options, rows: nil)
                    Self.expectSame(walked, swept, "seed \(seed), window \(window), all rows")
                }
            }
        }
    }

    @Test func requestedRowsEqualTheIssueDaySweep() throws {
        let random = AnomalyTestHistory.random(seed: 21, customers: 40, invoices: 2000)
        for h in [random, Self.dayOrdered(random)] {
            let n = h.invoices.count
            let lastCustomer = h.invoices.customer[n - 1]
            let requests: [[Int]] = [
                Array(stride(from: 0, to: n, by: 10)),                       // ascending, a tenth
                Array(n - 300..<n),                                          // the latest invoices
                [n - 1, 0, 5, 5, 999] + stride(from: 7, to: n, by: 13).reversed(), // any order, repeats
                (0..<n).filter { h.invoices.customer[$0] == lastCustomer },  // one customer
                [n / 2],
                [],
            ]
            for rows in requests {
                for window in [1, 3, 24] {
                    let options = AnomalyFeatureOptions(historyWindow: window)
                    let walked = try AnomalyFeatures.compute(h.invoices, customerCount: h.customers.count, options: options, rows: rows)
                    let swept = try AnomalyFeaturesReference.compute(
                        h.invoices, customerCount: h.customers.count, options: options, rows: rows)
                    Self.expectSame(walked, swept, "\(rows.count) rows, window \(window)")
                }
            }
        }
    }

    @Test func requestedRowsOutOfRangeAreRefused() throws {
        let h = AnomalyTestHistory.random(seed: 2, customers: 3, invoices: 50)
        #expect(throws: AnomalyFeatureError.invalidOptions("invoice row 50 out of range (50 invoices)")) {
            try AnomalyFeatures.compute(h.invoices, customerCount: h.customers.count, rows: [3, 50])
        }
        #expect(throws: AnomalyFeatureError.invalidOptions("invoice row -1 out of range (50 invoices)")) {
            try AnomalyFeatures.compute(h.invoices, customerCount: h.customers.count, rows: [-1])
        }
    }
}
