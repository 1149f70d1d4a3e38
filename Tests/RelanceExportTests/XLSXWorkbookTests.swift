import Foundation
import Testing
@testable import RelanceExport

@Suite struct XLSXWorkbookTests {
    static let day = Day(year: 2026, month: 11, day: 27)!

    static func sample() -> XLSXWorkbook {
        XLSXWorkbook(sheets: [
            XLSXSheet(
                name: "data",
                columns: [XLSXColumn("name", width: 20), XLSXColumn("amount", width: 12),
                          XLSXColumn("due", width: 11), XLSXColumn("paid", width: 6), XLSXColumn("n", width: 5)],
                rows: [
                    [.text("A & B <c> \"d\" 'e'\u{0}\u{7}\u{FFFE}"), .money(1234.5), .date(day), .bool(true), .integer(3)],
                    [.text("  padded\nline  "), .number(.nan), .date(.missing), .bool(false), .number(1e-7, .fraction)],
                ]),
            XLSXSheet(name: "second", columns: [XLSXColumn("x", width: 5)], rows: [[.text("A & B <c> \"d\" 'e'")]]),
        ])
    }

    @Test func excelSerialCountsDaysFrom18991230() {
        #expect(Day(year: 1970, month: 1, day: 1)!.excelSerial == 25_569)
        #expect(Day(year: 1900, month: 3, day: 1)!.excelSerial == 61)
        #expect(Day(year: 2026, month: 11, day: 27)!.excelSerial == 46_353)
        #expect(Day(year: 2000, month: 1, day: 1)!.excelSerial == 36_526)
        #expect(Day(year: 1900, month: 2, day: 28)!.excelSerial == nil)
        #expect(Day.missing.excelSerial == nil)
    }

    @Test func columnNamesFollowSpreadsheetLetters() {
        #expect(XLSXWorkbook.columnName(0) == "A")
        #expect(XLSXWorkbook.columnName(25) == "Z")
        #expect(XLSXWorkbook.columnName(26) == "AA")
        #expect(XLSXWorkbook.columnName(701) == "ZZ")
        #expect(XLSXWorkbook.columnName(702) == "AAA")
        #expect(XLSXWorkbook.columnName(16_383) == "XFD")
    }

    @Test func packageHoldsEveryRequiredPartAndAllAreWellFormedXML() throws {
        let book = try WorkbookReader(try Self.sample().data())
        let expected: Set<String> = [
            "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml",
            "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
        ]
        #expect(Set(book.parts.keys) == expected)
        for path in expected {
            #expect(throws: Never.self) { _ = try book.elements(path) }
        }
        let types = try #require(book.text("[Content_Types].xml"))
        #expect(types.contains("PartName=\"/xl/worksheets/sheet2.xml\""))
        #expect(try book.sheetNames() == ["data", "second"])
    }

    @Test func headerIsBoldFrozenAndFiltered() throws {
        let book = try WorkbookReader(try Self.sample().data())
        let sheet = try book.elements("xl/worksheets/sheet1.xml")
        let pane = try #require(sheet.first { $0.name == "pane" })
        #expect(pane.attributes["ySplit"] == "1")
        #expect(pane.attributes["state"] == "frozen")
        #expect(pane.attributes["topLeftCell"] == "A2")
        #expect(sheet.first { $0.name == "autoFilter" }?.attributes["ref"] == "A1:E3")
        let widths = sheet.filter { $0.name == "col" }.map { $0.attributes["width"] }
        #expect(widths == ["20.0", "12.0", "11.0", "6.0", "5.0"])
        let cells = try book.cells(sheet: 1)
        #expect(try book.resolved(cells["A1"]) == "name")
        #expect(cells["A1"]?.type == "s")
        // Style 1 must be the bold font.
        let styles = try book.elements("xl/styles.xml")
        let fonts = styles.filter { $0.name == "font" || $0.name == "b" }.map(\.name)
        #expect(fonts == ["font", "font", "b"])
        let xfs = styles.filter { $0.name == "xf" && $0.attributes["xfId"] != nil }
        #expect(xfs[cells["A1"]?.style ?? -1].attributes["fontId"] == "1")
        let defined = try book.elements("xl/workbook.xml").filter { $0.name == "definedName" }
        #expect(defined.first?.text == "'data'!$A$1:$E$3")
    }

