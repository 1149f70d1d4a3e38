import Foundation
import Testing
@testable import RelanceData

/// Card numbers (PANs) anywhere refuse the file, and are never echoed.
@Suite struct CardNumberScreeningTests {
    let files = TestFiles()
    // Well-known test PANs (Visa, Mastercard), valid under Luhn.
    let visa = "4111111111111111"
    let spaced = "5555 5555 5555 4444"
    let dashed = "4111-1111-1111-1111"

    @Test func detectorFlagsLuhnValidNumbersWithSeparators() {
        func flagged(_ s: String) -> Bool {
            var s = s
            return s.withUTF8 { CardNumberDetector.looksLikeCardNumber(UnsafeRawBufferPointer($0)) }
        }
        #expect(flagged(visa))
        #expect(flagged(spaced))
        #expect(flagged(dashed))
        #expect(!flagged("4111111111111112"))       // fails Luhn
        #expect(!flagged("411111111111"))           // 12 digits
        #expect(!flagged("41111111111111111111"))   // 20 digits
        #expect(!flagged("2024-01-10"))
        #expect(!flagged("1234567.89"))
        #expect(flagged("INV-4111111111111111"))             // a PAN after a prefix
        #expect(flagged("paid by card 4111 1111 1111 1111, thanks"))
        #expect(flagged("ref 12345 4111111111111111"))       // the PAN is a plain digit group
        #expect(!flagged("ref 12345 4111111111111112"))
        #expect(!flagged("Milk x 7 ltrs, 2011-04-26 11:50"))
        #expect(!flagged("tel 01 23 45 67 89"))              // 10 digits
    }

    @Test func cardNumberInAnIgnoredColumnRefusesTheFileWithoutEchoingIt() throws {
        let text = "invoice_id,customer_id,issue_date,due_date,amount,memo\n"
            + "A1,C1,2024-01-10,2024-02-09,5,hello\n"
            + "A2,C1,2024-01-10,2024-02-09,5,\(spaced)\n"
        let issues = files.invoiceIssues(text)
        #expect(issues == ["invoices.csv:3: memo: looks like a payment card number (13–19 digits passing the Luhn check); card numbers must not be in Relance inputs: remove or mask this column (value not shown)"])
        #expect(!issues.joined().contains("5555"))
    }

    @Test func cardNumberRefusesEvenInRejectsModeAndWritesNoRejects() throws {
        let text = invoiceHeader + "\(visa),C1,2024-01-10,2024-02-09,5,,,,,\nA2,C1,2024-01-10,2024-02-09,-5,,,,,\n"
        let rejects = files.url("rejects.csv")
        let issues = files.issues(DatasetSources(invoices: files.write("invoices.csv", text), rejects: rejects))
        #expect(issues.count == 1)
        #expect(issues.first?.hasPrefix("invoices.csv:2: invoice_id: looks like a payment card number") == true)
        #expect(!issues.joined().contains("411111"))
        #expect(!FileManager.default.fileExists(atPath: rejects.path))
    }

    @Test func cardNumberInCustomersAndEventsIsRefused() {
        let invoices = files.write("invoices.csv", invoiceHeader + "A1,C1,2024-01-10,2024-02-09,5,,,,,\n")
        let customers = files.write("customers.csv", "customer_id,phone\nC1,\(dashed)\n")
        let events = files.write("events.csv", "date,customer_id,kind,note\n2024-01-12,C1,call,no card here\n2024-01-13,C1,call,card \(visa)\n")
        let issues = files.issues(DatasetSources(invoices: invoices, customers: customers, events: events))
        let pans = issues.filter { $0.contains("looks like a payment card number") }
        #expect(pans.map { $0.components(separatedBy: ": looks like")[0] } == ["customers.csv:2: phone", "events.csv:3: note"])
        #expect(!issues.joined().contains("4111"))
    }
}
