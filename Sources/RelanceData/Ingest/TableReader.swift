import Foundation

/// Opens one input file, checks its header against the canonical columns and the mapping, and
/// gives the row readers typed access to fields by canonical name.
///
/// Shared by the invoices, customers and events readers so that header rules, value translation,
/// trimming, the card-number screen and UTF-8 checks behave the same in every file.
final class TableReader {
    let file: InputFile
    let fileName: String
    let scanner: CSVScanner
    let header: [String]
    let mapping: FileMapping
    /// Field index of each canonical column or derived source present in the file.
    let index: [String: Int]
    /// Value maps by field index (`let`: read on every field without exclusivity checks).
    private let translations: [ValueTranslation?]
    /// Header names of columns no canonical column or source uses.
    let ignoredColumns: [String]
    /// The file's date format, and whether it is `yyyy-MM-dd` (then read by the ISO fast path).
    let dateFormat: DateFormat
    private let datesAreISO: Bool

    /// Opens `url` and reads its header. Header problems are added to `log`; returns nil when the
    /// file cannot be used at all (missing, empty, missing required columns).
    static func open(_ url: URL, file: InputFile, mapping: FileMapping, log: inout IssueLog) -> TableReader? {
        let name = url.lastPathComponent
        let scanner: CSVScanner
        do {
            scanner = try CSVScanner(url: url)
        } catch {
            log.missingInput = true
            log.add(IngestIssue(file: name, line: 0, column: "", message: "cannot open the file (\(error))"))
            return nil
        }
        do {
            guard try scanner.next() else {
                log.add(IngestIssue(file: name, line: 0, column: "", message: "the file is empty (a header line is required: \(file.columns.filter(\.required).map(\.name).joined(separator: ",")))"))
                return nil
            }
        } catch let e as CSVSyntaxError {
            log.add(IngestIssue(file: name, line: e.line, column: "", message: e.message))
            return nil
        } catch {
            log.add(IngestIssue(file: name, line: 0, column: "", message: "cannot read the file (\(error))"))
            return nil
        }
        var header: [String] = []
        for i in 0..<scanner.fieldCount {
            guard let s = scanner.string(i) else {
                log.add(IngestIssue(file: name, line: scanner.recordLine, column: "column \(i + 1)", message: "header is not valid UTF-8 (save the file as UTF-8)"))
                return nil
            }
            header.append(s.trimmingCharacters(in: .whitespaces))
        }
        guard let columns = resolveColumns(file: file, fileName: name, header: header, mapping: mapping, log: &log) else { return nil }
        return TableReader(file: file, fileName: name, scanner: scanner, header: header, mapping: mapping, columns: columns)
    }

    private init(file: InputFile, fileName: String, scanner: CSVScanner, header: [String], mapping: FileMapping,
                 columns: (index: [String: Int], translations: [ValueTranslation?], ignored: [String])) {
        self.file = file
        self.fileName = fileName
        self.scanner = scanner
        self.header = header
        self.mapping = mapping
        self.index = columns.index
        self.translations = columns.translations
        self.ignoredColumns = columns.ignored
        self.dateFormat = mapping.dateFormat
        self.datesAreISO = mapping.dateFormat.isISO
    }

    /// The day written in `b` in the file's date format, nil when it is not one.
    @inline(__always) func day(_ b: UnsafeRawBufferPointer) -> Day? {
        datesAreISO ? CivilCalendar.parseISO(b) : dateFormat.parse(b)
    }

    private static func resolveColumns(file: InputFile, fileName: String, header: [String], mapping: FileMapping, log: inout IssueLog)
        -> (index: [String: Int], translations: [ValueTranslation?], ignored: [String])?
    {
        var index: [String: Int] = [:]
        var translations = [ValueTranslation?](repeating: nil, count: header.count)
        var position: [String: Int] = [:]
        var ok = true
        for (i, name) in header.enumerated() where !name.isEmpty {
            if let first = position[name] {
                log.add(IngestIssue(file: fileName, line: 1, column: name, message: "column appears twice in the header (columns \(first + 1) and \(i + 1))"))
                ok = false
            } else {
                position[name] = i
            }
        }
        var used = Set<Int>()
        let present = header.filter { !$0.isEmpty }.joined(separator: ", ")
        for column in file.columns {
            let export = mapping.exportName(of: column.name)
            if export == FileMapping.rowNumberSource { continue }
            if let i = position[export] {
                index[column.name] = i
                used.insert(i)
                if let map = mapping.values[column.name] { translations[i] = ValueTranslation(map) }
            } else if column.required {
                let mapped = export == column.name ? "" : " (mapped to \(column.name))"
                log.add(IngestIssue(file: fileName, line: 1, column: export, message: "required column \"\(export)\"\(mapped) is missing (columns present: \(present))"))
                ok = false
            } else if export != column.name {
                log.add(IngestIssue(file: fileName, line: 1, column: export, message: "column \"\(export)\" named in the mapping for \(column.name) is missing (columns present: \(present))"))
                ok = false
            }
        }
        for source in file.derivedSources {
            guard let export = mapping.columns[source] else { continue }
            if let i = position[export] {
                index[source] = i
                used.insert(i)
            } else {
                log.add(IngestIssue(file: fileName, line: 1, column: export, message: "column \"\(export)\" named in the mapping for \(source) is missing (columns present: \(present))"))
                ok = false
            }
        }
        let ignored = header.enumerated().filter { !used.contains($0.offset) }.map { $0.element.isEmpty ? "column \($0.offset + 1)" : $0.element }
        return ok ? (index, translations, ignored) : nil
    }

