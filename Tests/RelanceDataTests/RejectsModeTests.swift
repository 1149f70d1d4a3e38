import Foundation
import Testing
@testable import RelanceData

@Suite struct RejectsModeTests {
    let files = TestFiles()

    @Test func badRowsGoToTheRejectsFileAndGoodRowsLoad() throws {
        let text = invoiceHeader
            + "A1,C1,2024-01-10,2024-02-09,5,,,,,\n"
            + "A2,C1,2024-01-10,2024-01-01,5,,,,,\n"
            + "A3,C1,2024-01-10,2024-02-09,\"1,5\",,,,,\n"
            + "A4,C1,2024-01-10\n"
            + "A5,C2,2024-01-10,2024-02-09,7,,,,,\n"
        let rejects = files.url("rejects.csv")
        let report = try DatasetLoader.load(DatasetSources(invoices: files.write("invoices.csv", text), rejects: rejects))
        #expect(report.dataset.invoices.invoiceIds == ["A1", "A5"])
        #expect(report.rejectedRows == 3)
        #expect(report.rejectedByFile == ["invoices.csv": 3])
        #expect(report.rowsRead["invoices.csv"] == 5)
        #expect(report.rejectFiles == [rejects])
        #expect(report.warnings == ["invoices.csv: 3 row(s) rejected, written to rejects.csv"])
        let written = try String(contentsOf: rejects, encoding: .utf8)
        #expect(written == """
            reject_line,reject_reason,invoice_id,customer_id,issue_date,due_date,amount,currency,paid_date,disputed,payment_method,channel
            3,due_date: due date 2024-01-01 is before the issue date 2024-01-10,A2,C1,2024-01-10,2024-01-01,5,,,,,
            4,"amount: ""1,5"" is not a number (expected a decimal with a dot, e.g. 1234.50)",A3,C1,2024-01-10,2024-02-09,"1,5",,,,,
            5,"expected 10 fields as in the header, found 3",A4,C1,2024-01-10

            """)
    }

    @Test func customersAndEventsRejectsGoBesideTheInvoicesRejects() throws {
        let invoices = files.write("invoices.csv", invoiceHeader + "A1,C1,2024-01-10,2024-02-09,5,,,,,\n")
        let customers = files.write("customers.csv", "customer_id,opt_out\nC1,no\nC2,maybe\n")
        let events = files.write("events.csv", "date,customer_id,kind\n2024-02-10,C1,call\n2024-02-10,C1,shout\n")
        let rejects = files.url("bad.csv")
        let report = try DatasetLoader.load(DatasetSources(invoices: invoices, customers: customers, events: events, rejects: rejects))
        #expect(report.rejectedRows == 2)
        #expect(Set(report.rejectFiles.map(\.lastPathComponent)) == ["bad.csv", "bad.customers.csv", "bad.events.csv"])
        let inv = try String(contentsOf: rejects, encoding: .utf8)
        #expect(inv.split(separator: "\n").count == 1)  // header only: nothing rejected
        let cust = try String(contentsOf: files.url("bad.customers.csv"), encoding: .utf8)
        #expect(cust.contains("3,\"opt_out: \"\"maybe\"\" is not a boolean"))
        let ev = try String(contentsOf: files.url("bad.events.csv"), encoding: .utf8)
        #expect(ev.hasPrefix("reject_line,reject_reason,date,customer_id,kind\n3,"))
        #expect(report.dataset.customers.count == 1)
        #expect(report.dataset.events.count == 1)
    }

    @Test func fileLevelProblemsStillThrowInRejectsMode() {
        let rejects = files.url("rejects.csv")
        let issues = files.issues(DatasetSources(invoices: files.write("invoices.csv", "invoice_id,amount\nA1,5\n"), rejects: rejects))
        #expect(issues.count == 3)
        #expect(issues.first?.hasPrefix("invoices.csv:1: customer_id: required column \"customer_id\" is missing") == true)
        #expect(!FileManager.default.fileExists(atPath: rejects.path))
    }
}
