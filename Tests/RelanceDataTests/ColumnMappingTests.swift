import Foundation
import Testing
@testable import RelanceData

@Suite struct ColumnMappingTests {
    let files = TestFiles()

    /// The minimal form of the data contract, verbatim.
    let contractExample = """
        [invoices]
        date_format = "dd/MM/yyyy"      # applies to every date column of this file
        decimal_comma = true            # "1 234,50" -> 1234.50

        [invoices.columns]              # canonical name = "column in the export"
        invoice_id  = "Doc No"
        customer_id = "Account"
        issue_date  = "Doc Date"
        due_date    = "Due"
        amount      = "Gross"
        paid_date   = "Cleared On"
        disputed    = "In Dispute"
        channel     = "Delivery"

        [invoices.values.disputed]      # export value = canonical value
        "Y" = "1"
        "N" = "0"

        [invoices.values.channel]
        "Post" = "paper"
        "E-mail" = "electronic"
        """

    @Test func contractExampleReadsARenamedExport() throws {
        let mapping = try ColumnMapping(toml: contractExample)
        let text = "Doc No,Account,Doc Date,Due,Gross,Cleared On,In Dispute,Delivery\n"
            + "F-1,ACME,31/01/2024,01/03/2024,\"1 234,50\",15/02/2024,N,Post\n"
            + "F-2,ACME,29/02/2024,30/03/2024,\"99,9\",,Y,E-mail\n"
            + "F-3,Beta,01/03/2024,31/03/2024,12,,0,paper\n"
        let report = try DatasetLoader.load(DatasetSources(invoices: files.write("export.csv", text), mapping: mapping))
        let t = report.dataset.invoices
        #expect(t.invoiceIds == ["F-1", "F-2", "F-3"])
        #expect(t.amount == [1234.5, 99.9, 12])
        #expect(t.issueDate.map(\.iso) == ["2024-01-31", "2024-02-29", "2024-03-01"])
        #expect(t.paid(0)?.iso == "2024-02-15")
        #expect(t.paid(1) == nil)
        #expect(t.disputed == [false, true, false])
        #expect(t.channel == [.paper, .electronic, .paper])
        #expect(report.warnings.isEmpty)
    }

