import Foundation
import RelanceData
import ZIPFoundation

/// A spreadsheet workbook written as a real Office Open XML `.xlsx` (ECMA-376), readable by Excel,
/// LibreOffice, Numbers and every xlsx library.
///
/// Why not CSV only: a collections team lives in Excel, and a CSV opened there loses types (dates
/// become text or get day and month swapped by the locale, accented names break without a BOM).
/// Here cells are typed: numbers are numbers with a number format, days are Excel date serials
/// styled `yyyy-mm-dd`, booleans are booleans. Each sheet gets a bold, frozen header row with an
/// autofilter and set column widths.
///
/// The XML parts (`[Content_Types].xml`, `_rels/.rels`, `docProps/core.xml`, `docProps/app.xml`,
/// `xl/workbook.xml`, `xl/_rels/workbook.xml.rels`, `xl/styles.xml`, `xl/sharedStrings.xml`,
/// `xl/worksheets/sheetN.xml`) are written by hand by this type, with the minimum markup the
/// format requires; only the ZIP container comes from ZIPFoundation. The output depends only on
/// the sheets (fixed entry dates, no creation time), so the same data gives the same bytes.
///
/// ```swift
/// let book = XLSXWorkbook(sheets: [
///     XLSXSheet(name: "invoices", columns: [XLSXColumn("due_date", width: 12)], rows: [[.date(day)]]),
/// ])
/// try book.write(to: URL(fileURLWithPath: "risk.xlsx"))
/// ```
public struct XLSXWorkbook: Sendable, Equatable {
    public var sheets: [XLSXSheet]
    /// Document title stored in `docProps/core.xml` (no author or dates are stored).
    public var title: String?

    public init(sheets: [XLSXSheet], title: String? = nil) {
        self.sheets = sheets
        self.title = title
    }