    @Test func cellsAreTypedNumbersDatesBooleansAndText() throws {
        let book = try WorkbookReader(try Self.sample().data())
        let cells = try book.cells(sheet: 1)
        let styles = try book.elements("xl/styles.xml")
        let xfs = styles.filter { $0.name == "xf" && $0.attributes["xfId"] != nil }
        let numFmts = Dictionary(uniqueKeysWithValues: styles.filter { $0.name == "numFmt" }
            .map { ($0.attributes["numFmtId"] ?? "", $0.attributes["formatCode"] ?? "") })
        func format(_ ref: String) -> String? {
            guard let s = cells[ref]?.style else { return nil }
            let id = xfs[s].attributes["numFmtId"] ?? ""
            return numFmts[id] ?? "builtin:\(id)"
        }
        // Amount: a number (no t) styled money.
        #expect(cells["B2"]?.type == nil)
        #expect(cells["B2"]?.value == "1234.5")
        #expect(format("B2") == "builtin:4")
        // Date: the serial, styled with a date format.
        #expect(cells["C2"]?.type == nil)
        #expect(cells["C2"]?.value == "46353")
        #expect(format("C2") == "yyyy-mm-dd")
        // Boolean.
        #expect(cells["D2"]?.type == "b" && cells["D2"]?.value == "1")
        #expect(cells["D3"]?.type == "b" && cells["D3"]?.value == "0")
        // Integer.
        #expect(cells["E2"]?.value == "3" && format("E2") == "builtin:1")
        #expect(cells["E3"]?.value == "1e-07" && format("E3") == "0.0000")
        // Not-finite number and missing date: no cell at all.
        #expect(cells["B3"] == nil)
        #expect(cells["C3"] == nil)
    }

    @Test func textIsEscapedStrippedOfForbiddenCharactersAndShared() throws {
        let book = try WorkbookReader(try Self.sample().data())
        let strings = try book.sharedStrings()
        #expect(strings.contains("A & B <c> \"d\" 'e'"))
        #expect(strings.filter { $0 == "A & B <c> \"d\" 'e'" }.count == 1)
        #expect(strings.contains("  padded\nline  "))
        let raw = try #require(book.text("xl/sharedStrings.xml"))
        #expect(raw.contains("<t xml:space=\"preserve\">  padded"))
        #expect(!raw.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        let first = try #require(try book.cells(sheet: 1)["A2"])
        let second = try #require(try book.cells(sheet: 2)["A2"])
        #expect(first.type == "s" && first.value == second.value)
    }

    @Test func invalidSheetNamesAreRefusedWithTheirIndex() {
        func book(_ names: [String]) -> XLSXWorkbook {
            XLSXWorkbook(sheets: names.map { XLSXSheet(name: $0, columns: [], rows: []) })
        }
        #expect(throws: XLSXError.invalidSheetName(index: 0, problem: "contains one of [ ] : * ? / \\")) {
            try book(["a/b"]).data()
        }
        #expect(throws: XLSXError.invalidSheetName(index: 0, problem: "longer than 31 characters")) {
            try book([String(repeating: "x", count: 32)]).data()
        }
        #expect(throws: XLSXError.duplicateSheetName(index: 1)) { try book(["Sheet", "sheet"]).data() }
        #expect(throws: XLSXError.noSheets) { try book([]).data() }
    }

    @Test func rowWiderThanTheHeaderIsRefused() {
        let book = XLSXWorkbook(sheets: [XLSXSheet(name: "s", columns: [XLSXColumn("a", width: 5)], rows: [[.integer(1), .integer(2)]])])
        #expect(throws: XLSXError.rowTooWide(sheet: "s", row: 2, cells: 2, columns: 1)) { try book.data() }
    }

    @Test func sameWorkbookGivesIdenticalBytes() throws {
        #expect(try Self.sample().data() == Self.sample().data())
    }

    @Test func writeReplacesTheFileAtomically() throws {
        let dir = try RiskListFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("book.xlsx")
        try Data("old".utf8).write(to: url)
        try Self.sample().write(to: url)
        #expect(try Data(contentsOf: url) == Self.sample().data())
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["book.xlsx"])
    }
}

@Suite struct XLSXCellEdgeTests {
    @Test func dateBefore1900MarchIsKeptAsTextAndOverlongTextIsCutAtTheCellLimit() throws {
        let old = Day(year: 1899, month: 6, day: 1)!
        let long = String(repeating: "é", count: 40_000)
        let book = XLSXWorkbook(sheets: [
            XLSXSheet(name: "s", columns: [XLSXColumn("d", width: 10), XLSXColumn("t", width: 10)],
                      rows: [[.date(old), .text(long)]]),
        ])
        let reader = try WorkbookReader(try book.data())
        let cells = try reader.cells(sheet: 1)
        #expect(cells["A2"]?.type == "s")
        #expect(try reader.resolved(cells["A2"]) == "1899-06-01")
        let cut = try #require(try reader.resolved(cells["B2"]))
        #expect(cut.utf16.count == 32_767)
        #expect(long.hasPrefix(cut))
    }
}
