import Foundation

/// A small RFC 4180 reader for the few CSV files outreach reads itself (outcomes, risk lists):
/// header row, quoted fields with doubled quotes, CRLF or LF, UTF-8 (a BOM is skipped).
/// Each record keeps its physical line number for `file:line: column` errors.
struct CSVRecords {
    struct Record {
        var line: Int
        var fields: [String]
    }

    var header: [String]
    var records: [Record]

    enum Problem: Error {
        case unterminatedQuote(line: Int)
        case empty
    }

    init(text: String) throws {
        var rows: [Record] = []
        var field = ""
        var fields: [String] = []
        var inQuotes = false
        var line = 1
        var rowLine = 1
        var chars = Substring(text)
        if chars.first == "\u{FEFF}" { chars = chars.dropFirst() }
        var it = chars.makeIterator()
        var pending: Character? = nil
        func endRow() {
            fields.append(field)
            field = ""
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append(Record(line: rowLine, fields: fields)) }
            fields = []
        }
        while let c = pending ?? it.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    if let n = it.next() {
                        if n == "\"" { field.append("\"") } else { inQuotes = false; pending = n }
                    } else { inQuotes = false }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"": inQuotes = true
            case ",": fields.append(field); field = ""
            case "\n", "\r\n", "\r":
                endRow()
                line += 1
                rowLine = line
            default: field.append(c)
            }
        }
        if inQuotes { throw Problem.unterminatedQuote(line: rowLine) }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        guard let first = rows.first else { throw Problem.empty }
        header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        records = Array(rows.dropFirst())
    }

    func column(_ name: String) -> Int? { header.firstIndex(of: name) }
}
