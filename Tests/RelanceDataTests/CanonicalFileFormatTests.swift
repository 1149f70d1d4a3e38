import Foundation
import Testing
@testable import RelanceData

/// File-level format handling seen through the loader: BOM, CRLF, quoted headers, blank lines.
@Suite struct CanonicalFileFormatTests {
    let files = TestFiles()

    @Test func bomCrlfAndQuotedHeaderNamesLoad() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data(("\"invoice_id\",customer_id,issue_date,due_date,amount,note\r\n"
            + "A1,C1,2024-01-10,2024-02-09,5,\"multi\r\nline\"\r\n"
            + "\r\n"
            + "A2,C1,2024-01-10,2024-02-09,x,\r\n").utf8))
        let url = files.write("invoices.csv", data)
        #expect(files.issues(DatasetSources(invoices: url)) == ["invoices.csv:5: amount: \"x\" is not a number (expected a decimal with a dot, e.g. 1234.50)"])
    }

    @Test func spacesAroundTypedValuesAreTrimmed() throws {
        let url = files.write("invoices.csv", invoiceHeader + " A1 , C1 , 2024-01-10 ,2024-02-09, 5.5 , eur ,,  yes ,transfer , paper\n")
        let report = try DatasetLoader.load(DatasetSources(invoices: url))
        let t = report.dataset.invoices
        #expect(t.invoiceIds == ["A1"])
        #expect(report.dataset.customerIds.names == ["C1"])
        #expect(t.amount == [5.5])
        #expect(t.disputed == [true])
        #expect(t.currencies.name(of: t.currency[0]) == "EUR")
        #expect(t.channel == [.paper])
    }

    @Test func mappingDefaultCurrencyOverridesTheOption() throws {
        let mapping = try ColumnMapping(toml: "[invoices]\ndefault_currency = \"gbp\"\n")
        let url = files.write("invoices.csv", "invoice_id,customer_id,issue_date,due_date,amount\nA1,C1,2024-01-10,2024-02-09,5\n")
        let report = try DatasetLoader.load(DatasetSources(invoices: url, mapping: mapping, defaultCurrency: "EUR"))
        #expect(report.dataset.invoices.currencies.names == ["GBP"])
    }

    @Test func duplicateHeaderColumnIsRefused() {
        #expect(files.invoiceIssues("invoice_id,customer_id,issue_date,due_date,amount,amount\nA1,C1,2024-01-10,2024-02-09,5,6\n")
            == ["invoices.csv:1: amount: column appears twice in the header (columns 5 and 6)"])
    }

    @Test func brokenQuoteRefusesTheFileAtTheRecordStart() {
        #expect(files.invoiceIssues(invoiceHeader + "A1,C1,2024-01-10,2024-02-09,5,,,,,\n\"A2,C1,2024-01-10,2024-02-09,5,,,,,\nA3,C1\n")
            == ["invoices.csv:3: quoted field is never closed (a \" opened on this line has no closing \")"])
    }
}

@Suite struct DefaultCurrencyTests {
    let files = TestFiles()

    @Test func unusedDefaultCurrencyIsNotListed() throws {
        let url = files.write("invoices.csv", invoiceHeader + "A1,C1,2024-01-10,2024-02-09,5,GBP,,,,\n")
        let report = try DatasetLoader.load(DatasetSources(invoices: url))
        #expect(report.dataset.invoices.currencies.names == ["GBP"])
    }

    @Test func invalidDefaultCurrencyIsRefused() {
        let url = files.write("invoices.csv", invoiceHeader + "A1,C1,2024-01-10,2024-02-09,5,,,,,\n")
        #expect(files.issues(DatasetSources(invoices: url, defaultCurrency: "euro"))
            == ["options: currency: default currency \"EURO\" is not an ISO 4217 code (expected 3 letters such as EUR)"])
    }
}
