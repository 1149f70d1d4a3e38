import Foundation
import Testing
@testable import RelanceFeatures

@Suite struct FeatureMatrixCSVTests {
    @Test func csvHasIdLabelAndEveryFeatureColumn() throws {
        let f = HandComputedFeatureTests.history()
        let builder = try PointInTimeFeatureBuilder(f.dataset)
        let m = try builder.trainingFeatures(labelsAsOf: HistoryFixture.day(200))
        let text = m.csvText(invoiceIds: f.dataset.invoices.invoiceIds)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == m.rowCount + 2)   // header, rows, final empty piece after the last newline
        #expect(lines.last == "")
        #expect(lines[0] == Substring((["invoice_id", "label"] + PaymentFeature.allCases.map(\.name)).joined(separator: ",")))
        for i in 0..<m.rowCount {
            let fields = lines[i + 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(fields.count == 2 + m.columnCount)
            #expect(fields[0] == f.dataset.invoices.invoiceIds[m.rows[i]])
            #expect(fields[1] == m.labels[i].csvField)
            for j in 0..<m.columnCount {
                // Every number reads back to the very same Double.
                #expect(Double(fields[2 + j]) == m[i, j], "row \(i) column \(m.featureNames[j])")
            }
        }
    }

    @Test func unknownLabelIsAnEmptyField() throws {
        var f = HistoryFixture()
        f.invoice("open,1", customer: "A", issue: 0, due: 30, paid: nil, amount: 10)
        let m = try PointInTimeFeatureBuilder(f.dataset).features(forInvoices: [0], labelsAsOf: HistoryFixture.day(10))
        let line = m.csvText(invoiceIds: f.dataset.invoices.invoiceIds).split(separator: "\n")[1]
        // The id holding a comma is quoted; the label is empty.
        #expect(line.hasPrefix("\"open,1\",,"))
    }

    @Test func writeIsAtomicAndReadable() throws {
        let f = HandComputedFeatureTests.history()
        let m = try PointInTimeFeatureBuilder(f.dataset).trainingFeatures(labelsAsOf: HistoryFixture.day(200))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("relance-features-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("features.csv")
        try m.writeCSV(to: url, invoiceIds: f.dataset.invoices.invoiceIds)
        let back = try String(contentsOf: url, encoding: .utf8)
        #expect(back == m.csvText(invoiceIds: f.dataset.invoices.invoiceIds))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["features.csv"])
    }
}
