import Foundation
import Testing
@testable import RelanceData

@Suite struct CustomersAndEventsValidationTests {
    let files = TestFiles()
    var invoices: URL {
        files.write("invoices.csv", invoiceHeader
            + "A1,C1,2024-01-10,2024-02-09,5,,,,,\n"
            + "A2,C2,2024-01-10,2024-02-09,5,,,,,\n"
            + "A3,C9,2024-01-10,2024-02-09,5,,,,,\n")
    }
    let customersText = "customer_id,name,language,customer_since,preferred_channel,opt_out,segment\n"
        + "C1,Alice SARL,fr,2020-05-01,email,no,retail\n"
        + "C2,Bob Ltd,en-GB,,letter,1,\n"

    @Test func customersEventsAndInvoicesShareCustomerCodes() throws {
        let customers = files.write("customers.csv", customersText)
        let events = files.write("events.csv", "date,customer_id,invoice_id,kind,note\n2024-02-10,C2,A2,reminder_sent,\"first, kind\"\n2024-02-11,C1,,call,\n")
        let report = try DatasetLoader.load(DatasetSources(invoices: invoices, customers: customers, events: events))
        let d = report.dataset
        #expect(d.customerIds.names == ["C1", "C2", "C9"])
        #expect(d.customers.count == 2)
        #expect(d.customers.language == ["fr", "en-GB"])
        #expect(d.customers.optOut == [false, true])
        #expect(d.customers.preferredChannel == [.email, .letter])
        #expect(d.customers.customerSince[1].isMissing)
        #expect(d.invoices.customer == [0, 1, 2])
        #expect(d.events.count == 2)
        #expect(d.events.invoice == [1, -1])
        #expect(d.events.kind == [.reminderSent, .call])
        #expect(d.events.note[0] == "first, kind")
        #expect(report.warnings == ["invoices.csv: 1 invoice(s) name a customer absent from customers.csv (first on line 4); they are kept, without customer details"])
    }

    /// invoices.csv is opened (and its second half started) before customers.csv is read; the
    /// issues of its header still come after those of customers.csv, in file order.
    @Test func customersIssuesComeBeforeThoseOfTheInvoicesHeader() {
        let customers = files.write("customers.csv", customersText + "C3,Carl SA,fr,2020-02-30,email,no,retail\n")
        var text = "invoice_id,customer_id,issue_date,due_date\n"
        for i in 0..<200 { text += "A\(i),C1,2024-01-10,2024-02-09\n" }
        let badHeader = files.write("invoices.csv", text)
        let sources = DatasetSources(invoices: badHeader, customers: customers)
        for threshold in [0, Int.max] {
            do {
                _ = try DatasetLoader.load(sources, parallelThresholdBytes: threshold)
                Issue.record("the bad inputs were accepted")
            } catch let e as IngestError {
                let files = e.issues.map(\.file)
                #expect(files == ["customers.csv", "invoices.csv"], "\(e.issues)")
                #expect(e.issues.last?.column == "amount")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func eventForUnknownCustomerIsRefusedWhenCustomersAreGiven() {
        let customers = files.write("customers.csv", customersText)
        let events = files.write("events.csv", "date,customer_id,kind\n2024-02-10,C7,call\n")
        #expect(files.issues(DatasetSources(invoices: invoices, customers: customers, events: events))
            == ["events.csv:2: customer_id: customer id \"C7\" is not in customers.csv"])
    }

    @Test func eventForUnknownInvoiceIsRefused() {
        let events = files.write("events.csv", "date,customer_id,invoice_id,kind\n2024-02-10,C1,A1,call\n2024-02-10,C1,Z9,call\n2024-02-10,C1,A2,call\n")
        #expect(files.issues(DatasetSources(invoices: invoices, events: events)) == [
            "events.csv:3: invoice_id: invoice id \"Z9\" is not among the loaded invoices",
            "events.csv:4: invoice_id: invoice \"A2\" belongs to another customer (line 3 of the invoices file)",
        ])
    }

    @Test func eventKindOutsideTheListIsRefused() {
        let events = files.write("events.csv", "date,customer_id,kind\n2024-02-10,C1,lawsuit\n")
        #expect(files.issues(DatasetSources(invoices: invoices, events: events))
            == ["events.csv:2: kind: \"lawsuit\" is not a known event kind (expected one of: reminder_sent, reminder_opened, reminder_bounced, call, promise_to_pay, dispute_opened, dispute_resolved, support_contact, payment_plan_agreed, hardship_reported)"])
    }

    @Test func duplicateCustomerNamesTheFirstLine() {
        let customers = files.write("customers.csv", customersText + "C1,Again,fr,,,,\n")
        #expect(files.issues(DatasetSources(invoices: invoices, customers: customers))
            == ["customers.csv:4: customer_id: duplicate customer id \"C1\" (first on line 2)"])
    }

    @Test func badCustomerFieldsNeverQuotePersonalData() {
        let customers = files.write("customers.csv", "customer_id,name,email,customer_since,opt_out\nC1,Alice Martin,alice@example.com,2020-02-30,perhaps\n")
        let issues = files.issues(DatasetSources(invoices: invoices, customers: customers))
        #expect(issues == [
            "customers.csv:2: customer_since: \"2020-02-30\" is not a date (expected YYYY-MM-DD)",
            "customers.csv:2: opt_out: \"perhaps\" is not a boolean (expected 0/1, true/false, yes/no)",
        ])
        #expect(!issues.joined().contains("Alice"))
        #expect(!issues.joined().contains("example.com"))
    }

    @Test func headerOnlyEventsFileIsAWarningNotAnError() throws {
        let events = files.write("events.csv", "date,customer_id,kind\n")
        let report = try DatasetLoader.load(DatasetSources(invoices: invoices, events: events))
        #expect(report.warnings.contains("events.csv: no data rows (the file has a header only)"))
    }
}

/// Customer codes are resolved in batches; the result must equal one lookup per row in file order.
@Suite struct CustomerCodeBatchTests {
    @Test func codesFollowFileOrderAcrossBatchBoundaries() throws {
        let files = TestFiles()
        var text = invoiceHeader
        var expected: [String] = []
        for i in 0..<300 {
            let customer = "K\((i * 37) % 91)"
            expected.append(customer)
            text += "A\(1000 + i),\(customer),2024-01-10,2024-02-09,5,,,,,\n"
        }
        let customers = files.write("customers.csv", "customer_id\nK5\nK1\n")
        let report = try DatasetLoader.load(DatasetSources(invoices: files.write("invoices.csv", text), customers: customers))
        let d = report.dataset
        #expect(d.invoices.customer.map { d.customerIds.name(of: $0) } == expected)
        var firstSeen: [String] = ["K5", "K1"]
        for c in expected where !firstSeen.contains(c) { firstSeen.append(c) }
        #expect(d.customerIds.names == firstSeen)
        let unknown = expected.filter { $0 != "K5" && $0 != "K1" }.count
        let firstUnknownLine = (expected.firstIndex { $0 != "K5" && $0 != "K1" } ?? 0) + 2
        #expect(report.warnings == ["invoices.csv: \(unknown) invoice(s) name a customer absent from customers.csv (first on line \(firstUnknownLine)); they are kept, without customer details"])
    }
}
