import Foundation
import Testing
@testable import RelanceData

/// One test per kind of bad invoices.csv input: exact message, line and column.
@Suite struct InvoiceValidationTests {
    let files = TestFiles()
    let good = "A1,C1,2024-01-10,2024-02-09,120.50,EUR,2024-02-01,0,transfer,electronic\n"

    @Test func validFileLoadsEveryColumn() throws {
        let url = files.write("invoices.csv", invoiceHeader + good + "A2,C2,2024-01-11,2024-02-10,80,,,yes,,paper\n")
        let report = try DatasetLoader.load(DatasetSources(invoices: url))
        let t = report.dataset.invoices
        #expect(t.count == 2)
        #expect(t.invoiceIds == ["A1", "A2"])
        #expect(report.dataset.customerIds.names == ["C1", "C2"])
        #expect(t.issueDate[0] == Day(year: 2024, month: 1, day: 10))
        #expect(t.paid(0) == Day(year: 2024, month: 2, day: 1))
        #expect(t.paid(1) == nil)
        #expect(t.amount == [120.5, 80])
        #expect(t.currencies.name(of: t.currency[1]) == "EUR")
        #expect(t.disputed == [false, true])
        #expect(t.paymentMethod == [.transfer, .unknown])
        #expect(t.channel == [.electronic, .paper])
        #expect(t.sourceLine == [2, 3])
        #expect(report.rowsRead["invoices.csv"] == 2)
        #expect(report.warnings.isEmpty)
    }

    @Test func missingRequiredColumnIsNamedWithTheColumnsPresent() {
        let issues = files.invoiceIssues("invoice_id,customer_id,issue_date,due_date\nA1,C1,2024-01-10,2024-02-09\n")
        #expect(issues == ["invoices.csv:1: amount: required column \"amount\" is missing (columns present: invoice_id, customer_id, issue_date, due_date)"])
    }

    @Test func unparseableDateNamesLineColumnAndExpectedFormat() {
        let issues = files.invoiceIssues(invoiceHeader + good + "A2,C1,2024-01-10,2024-13-01,10,,,,,\n")
        #expect(issues == ["invoices.csv:3: due_date: \"2024-13-01\" is not a date (expected YYYY-MM-DD)"])
    }

    @Test func unparseableAmountIsRefused() {
        let issues = files.invoiceIssues(invoiceHeader + "A2,C1,2024-01-10,2024-02-01,12.5x,,,,,\n")
        #expect(issues == ["invoices.csv:2: amount: \"12.5x\" is not a number (expected a decimal with a dot, e.g. 1234.50)"])
    }

    @Test func unparseableBoolIsRefused() {
        let issues = files.invoiceIssues(invoiceHeader + "A2,C1,2024-01-10,2024-02-01,12,,,maybe,,\n")
        #expect(issues == ["invoices.csv:2: disputed: \"maybe\" is not a boolean (expected 0/1, true/false, yes/no)"])
    }

    @Test func booleanSpellingsAreCaseInsensitive() throws {
        var text = invoiceHeader
        for (i, v) in ["0", "1", "TRUE", "False", "Yes", "NO", ""].enumerated() {
            text += "A\(i),C1,2024-01-10,2024-02-01,12,,,\(v),,\n"
        }
        let report = try DatasetLoader.load(DatasetSources(invoices: files.write("invoices.csv", text)))
        #expect(report.dataset.invoices.disputed == [false, true, true, false, true, false, false])
    }

    @Test func dueBeforeIssueIsRefused() {
        let issues = files.invoiceIssues(invoiceHeader + "A2,C1,2024-01-10,2024-01-09,12,,,,,\n")
        #expect(issues == ["invoices.csv:2: due_date: due date 2024-01-09 is before the issue date 2024-01-10"])
    }

    @Test func paidBeforeIssueIsRefused() {
        let issues = files.invoiceIssues(invoiceHeader + "A2,C1,2024-01-10,2024-02-09,12,,2023-12-31,,,\n")
        #expect(issues == ["invoices.csv:2: paid_date: paid date 2023-12-31 is before the issue date 2024-01-10"])
    }

