import Foundation
import Testing
@testable import RelanceData

/// `DatasetLoader.load(_:invoicesRead:)` hands the invoices over before events.csv is read, so a
/// caller can start work on them early. What it hands over must be what the load returns.
@Suite struct InvoicesReadCallbackTests {
    let files = TestFiles()

    @Test(arguments: [0, Int.max])
    func theInvoicesHandedOverAreTheLoadedOnesAndTheirCustomersAreCounted(parallelThresholdBytes: Int) throws {
        var text = "invoice_id,customer_id,issue_date,due_date,amount,currency,paid_date\n"
        for i in 0..<2000 { text += "INV-\(1000 + i),C\(i % 41),2024-01-\(10 + i % 9),2024-02-10,\(i + 1).25,EUR,\(i % 3 == 0 ? "" : "2024-02-09")\n" }
        let invoices = files.write("invoices.csv", text)
        // An event names a customer with no invoice: it gets a code after the handover.
        let events = files.write("events.csv", "date,customer_id,invoice_id,kind\n2024-03-01,C5,INV-1005,call\n2024-03-02,C-NEW,,call\n")
        var handed: [(InvoiceTable, Int)] = []
        let report = try DatasetLoader.load(
            DatasetSources(invoices: invoices, events: events),
            parallelThresholdBytes: parallelThresholdBytes) { handed.append(($0, $1)) }
        #expect(handed.count == 1)
        let (table, customerCount) = try #require(handed.first)
        let loaded = report.dataset.invoices
        #expect(table.invoiceIds == loaded.invoiceIds && table.customer == loaded.customer)
        #expect(table.amount == loaded.amount && table.paidDate == loaded.paidDate)
        #expect(customerCount == 41)   // C0…C40
        #expect(table.customer.allSatisfy { $0 >= 0 && Int($0) < customerCount })
        #expect(report.dataset.customerCount == 42)   // and C-NEW
    }

    @Test func refusedInvoicesAreNotHandedOver() {
        let invoices = files.write("invoices.csv", "invoice_id,customer_id,issue_date,due_date,amount,currency,paid_date\nINV-1,C1,2024-13-01,2024-02-10,10,EUR,\n")
        var called = false
        #expect(throws: IngestError.self) {
            try DatasetLoader.load(DatasetSources(invoices: invoices)) { _, _ in called = true }
        }
        #expect(!called)
    }
}
