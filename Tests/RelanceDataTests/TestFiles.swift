import Foundation
@testable import RelanceData

/// A temporary folder holding the CSV files of one test.
final class TestFiles {
    let dir: URL

    init() {
        dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("relance-data-tests-\(UUID().uuidString)", isDirectory: true)
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    @discardableResult
    func write(_ name: String, _ text: String) -> URL {
        write(name, Data(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) -> URL {
        let url = dir.appendingPathComponent(name)
        try? data.write(to: url)
        return url
    }

    func url(_ name: String) -> URL { dir.appendingPathComponent(name) }

    /// The issues thrown by loading, or an empty list when the load succeeded.
    func issues(_ sources: DatasetSources) -> [String] {
        do {
            _ = try DatasetLoader.load(sources)
            return []
        } catch let e as IngestError {
            return e.issues.map(\.description)
        } catch {
            return ["unexpected error: \(error)"]
        }
    }

    /// Loads invoices text in strict mode and returns the issue descriptions.
    func invoiceIssues(_ text: String) -> [String] {
        issues(DatasetSources(invoices: write("invoices.csv", text)))
    }
}

let invoiceHeader = "invoice_id,customer_id,issue_date,due_date,amount,currency,paid_date,disputed,payment_method,channel\n"
