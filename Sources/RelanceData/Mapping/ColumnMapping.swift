import Foundation
import TOMLKit

/// Reads exports that name or format things differently from the canonical CSVs, without the
/// user editing the export.
///
/// A mapping is a TOML file with one optional table per input file (`[invoices]`, `[customers]`,
/// `[events]`), each with `date_format`, `decimal_comma`, `[<file>.columns]` (canonical name =
/// "export column") and `[<file>.values.<column>]` (export value = canonical value). Any key not
/// listed in `datasets/mappings/README.md` is refused with its full TOML path, so that a typo
/// (`amout = "Gross"`) cannot silently leave a column unmapped.
///
/// ```swift
/// let mapping = try ColumnMapping.load(from: URL(fileURLWithPath: "datasets/mappings/cassandra-ap.toml"))
/// ```
public struct ColumnMapping: Sendable, Equatable {
    public var invoices = FileMapping()
    public var customers = FileMapping()
    public var events = FileMapping()

    public init() {}

    public subscript(file: InputFile) -> FileMapping {
        get {
            switch file {
            case .invoices: return invoices
            case .customers: return customers
            case .events: return events
            }
        }
        set {
            switch file {
            case .invoices: invoices = newValue
            case .customers: customers = newValue
            case .events: events = newValue
            }
        }
    }

    /// Reads and checks a mapping file; throws ``MappingError`` naming the file and TOML key.
    public static func load(from url: URL) throws -> ColumnMapping {
        let text: String
        do {
            let data = try Data(contentsOf: url)
            guard let t = String(data: data, encoding: .utf8) else {
                throw MappingError(file: url.lastPathComponent, key: "", message: "not valid UTF-8")
            }
            text = t
        } catch let e as MappingError {
            throw e
        } catch {
            throw MappingError(file: url.lastPathComponent, key: "", message: "cannot read the mapping file (\(error.localizedDescription))")
        }
        return try ColumnMapping(toml: text, fileName: url.lastPathComponent)
    }

    /// Parses mapping text; `fileName` only labels errors.
    public init(toml text: String, fileName: String = "mapping.toml") throws {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw MappingError(file: fileName, key: "", line: e.source.begin.line, message: "TOML syntax error: \(e.description)")
        } catch {
            throw MappingError(file: fileName, key: "", message: "TOML syntax error: \(error)")
        }
        for (key, value) in root {
            guard let file = InputFile(rawValue: key) else {
                throw MappingError(file: fileName, key: key, message: "unknown table (expected invoices, customers or events)")
            }
            guard let table = value.table else {
                throw MappingError(file: fileName, key: key, message: "must be a table ([\(key)])")
            }
            self[file] = try ColumnMapping.fileMapping(table, file: file, fileName: fileName)
        }
    }

    private static func fileMapping(_ table: TOMLTable, file: InputFile, fileName: String) throws -> FileMapping {
        var m = FileMapping()
        let prefix = file.rawValue
        let canonical = Set(file.columns.map(\.name))
        let sources = canonical.union(file.derivedSources)
        func string(_ v: TOMLValueConvertible, _ key: String) throws -> String {
            guard let s = v.string else { throw MappingError(file: fileName, key: key, message: "must be a string") }
            return s
        }
        for (key, value) in table {
            let path = "\(prefix).\(key)"
            switch key {
            case "date_format":
                do { m.dateFormat = try DateFormat(pattern: try string(value, path)) } catch let e as DateFormatError {
                    throw MappingError(file: fileName, key: path, message: e.description)
                }
            case "decimal_comma":
                guard let b = value.bool else { throw MappingError(file: fileName, key: path, message: "must be true or false") }
                m.decimalComma = b
            case "default_currency" where file == .invoices:
                let c = try string(value, path)
                guard c.utf8.count == 3, c.utf8.allSatisfy({ (65...90).contains($0) || (97...122).contains($0) }) else {
                    throw MappingError(file: fileName, key: path, message: "must be a 3-letter ISO 4217 code such as \"EUR\"")
                }
                m.defaultCurrency = c.uppercased()
            case "columns":
                guard let cols = value.table else { throw MappingError(file: fileName, key: path, message: "must be a table") }
                for (canon, exportValue) in cols {
                    let cpath = "\(path).\(canon)"
                    guard sources.contains(canon) else {
                        throw MappingError(file: fileName, key: cpath, message: "unknown column (expected one of: \((file.columns.map(\.name) + file.derivedSources).joined(separator: ", ")))")
                    }
                    let export = try string(exportValue, cpath)
                    guard !export.isEmpty else { throw MappingError(file: fileName, key: cpath, message: "must name a column") }
                    if export == FileMapping.rowNumberSource, !(file == .invoices && canon == "invoice_id") {
                        throw MappingError(file: fileName, key: cpath, message: "\"@row\" is only allowed for invoices.columns.invoice_id")
                    }
                    m.columns[canon] = export
                }
                if m.columns["paid_after_days"] != nil, m.columns["paid_date"] != nil {
                    throw MappingError(file: fileName, key: "\(path).paid_after_days", message: "map either paid_date or paid_after_days, not both")
                }
            case "values":
                guard let maps = value.table else { throw MappingError(file: fileName, key: path, message: "must be a table") }
                for (canon, mapValue) in maps {
                    let vpath = "\(path).\(canon)"
                    guard canonical.contains(canon) else {
                        throw MappingError(file: fileName, key: vpath, message: "unknown column (expected one of: \(file.columns.map(\.name).joined(separator: ", ")))")
                    }
                    guard let pairs = mapValue.table else { throw MappingError(file: fileName, key: vpath, message: "must be a table of \"export value\" = \"canonical value\"") }
                    var dict: [String: String] = [:]
                    for (from, to) in pairs {
                        dict[from] = try string(to, "\(vpath).\"\(from)\"")
                    }
                    m.values[canon] = dict
                }
            default:
                throw MappingError(file: fileName, key: path, message: "unknown key (expected date_format, decimal_comma, \(file == .invoices ? "default_currency, " : "")columns or values)")
            }
        }
        return m
    }
}

/// A mapping file that cannot be used, with the TOML key at fault.
public struct MappingError: Error, CustomStringConvertible {
    public var file: String
    /// Dotted TOML path of the offending key (`invoices.columns.amout`), empty for the whole file.
    public var key: String
    public var line: Int?
    public var message: String

    public init(file: String, key: String, line: Int? = nil, message: String) {
        self.file = file
        self.key = key
        self.line = line
        self.message = message
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if !key.isEmpty { s += ": \(key)" }
        return s + ": " + message
    }
}