    /// A reader of the same file and columns starting at byte `offset`, the start of a record
    /// (for a second thread); its lines count from 1 at `offset`.
    func part(startingAt offset: Int, url: URL) throws -> TableReader {
        TableReader(file: file, fileName: fileName, scanner: try CSVScanner(url: url, startOffset: offset), header: header,
                    mapping: mapping, columns: (index, translations, ignoredColumns))
    }

    /// Whether `invoice_id` comes from the physical line number (`invoice_id = "@row"`).
    var invoiceIdIsRowNumber: Bool { mapping.columns["invoice_id"] == FileMapping.rowNumberSource }

    /// Name of field `i` as the file spells it, for messages.
    func columnName(_ i: Int) -> String {
        i < header.count ? (header[i].isEmpty ? "column \(i + 1)" : header[i]) : "column \(i + 1)"
    }

    /// Name of canonical column `canonical` as the file spells it.
    func exportName(_ canonical: String) -> String { mapping.exportName(of: canonical) }

    /// Advances to the next data row; syntax errors are added to `log` and end the file.
    func nextRow(log: inout IssueLog) -> Bool {
        do {
            return try scanner.next()
        } catch let e as CSVSyntaxError {
            log.add(IngestIssue(file: fileName, line: e.line, column: "", message: e.message))
            return false
        } catch {
            log.add(IngestIssue(file: fileName, line: scanner.recordLine, column: "", message: "cannot read the file (\(error))"))
            return false
        }
    }

    /// Problems that make the whole file unusable whatever the mode: a card number or invalid UTF-8
    /// in any field of the row (ignored columns included). Never quotes the field.
    func screenRow(_ row: CSVRow, log: inout IssueLog) -> Bool {
        var clean = true
        let n = row.count
        for i in 0..<n where CardNumberDetector.looksLikeCardNumber(row.bytes(i)) {
            log.add(IngestIssue(file: fileName, line: row.line, column: columnName(i), message: "looks like a payment card number (13–19 digits passing the Luhn check); card numbers must not be in Relance inputs: remove or mask this column (value not shown)"))
            clean = false
        }
        if row.hasNonASCII {
            for i in 0..<n where String(validating: row.bytes(i), as: UTF8.self) == nil {
                log.add(IngestIssue(file: fileName, line: row.line, column: columnName(i), message: "not valid UTF-8 (save the file as UTF-8)"))
                clean = false
            }
        }
        return clean
    }

    /// The row's field-count problem, if any.
    func raggedProblem(_ row: CSVRow) -> String? {
        let n = row.count
        return n == header.count ? nil : "expected \(header.count) fields as in the header, found \(n)"
    }

    /// Field `i`, trimmed of spaces and tabs, translated through the column's value map.
    @inline(__always) func value(_ row: CSVRow, _ i: Int) -> UnsafeRawBufferPointer {
        var b = row.bytes(i)
        var s = 0, e = b.count
        while s < e, b[s] == 32 || b[s] == 9 { s += 1 }
        while e > s, b[e - 1] == 32 || b[e - 1] == 9 { e -= 1 }
        if s != 0 || e != b.count { b = UnsafeRawBufferPointer(rebasing: b[s..<e]) }
        if let t = translations[i] { return t.translate(b) }
        return b
    }

    /// Field `i` as text after trimming and translation.
    func text(_ row: CSVRow, _ i: Int) -> String { String(decoding: value(row, i), as: UTF8.self) }

    /// Field `i` exactly as read (for rejects files).
    func rawFields(_ row: CSVRow) -> [String] {
        (0..<row.count).map { String(decoding: row.bytes($0), as: UTF8.self) }
    }

    /// A field value quoted for a message, shortened so a message stays one readable line.
    static func quote(_ b: UnsafeRawBufferPointer) -> String {
        var s = String(decoding: b, as: UTF8.self)
        if s.count > 40 { s = String(s.prefix(37)) + "…" }
        return "\"" + s + "\""
    }
}
