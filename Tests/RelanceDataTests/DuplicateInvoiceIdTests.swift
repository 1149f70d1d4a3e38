import Foundation
import Testing
@testable import RelanceData

/// Duplicate invoice ids are found whatever the order of the file (sorted files skip hashing
/// until the first id out of order), and events can still find invoices by id.
@Suite struct DuplicateInvoiceIdTests {
    let files = TestFiles()

    func rows(_ ids: [String]) -> String {
        invoiceHeader + ids.map { "\($0),C1,2024-01-10,2024-02-09,5,,,,,\n" }.joined()
    }

    @Test func duplicateOfTheImmediatelyPreviousIdInASortedFile() {
        #expect(files.invoiceIssues(rows(["A1", "A2", "A3", "A3"])) == ["invoices.csv:5: invoice_id: duplicate invoice id \"A3\" (first on line 4)"])
    }

    @Test func duplicateOfAnEarlyIdAfterTheOrderBreaks() {
        #expect(files.invoiceIssues(rows(["A1", "A2", "A3", "B1", "A0", "A2"])) == ["invoices.csv:7: invoice_id: duplicate invoice id \"A2\" (first on line 3)"])
    }

    @Test func duplicateInAnUnsortedFile() {
        #expect(files.invoiceIssues(rows(["Z9", "A1", "M5", "A1", "Z9"])) == [
            "invoices.csv:5: invoice_id: duplicate invoice id \"A1\" (first on line 3)",
            "invoices.csv:6: invoice_id: duplicate invoice id \"Z9\" (first on line 2)",
        ])
    }

    @Test func prefixIdsAreDistinct() throws {
        let report = try DatasetLoader.load(DatasetSources(invoices: files.write("invoices.csv", rows(["A", "AA", "AB", "B"]))))
        #expect(report.dataset.invoices.count == 4)
    }

    @Test func eventsFindInvoicesOfASortedFile() throws {
        let invoices = files.write("invoices.csv", rows(["A1", "A2", "A3"]))
        let events = files.write("events.csv", "date,customer_id,invoice_id,kind\n2024-02-10,C1,A3,call\n2024-02-10,C1,A1,call\n")
        let report = try DatasetLoader.load(DatasetSources(invoices: invoices, events: events))
        #expect(report.dataset.events.invoice == [2, 0])
    }

    @Test func eventsFindRowNumberIds() throws {
        let mapping = try ColumnMapping(toml: "[invoices.columns]\ninvoice_id = \"@row\"\n")
        let text = "customer_id,issue_date,due_date,amount\n" + (0..<12).map { _ in "C1,2024-01-10,2024-02-09,5\n" }.joined()
        let invoices = files.write("invoices.csv", text)
        let events = files.write("events.csv", "date,customer_id,invoice_id,kind\n2024-02-10,C1,13,call\n2024-02-10,C1,2,call\n")
        let report = try DatasetLoader.load(DatasetSources(invoices: invoices, events: events, mapping: mapping))
        #expect(report.dataset.invoices.invoiceIds.last == "13")
        #expect(report.dataset.events.invoice == [11, 0])
    }
}