    @Test func errorsNameTheExportColumnAndTheMappedFormat() throws {
        let mapping = try ColumnMapping(toml: contractExample)
        let text = "Doc No,Account,Doc Date,Due,Gross\nF-1,ACME,2024-01-31,01/03/2024,\"1 234.50\"\n"
        #expect(files.issues(DatasetSources(invoices: files.write("export.csv", text), mapping: mapping)) == [
            "export.csv:1: Cleared On: column \"Cleared On\" named in the mapping for paid_date is missing (columns present: Doc No, Account, Doc Date, Due, Gross)",
            "export.csv:1: In Dispute: column \"In Dispute\" named in the mapping for disputed is missing (columns present: Doc No, Account, Doc Date, Due, Gross)",
            "export.csv:1: Delivery: column \"Delivery\" named in the mapping for channel is missing (columns present: Doc No, Account, Doc Date, Due, Gross)",
        ])
        let text2 = "Doc No,Account,Doc Date,Due,Gross,Cleared On,In Dispute,Delivery\nF-1,ACME,2024-01-31,01/03/2024,\"1 234.50\",,N,Post\n"
        #expect(files.issues(DatasetSources(invoices: files.write("export.csv", text2), mapping: mapping)) == [
            "export.csv:2: Doc Date: \"2024-01-31\" is not a date (expected dd/MM/yyyy)",
            "export.csv:2: Gross: \"1 234.50\" is not a number (expected a decimal with a comma, e.g. 1 234,50)",
        ])
        let text3 = "Doc No,Account,Doc Date,Due,Gross\nF-1,ACME,31/01/2024,01/03/2024,5\n"
        var m = FileMapping()
        m.columns = ["amount": "Gross", "invoice_id": "Doc No", "customer_id": "Account", "issue_date": "Doc Date"]
        var mapping2 = ColumnMapping()
        mapping2.invoices = m
        #expect(files.issues(DatasetSources(invoices: files.write("export.csv", text3), mapping: mapping2)) == [
            "export.csv:1: due_date: required column \"due_date\" is missing (columns present: Doc No, Account, Doc Date, Due, Gross)",
        ])
    }

    @Test func rowNumberIdsAndPaidAfterDays() throws {
        let mapping = try ColumnMapping(toml: """
            [invoices]
            date_format = "dd-MMM-yy"
            [invoices.columns]
            invoice_id = "@row"
            customer_id = "Vendor"
            issue_date = "Invoice_Date"
            due_date = "Due_Date"
            amount = "Amount"
            paid_after_days = "Days"
            """)
        let text = "Vendor,Invoice_Date,Due_Date,Amount,Days\nV1,26-Apr-11,26-May-11,672.78,13\nV2,28-Feb-12,29-Mar-12,5,\nV1,01-Jan-12,31-Jan-12,5,-3\n"
        let url = files.write("train.csv", text)
        #expect(files.issues(DatasetSources(invoices: url, mapping: mapping))
            == ["train.csv:4: Days: paid date 2011-12-29 is before the issue date 2012-01-01"])
        let report = try DatasetLoader.load(DatasetSources(invoices: url, mapping: mapping, rejects: files.url("rejects.csv")))
        let t = report.dataset.invoices
        #expect(t.invoiceIds == ["2", "3"])
        #expect(t.paid(0)?.iso == "2011-05-09")
        #expect(t.paid(1) == nil)
        #expect(t.issueDate[1].iso == "2012-02-28")
        #expect(report.rejectedRows == 1)
    }

    @Test func eventsAndCustomersMappingsApply() throws {
        let mapping = try ColumnMapping(toml: """
            [customers]
            [customers.columns]
            customer_id = "Code"
            opt_out = "No mail"
            [customers.values.opt_out]
            "X" = "1"
            [events]
            date_format = "M/d/yyyy"
            [events.columns]
            date = "When"
            customer_id = "Client"
            kind = "Type"
            [events.values.kind]
            "Relance" = "reminder_sent"
            "Appel" = "call"
            """)
        let invoices = files.write("invoices.csv", invoiceHeader + "A1,K1,2024-01-10,2024-02-09,5,,,,,\n")
        let customers = files.write("customers.csv", "Code,No mail\nK1,X\nK2,\n")
        let events = files.write("events.csv", "When,Client,Type\n2/9/2024,K1,Relance\n12/31/2024,K2,Appel\n")
        let report = try DatasetLoader.load(DatasetSources(invoices: invoices, customers: customers, events: events, mapping: mapping))
        #expect(report.dataset.customers.optOut == [true, false])
        #expect(report.dataset.events.kind == [.reminderSent, .call])
        #expect(report.dataset.events.date.map(\.iso) == ["2024-02-09", "2024-12-31"])
    }

    @Test func unknownKeysAreErrorsNamingTheTOMLKey() {
        func error(_ toml: String) -> String {
            do {
                _ = try ColumnMapping(toml: toml, fileName: "m.toml")
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        #expect(error("[invoices.columns]\namout = \"Gross\"\n").hasPrefix("m.toml: invoices.columns.amout: unknown column (expected one of: invoice_id,"))
        #expect(error("[invoices]\ndate_fromat = \"dd/MM/yyyy\"\n").hasPrefix("m.toml: invoices.date_fromat: unknown key"))
        #expect(error("[invoice]\n") == "m.toml: invoice: unknown table (expected invoices, customers or events)")
        #expect(error("[invoices.values.colour]\n\"a\" = \"b\"\n").hasPrefix("m.toml: invoices.values.colour: unknown column"))
        #expect(error("[invoices]\ndate_format = \"dd/QQ/yyyy\"\n").hasPrefix("m.toml: invoices.date_format: date format \"dd/QQ/yyyy\": \"QQ\" is not a supported pattern part"))
        #expect(error("[invoices]\ndecimal_comma = \"yes\"\n") == "m.toml: invoices.decimal_comma: must be true or false")
        #expect(error("[customers.columns]\ncustomer_id = \"@row\"\n") == "m.toml: customers.columns.customer_id: \"@row\" is only allowed for invoices.columns.invoice_id")
        #expect(error("[invoices.columns]\npaid_date = \"P\"\npaid_after_days = \"D\"\n").contains("map either paid_date or paid_after_days, not both"))
        #expect(error("[invoices\n").hasPrefix("m.toml:1: TOML syntax error"))
    }

    @Test func loadReadsAFileAndNamesIt() throws {
        let url = files.write("preset.toml", "[invoices]\ndecimal_comma = true\n")
        #expect(try ColumnMapping.load(from: url).invoices.decimalComma)
        do {
            _ = try ColumnMapping.load(from: files.url("absent.toml"))
            Issue.record("expected an error")
        } catch let e as MappingError {
            #expect(e.file == "absent.toml")
        }
    }
}
