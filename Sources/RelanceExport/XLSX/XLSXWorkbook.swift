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
            let bytes = Data(part.bytes)
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
        var bytes: [UInt8]
        init(path: String, text: String) {
            self.path = path
            self.bytes = Array(text.utf8)
        }
        init(path: String, bytes: [UInt8]) {
            self.path = path
            self.bytes = bytes
        }
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
                bytes: Self.worksheetXML(sheet, selected: i == 0, strings: &strings)))
        }
        return [
            Part(path: "[Content_Types].xml", text: contentTypesXML()),
            Part(path: "_rels/.rels", text: Self.rootRelsXML),
            Part(path: "docProps/core.xml", text: coreXML()),
            Part(path: "docProps/app.xml", text: Self.appXML),
            Part(path: "xl/workbook.xml", text: workbookXML()),
            Part(path: "xl/_rels/workbook.xml.rels", text: workbookRelsXML()),
            Part(path: "xl/styles.xml", text: Self.stylesXML),
            Part(path: "xl/sharedStrings.xml", bytes: strings.xml()),
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

    /// The worksheet part, built as bytes: it is the bulk of a workbook (one element per cell), and
    /// appending UTF-8 bytes is several times faster than growing a String.
    static func worksheetXML(_ sheet: XLSXSheet, selected: Bool, strings: inout SharedStrings) -> [UInt8] {
        let lastRow = sheet.rows.count + 1
        let width = sheet.columns.count
        let letters = (0..<max(width, 1)).map { Array(columnName($0).utf8) }
        var x: [UInt8] = []
        x.reserveCapacity(512 + sheet.rows.count * max(width, 1) * 28)
        func put(_ s: String) { x.append(contentsOf: s.utf8) }
        func putInt(_ v: Int) {
            if v < 0 { x.append(UInt8(ascii: "-")) }
            var m = v.magnitude
            var digits: [UInt8] = []
            repeat { digits.append(UInt8(48 + m % 10)); m /= 10 } while m > 0
            x.append(contentsOf: digits.reversed())
        }
        func putRef(_ column: Int, _ row: Int) {
            x.append(contentsOf: letters[column])
            putInt(row)
        }
        put(header)
        put("<worksheet xmlns=\"\(mainNS)\" xmlns:r=\"\(relNS)\">")
        put("<dimension ref=\"\(width == 0 ? "A1" : "A1:\(columnName(width - 1))\(lastRow)")\"/>")
        put("<sheetViews><sheetView\(selected ? " tabSelected=\"1\"" : "") workbookViewId=\"0\">")
        put("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>")
        put("<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>")
        put("</sheetView></sheetViews>")
        put("<sheetFormatPr defaultRowHeight=\"15\"/>")
        if width > 0 {
            put("<cols>")
            for (i, col) in sheet.columns.enumerated() {
                let w = col.width.isFinite ? min(max(col.width, 1), 255) : 10
                put("<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(w)\" customWidth=\"1\"/>")
            }
            put("</cols>")
        }
        put("<sheetData><row r=\"1\">")
        for (i, col) in sheet.columns.enumerated() {
            put("<c r=\""); putRef(i, 1); put("\" s=\"\(Style.header)\" t=\"s\"><v>")
            putInt(strings.index(of: col.title)); put("</v></c>")
        }
        put("</row>")
        for (r, row) in sheet.rows.enumerated() {
            let rowNumber = r + 2
            put("<row r=\""); putInt(rowNumber); put("\">")
            // Number cells carry no `t` attribute (the default type is number), dates are numbers
            // styled as dates, text goes through the shared-strings table (`t="s"`), booleans `t="b"`.
            for (c, cell) in row.enumerated() {
                switch cell {
                case .empty:
                    continue
                case let .text(s):
                    put("<c r=\""); putRef(c, rowNumber); put("\" t=\"s\"><v>")
                    putInt(strings.index(of: s)); put("</v></c>")
                case let .number(v, format):
                    guard v.isFinite else { continue }
                    put("<c r=\""); putRef(c, rowNumber); put("\" s=\""); putInt(Style.number(format)); put("\"><v>")
                    if v == v.rounded(), abs(v) < 1e15 { putInt(Int(v)) } else { put("\(v)") }
                    put("</v></c>")
                case let .date(day):
                    if let serial = day.excelSerial {
                        put("<c r=\""); putRef(c, rowNumber); put("\" s=\""); putInt(Style.date); put("\"><v>")
                        putInt(serial); put("</v></c>")
                    } else if !day.isMissing {
                        // Before 1900-03-01 Excel has no correct serial: keep the date readable as text.
                        put("<c r=\""); putRef(c, rowNumber); put("\" t=\"s\"><v>")
                        putInt(strings.index(of: day.iso)); put("</v></c>")
                    }
                case let .bool(b):
                    put("<c r=\""); putRef(c, rowNumber); put(b ? "\" t=\"b\"><v>1</v></c>" : "\" t=\"b\"><v>0</v></c>")
                }
            }
            put("</row>")
        }
        put("</sheetData>")
        if width > 0 { put("<autoFilter ref=\"A1:\(columnName(width - 1))\(lastRow)\"/>") }
        put("<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>")
        put("</worksheet>")
        return x
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

    func xml() -> [UInt8] {
        var x: [UInt8] = []
        x.reserveCapacity(128 + items.reduce(0) { $0 + $1.utf8.count + 14 })
        x.append(contentsOf: XLSXWorkbook.header.utf8)
        x.append(contentsOf: "<sst xmlns=\"\(XLSXWorkbook.mainNS)\" count=\"\(references)\" uniqueCount=\"\(items.count)\">".utf8)
        for s in items {
            // Leading or trailing spaces and line breaks survive only with xml:space="preserve".
            let preserve = s.first.map { $0.isWhitespace } == true || s.last.map { $0.isWhitespace } == true
                || s.contains("\n")
            x.append(contentsOf: (preserve ? "<si><t xml:space=\"preserve\">" : "<si><t>").utf8)
            // Items were stripped of forbidden characters when interned; only escaping remains.
            for b in s.utf8 {
                switch b {
                case UInt8(ascii: "&"): x.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): x.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): x.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): x.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): x.append(contentsOf: "&apos;".utf8)
                case 13: x.append(contentsOf: "&#13;".utf8)
                default: x.append(b)
                }
            }
            x.append(contentsOf: "</t></si>".utf8)
        }
        x.append(contentsOf: "</sst>".utf8)
        return x
    }
}