    @Test func nonPositiveAmountIsRefusedAsACreditNote() {
        let issues = files.invoiceIssues(invoiceHeader + "A2,C1,2024-01-10,2024-02-09,-12.5,,,,,\nA3,C1,2024-01-10,2024-02-09,0,,,,,\n")
        #expect(issues == [
            "invoices.csv:2: amount: must be greater than 0, found \"-12.5\" (credit notes and zero invoices are out of scope: leave them out of the export)",
            "invoices.csv:3: amount: must be greater than 0, found \"0\" (credit notes and zero invoices are out of scope: leave them out of the export)",
        ])
    }

    @Test func duplicateInvoiceIdNamesTheFirstLine() {
        let issues = files.invoiceIssues(invoiceHeader + good + "B1,C1,2024-01-10,2024-02-09,5,,,,,\n" + good)
        #expect(issues == ["invoices.csv:4: invoice_id: duplicate invoice id \"A1\" (first on line 2)"])
    }

    @Test func unknownEnumLabelListsTheAllowedOnes() {
        let issues = files.invoiceIssues(invoiceHeader + "A2,C1,2024-01-10,2024-02-09,5,,,,bitcoin,fax\n")
        #expect(issues == [
            "invoices.csv:2: payment_method: \"bitcoin\" is not a payment method (expected one of: card, transfer, direct_debit, cheque, other)",
            "invoices.csv:2: channel: \"fax\" is not a channel (expected one of: electronic, paper)",
        ])
    }

    @Test func badCurrencyIsRefusedAndLowercaseIsNormalised() throws {
        #expect(files.invoiceIssues(invoiceHeader + "A2,C1,2024-01-10,2024-02-09,5,EURO,,,,\n")
            == ["invoices.csv:2: currency: \"EURO\" is not an ISO 4217 currency code (expected 3 letters such as EUR)"])
        let report = try DatasetLoader.load(DatasetSources(invoices: files.write("invoices.csv", invoiceHeader + "A2,C1,2024-01-10,2024-02-09,5,gbp,,,,\nA3,C1,2024-01-10,2024-02-09,5,,,,,\n"), defaultCurrency: "CHF"))
        let t = report.dataset.invoices
        #expect(t.currency.map { t.currencies.name(of: $0) } == ["GBP", "CHF"])
    }

    @Test func emptyFileIsRefused() {
        let issues = files.invoiceIssues("")
        #expect(issues == ["invoices.csv: the file is empty (a header line is required: invoice_id,customer_id,issue_date,due_date,amount)"])
    }

    @Test func headerOnlyIsRefused() {
        #expect(files.invoiceIssues(invoiceHeader) == ["invoices.csv: no data rows (the file has a header only)"])
    }

    @Test func raggedRowsAreRefusedWithTheFieldCounts() {
        let issues = files.invoiceIssues(invoiceHeader + good + "A2,C1,2024-01-10,2024-02-09,5\n")
        #expect(issues == ["invoices.csv:3: expected 10 fields as in the header, found 5"])
    }

    @Test func invalidUTF8IsRefusedWithLineAndColumn() {
        var data = Data((invoiceHeader + good).utf8)
        data.append(Data("A2,C".utf8))
        data.append(contentsOf: [0xC3, 0x28])
        data.append(Data(",2024-01-10,2024-02-09,5,,,,,\n".utf8))
        let issues = files.issues(DatasetSources(invoices: files.write("invoices.csv", data)))
        #expect(issues == ["invoices.csv:3: customer_id: not valid UTF-8 (save the file as UTF-8)"])
    }

    @Test func lineNumbersArePhysicalLinesAcrossQuotedNewlines() {
        let text = "invoice_id,customer_id,issue_date,due_date,amount,note\n"
            + "A1,C1,2024-01-10,2024-02-09,5,\"two\nlines\"\n"
            + "A2,C1,2024-01-10,2024-02-09,oops,\n"
        #expect(files.invoiceIssues(text) == ["invoices.csv:4: amount: \"oops\" is not a number (expected a decimal with a dot, e.g. 1234.50)"])
    }

    @Test func columnOrderIsFreeAndExtraColumnsAreReportedOnce() throws {
        let text = "amount,note,due_date,customer_id,internal,issue_date,invoice_id\n5,x,2024-02-09,C1,y,2024-01-10,A1\n6,x,2024-02-09,C1,y,2024-01-10,A2\n"
        let report = try DatasetLoader.load(DatasetSources(invoices: files.write("invoices.csv", text)))
        #expect(report.dataset.invoices.amount == [5, 6])
        #expect(report.warnings == ["invoices.csv: ignored 2 column(s) Relance does not use: note, internal"])
    }

    @Test func moreThanTwentyIssuesAreCounted() {
        var text = invoiceHeader
        for i in 0..<25 { text += "A\(i),C1,2024-01-10,2024-02-09,-1,,,,,\n" }
        do {
            _ = try DatasetLoader.load(DatasetSources(invoices: files.write("invoices.csv", text)))
            Issue.record("expected an error")
        } catch let e as IngestError {
            #expect(e.issues.count == 20)
            #expect(e.moreCount == 5)
            #expect(e.description.hasSuffix("\n… and 5 more"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func missingFileIsReportedAsMissingInput() {
        do {
            _ = try DatasetLoader.load(DatasetSources(invoices: files.url("nope.csv")))
            Issue.record("expected an error")
        } catch let e as IngestError {
            #expect(e.missingInput)
            #expect(e.issues.first?.description.hasPrefix("nope.csv: cannot open the file") == true)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func strictModeWritesNothing() throws {
        let rejects = files.url("rejects.csv")
        _ = files.invoiceIssues(invoiceHeader + "A2,C1,2024-01-10,2024-02-09,-1,,,,,\n")
        #expect(!FileManager.default.fileExists(atPath: rejects.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: files.dir.path) == ["invoices.csv"])
    }
}
