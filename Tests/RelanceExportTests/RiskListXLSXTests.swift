import Foundation
import Testing
@testable import RelanceExport

@Suite struct RiskListXLSXTests {
    static func reader() throws -> WorkbookReader {
        try WorkbookReader(try RiskListFixture.list.workbook(renderReason: RiskListFixture.renderReason).data())
    }

    static func header(_ book: WorkbookReader, sheet: Int, columns: Int) throws -> [String?] {
        let cells = try book.cells(sheet: sheet)
        return try (0..<columns).map { try book.resolved(cells["\(XLSXWorkbook.columnName($0))1"]) }
    }

    @Test func sheetsAreInvoicesCustomersAndSummaryWithDocumentedHeaders() throws {
        let book = try Self.reader()
        #expect(try book.sheetNames() == ["invoices", "customers", "summary"])
        #expect(try Self.header(book, sheet: 1, columns: 14) == RiskListColumns.invoices)
        #expect(try Self.header(book, sheet: 2, columns: 9) == RiskListColumns.customers)
        #expect(try Self.header(book, sheet: 3, columns: 10) == RiskListColumns.summary)
        for n in 1...3 {
            let pane = try book.elements("xl/worksheets/sheet\(n).xml").first { $0.name == "pane" }
            #expect(pane?.attributes["state"] == "frozen")
        }
    }

    @Test func invoiceRowsKeepTypes() throws {
        let book = try Self.reader()
        let cells = try book.cells(sheet: 1)
        // Row 2 is INV-1: amount 900 (D), issue 2026-09-28 (F), due 2026-10-28 (G), 30 days (H).
        #expect(try book.resolved(cells["A2"]) == "INV-1")
        #expect(cells["D2"]?.type == nil && cells["D2"]?.value == "900")
        #expect(cells["F2"]?.value == String(Day(year: 2026, month: 9, day: 28)!.excelSerial!))
        #expect(cells["G2"]?.value == String(Day(year: 2026, month: 10, day: 28)!.excelSerial!))
        #expect(cells["F2"]?.style == XLSXWorkbook.Style.date)
        #expect(cells["H2"]?.value == "30")
        #expect(cells["I2"]?.value == "0.9")
        #expect(cells["M2"]?.value == "810")
        #expect(try book.resolved(cells["K2"]) == "duplicate_of:INV-0;amount_12x_usual")
        #expect(try book.resolved(cells["N2"]) == "late_share=4.0/5 | overdue_open=12.0")
        // The control character in INV-4's customer name is gone; the rest is kept as text.
        #expect(try book.resolved(cells["C5"]) == "=HYPERLINK(\"x\")Ltd")
        #expect(cells["C5"]?.type == "s")
    }

    @Test func customersAndSummarySheetsCarryTheRollupAndTotals() throws {
        let book = try Self.reader()
        let customers = try book.cells(sheet: 2)
        #expect(try book.resolved(customers["A2"]) == "C1")
        #expect(customers["F2"]?.value == "860")
        #expect(try book.resolved(customers["G2"]) == "critical")
        let summary = try book.cells(sheet: 3)
        #expect(summary["A2"]?.value == "46353")
        #expect(summary["A2"]?.style == XLSXWorkbook.Style.date)
        #expect(try book.resolved(summary["B2"]) == "EUR")
        #expect(summary["D2"]?.value == "3000")
        #expect(try book.resolved(summary["B3"]) == "GBP")
    }
}