    /// The `.xlsx` bytes.
    public func data() throws -> Data {
        try validate()
        let archive = try Archive(data: Data(), accessMode: .create)
        for part in try parts() {
            let bytes = Data(part.text.utf8)
            try archive.addEntry(
                with: part.path, type: .file, uncompressedSize: Int64(bytes.count),
                modificationDate: Self.entryDate, compressionMethod: .deflate,
                provider: { position, size in
                    bytes.subdata(in: Int(position)..<Int(position) + size)
                })
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    /// Writes the workbook atomically: the bytes go to a temporary file in the destination folder,
    /// which is then renamed over `url` (``AtomicFile``), so a reader never sees half a workbook.
    public func write(to url: URL) throws {
        try AtomicFile.write(data(), to: url)
    }

    // MARK: - Limits and validation

    static let maxRows = 1_048_576
    static let maxColumns = 16_384
    static let maxCellCharacters = 32_767
    /// ZIP entries carry a fixed date (2000-01-01) so identical data gives identical bytes.
    static let entryDate = Date(timeIntervalSince1970: 946_684_800)

    func validate() throws {
        guard !sheets.isEmpty else { throw XLSXError.noSheets }
        var seen = Set<String>()
        for (i, sheet) in sheets.enumerated() {
            let name = sheet.name
            if name.isEmpty { throw XLSXError.invalidSheetName(index: i, problem: "empty") }
            if name.count > 31 { throw XLSXError.invalidSheetName(index: i, problem: "longer than 31 characters") }
            if name.contains(where: { "[]:*?/\\".contains($0) }) {
                throw XLSXError.invalidSheetName(index: i, problem: "contains one of [ ] : * ? / \\")
            }
            if name.hasPrefix("'") || name.hasSuffix("'") {
                throw XLSXError.invalidSheetName(index: i, problem: "starts or ends with an apostrophe")
            }
            if XMLText.stripped(name) != name {
                throw XLSXError.invalidSheetName(index: i, problem: "contains a control character")
            }
            guard seen.insert(name.lowercased()).inserted else { throw XLSXError.duplicateSheetName(index: i) }
            if sheet.columns.count > Self.maxColumns {
                throw XLSXError.tooManyColumns(sheet: name, columns: sheet.columns.count)
            }
            if sheet.rows.count + 1 > Self.maxRows {
                throw XLSXError.tooManyRows(sheet: name, rows: sheet.rows.count + 1)
            }
            for (r, row) in sheet.rows.enumerated() where row.count > sheet.columns.count {
                throw XLSXError.rowTooWide(sheet: name, row: r + 2, cells: row.count, columns: sheet.columns.count)
            }
        }
    }

    // MARK: - Parts

    struct Part {
        var path: String
        var text: String
    }

    /// Cell style indices into `cellXfs` of ``stylesXML``.
    enum Style {
        static let normal = 0
        static let header = 1
        static let date = 2
        static func number(_ f: XLSXNumberFormat) -> Int {
            switch f {
            case .general: return 0
            case .money: return 3
            case .integer: return 4
            case .fraction: return 5
            }
        }
    }

    func parts() throws -> [Part] {
        var strings = SharedStrings()
        var sheetParts: [Part] = []
        for (i, sheet) in sheets.enumerated() {
            sheetParts.append(Part(
                path: "xl/worksheets/sheet\(i + 1).xml",
                text: Self.worksheetXML(sheet, selected: i == 0, strings: &strings)))
        }
        return [
            Part(path: "[Content_Types].xml", text: contentTypesXML()),
            Part(path: "_rels/.rels", text: Self.rootRelsXML),
            Part(path: "docProps/core.xml", text: coreXML()),
            Part(path: "docProps/app.xml", text: Self.appXML),
            Part(path: "xl/workbook.xml", text: workbookXML()),
            Part(path: "xl/_rels/workbook.xml.rels", text: workbookRelsXML()),
            Part(path: "xl/styles.xml", text: Self.stylesXML),
            Part(path: "xl/sharedStrings.xml", text: strings.xml()),
        ] + sheetParts
    }

    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    func contentTypesXML() -> String {
        var x = Self.header
        x += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        x += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        x += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        x += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        for i in sheets.indices {
            x += "<Override PartName=\"/xl/worksheets/sheet\(i + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        x += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        x += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
        x += "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
        x += "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
        x += "</Types>"
        return x
    }

    static let rootRelsXML = header
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(relNS)/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
        + "<Relationship Id=\"rId3\" Type=\"\(relNS)/extended-properties\" Target=\"docProps/app.xml\"/>"
        + "</Relationships>"

    func coreXML() -> String {
        var x = Self.header
        x += "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
        x += " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
        x += " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        if let title { x += "<dc:title>\(XMLText.escaped(title))</dc:title>" }
        x += "<dc:creator>Relance</dc:creator>"
        x += "</cp:coreProperties>"
        return x
    }

    static let appXML = header
        + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
        + "<Application>Relance</Application></Properties>"

    func workbookXML() -> String {
        var x = Self.header
        x += "<workbook xmlns=\"\(Self.mainNS)\" xmlns:r=\"\(Self.relNS)\">"
        x += "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (i, sheet) in sheets.enumerated() {
            x += "<sheet name=\"\(XMLText.escaped(sheet.name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
        }
        x += "</sheets>"
        // Excel records each sheet's autofilter range as this hidden defined name.
        let filtered = sheets.enumerated().filter { !$0.element.columns.isEmpty }
        if !filtered.isEmpty {
            x += "<definedNames>"
            for (i, sheet) in filtered {
                let quoted = "'" + sheet.name.replacingOccurrences(of: "'", with: "''") + "'"
                let ref = Self.absoluteRange(columns: sheet.columns.count, rows: sheet.rows.count + 1)
                x += "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(i)\" hidden=\"1\">"
                x += XMLText.escaped(quoted + "!" + ref) + "</definedName>"
            }
            x += "</definedNames>"
        }
        x += "</workbook>"
        return x
    }

    func workbookRelsXML() -> String {
        var x = Self.header
        x += "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for i in sheets.indices {
            x += "<Relationship Id=\"rId\(i + 1)\" Type=\"\(Self.relNS)/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
        }
        x += "<Relationship Id=\"rId\(sheets.count + 1)\" Type=\"\(Self.relNS)/styles\" Target=\"styles.xml\"/>"
        x += "<Relationship Id=\"rId\(sheets.count + 2)\" Type=\"\(Self.relNS)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        x += "</Relationships>"
        return x
    }

    /// Six cell formats, indexed by ``Style``: normal, bold header, date, money, integer, fraction.
    static let stylesXML = header
        + "<styleSheet xmlns=\"\(mainNS)\">"
        + "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/>"
        + "<numFmt numFmtId=\"165\" formatCode=\"0.0000\"/></numFmts>"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
        + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
        + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"6\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"4\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"1\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "</cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>"

    static func worksheetXML(_ sheet: XLSXSheet, selected: Bool, strings: inout SharedStrings) -> String {
        let lastRow = sheet.rows.count + 1
        let width = sheet.columns.count
        var x = header
        x.reserveCapacity(256 + sheet.rows.count * max(width, 1) * 24)
        x += "<worksheet xmlns=\"\(mainNS)\" xmlns:r=\"\(relNS)\">"
        x += "<dimension ref=\"\(width == 0 ? "A1" : "A1:\(columnName(width - 1))\(lastRow)")\"/>"
        x += "<sheetViews><sheetView\(selected ? " tabSelected=\"1\"" : "") workbookViewId=\"0\">"
        x += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        x += "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>"
        x += "</sheetView></sheetViews>"
        x += "<sheetFormatPr defaultRowHeight=\"15\"/>"
        if width > 0 {
            x += "<cols>"
            for (i, col) in sheet.columns.enumerated() {
                let w = col.width.isFinite ? min(max(col.width, 1), 255) : 10
                x += "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(w)\" customWidth=\"1\"/>"
            }
            x += "</cols>"
        }
        x += "<sheetData>"
        x += "<row r=\"1\">"
        for (i, col) in sheet.columns.enumerated() {
            x += "<c r=\"\(columnName(i))1\" s=\"\(Style.header)\" t=\"s\"><v>\(strings.index(of: col.title))</v></c>"
        }
        x += "</row>"
        for (r, row) in sheet.rows.enumerated() {
            let rowNumber = r + 2
            x += "<row r=\"\(rowNumber)\">"
            for (c, cell) in row.enumerated() {
                appendCell(cell, ref: "\(columnName(c))\(rowNumber)", to: &x, strings: &strings)
            }
            x += "</row>"
        }
        x += "</sheetData>"
        if width > 0 { x += "<autoFilter ref=\"A1:\(columnName(width - 1))\(lastRow)\"/>" }
        x += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
        x += "</worksheet>"
        return x
    }

