import Foundation
import Testing
@testable import RelanceData

/// Loads the third-party Cassandra AP export through the shipped preset, when the data is present.
@Suite struct CassandraPresetTests {
    /// `../shared/datasets` relative to the package root, then `/work/shared/datasets`.
    static var datasets: URL? {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for candidate in [packageRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets"),
                          URL(fileURLWithPath: "/work/shared/datasets")] {
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("cassandra-ap-invoices/trainData.csv").path) {
                return candidate
            }
        }
        return nil
    }

    static var preset: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("datasets/mappings/cassandra-ap.toml")
    }

    @Test func presetParses() throws {
        let m = try ColumnMapping.load(from: CassandraPresetTests.preset)
        #expect(m.invoices.columns["invoice_id"] == "@row")
        #expect(m.invoices.dateFormat.pattern == "dd-MMM-yy")
    }

    @Test(.enabled(if: datasets != nil, "third-party data not found in ../shared/datasets or /work/shared/datasets: skipped"))
    func cassandraTrainDataLoadsWithItsNineNegativeDelaysRejected() throws {
        guard let datasets = CassandraPresetTests.datasets else { return }
        let files = TestFiles()
        let train = datasets.appendingPathComponent("cassandra-ap-invoices/trainData.csv")
        let mapping = try ColumnMapping.load(from: CassandraPresetTests.preset)
        // Strict mode refuses the file because of the rows paid "before" issue.
        #expect(throws: IngestError.self) { try DatasetLoader.load(DatasetSources(invoices: train, mapping: mapping)) }
        let rejects = files.url("rejects.csv")
        let report = try DatasetLoader.load(DatasetSources(invoices: train, mapping: mapping, rejects: rejects))
        let t = report.dataset.invoices
        // Reference figures from SOURCE.md and pandas: 8,753 rows, 9 with a negative day count,
        // 3,276 distinct vendors of which 3,269 remain once those rows are set aside
        // (pandas: d[d.Number_of_Days_until_Payment >= 0].Vendor_Name.nunique()),
        // invoice dates 2011-03-24 … 2017-11-05.
        #expect(report.rowsRead["trainData.csv"] == 8753)
        #expect(report.rejectedRows == 9)
        #expect(t.count == 8744)
        #expect(report.dataset.customerIds.count == 3269)
        #expect(t.issueDate.min()?.iso == "2011-03-24")
        #expect(t.issueDate.max()?.iso == "2017-11-05")
        #expect(t.currencies.names == ["GBP"])
        #expect(t.invoiceIds.first == "2")
        // First row: 26-Apr-11 + 13 days.
        #expect(t.paid(0)?.iso == "2011-05-09")
        #expect(report.warnings.contains { $0.hasPrefix("trainData.csv: ignored 4 column(s) Relance does not use: Description, Created, Settled, Outstanding") })
        let rejected = try String(contentsOf: rejects, encoding: .utf8).split(separator: "\n")
        #expect(rejected.count == 10)
        #expect(rejected.dropFirst().allSatisfy { $0.contains("Number_of_Days_until_Payment: paid date") })
    }
}