    /// Number cells carry no `t` attribute (the default type is number), dates are numbers styled
    /// as dates, text goes through the shared-strings table (`t="s"`), booleans are `t="b"`.
    static func appendCell(_ cell: XLSXCell, ref: String, to x: inout String, strings: inout SharedStrings) {
        switch cell {
        case .empty:
            return
        case let .text(s):
            x += "<c r=\"\(ref)\" t=\"s\"><v>\(strings.index(of: s))</v></c>"
        case let .number(v, format):
            guard v.isFinite else { return }
            x += "<c r=\"\(ref)\" s=\"\(Style.number(format))\"><v>\(numberText(v))</v></c>"
        case let .date(day):
            if let serial = day.excelSerial {
                x += "<c r=\"\(ref)\" s=\"\(Style.date)\"><v>\(serial)</v></c>"
            } else if !day.isMissing {
                // Before 1900-03-01 Excel has no correct serial: keep the date readable as text.
                x += "<c r=\"\(ref)\" t=\"s\"><v>\(strings.index(of: day.iso))</v></c>"
            }
        case let .bool(b):
            x += "<c r=\"\(ref)\" t=\"b\"><v>\(b ? 1 : 0)</v></c>"
        }
    }

    /// Shortest round-trip decimal text; integers without a fractional part.
    static func numberText(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    /// Column letters: 0 → A, 25 → Z, 26 → AA.
    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    static func absoluteRange(columns: Int, rows: Int) -> String {
        "$A$1:$\(columnName(columns - 1))$\(rows)"
    }
}

/// The shared-strings table: every distinct text stored once, cells refer to it by index.
struct SharedStrings {
    private(set) var items: [String] = []
    private var index: [String: Int] = [:]
    private(set) var references = 0

    mutating func index(of raw: String) -> Int {
        references += 1
        var s = XMLText.stripped(raw)
        if s.utf16.count > XLSXWorkbook.maxCellCharacters {
            s = String(s.prefix(XLSXWorkbook.maxCellCharacters))
            while s.utf16.count > XLSXWorkbook.maxCellCharacters { s.removeLast() }
        }
        if let i = index[s] { return i }
        index[s] = items.count
        items.append(s)
        return items.count - 1
    }

    func xml() -> String {
        var x = XLSXWorkbook.header
        x += "<sst xmlns=\"\(XLSXWorkbook.mainNS)\" count=\"\(references)\" uniqueCount=\"\(items.count)\">"
        for s in items {
            // Leading or trailing spaces and line breaks survive only with xml:space="preserve".
            let preserve = s.first.map { $0.isWhitespace } == true || s.last.map { $0.isWhitespace } == true
                || s.contains("\n")
            x += preserve ? "<si><t xml:space=\"preserve\">" : "<si><t>"
            XMLText.appendEscaped(s, to: &x)
            x += "</t></si>"
        }
        x += "</sst>"
        return x
    }
}
