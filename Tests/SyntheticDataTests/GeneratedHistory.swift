import Foundation
@testable import SyntheticData

/// A generated history read back from disk, for tests: each file as a header and rows of fields.
///
/// The reader is a small RFC 4180 parser of its own, so the tests check the bytes the generator
/// wrote rather than the generator's in-memory state.
struct GeneratedHistory {
    let folder: URL
    let summary: GenerationSummary
    let invoices: CSVFile
    let customers: CSVFile
    let events: CSVFile
    let anomalies: CSVFile
    let customerTruth: CSVFile

    static func generate(_ options: GeneratorOptions) throws -> GeneratedHistory {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("relance-synthetic-\(UUID().uuidString)", isDirectory: true)
        let summary = try HistoryGenerator.write(options: options, to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        return GeneratedHistory(
            folder: folder, summary: summary,
            invoices: try CSVFile(folder.appendingPathComponent("invoices.csv")),
            customers: try CSVFile(folder.appendingPathComponent("customers.csv")),
            events: try CSVFile(folder.appendingPathComponent("events.csv")),
            anomalies: try CSVFile(folder.appendingPathComponent("truth/anomalies.csv")),
            customerTruth: try CSVFile(folder.appendingPathComponent("truth/customers.csv")))
    }

    /// Raw bytes of every generated file, keyed by relative path.
    static func bytes(_ options: GeneratorOptions) throws -> [String: Data] {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("relance-synthetic-\(UUID().uuidString)", isDirectory: true)
        _ = try HistoryGenerator.write(options: options, to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        var out: [String: Data] = [:]
        for name in ["invoices.csv", "customers.csv", "events.csv", "truth/anomalies.csv", "truth/customers.csv"] {
            out[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return out
    }
}

struct CSVFile {
    let header: [String]
    let rows: [[String]]

    init(_ url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        var all = CSVFile.parse(text)
        header = all.isEmpty ? [] : all.removeFirst()
        rows = all
    }

    func column(_ name: String) -> Int {
        header.firstIndex(of: name) ?? -1
    }

    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var afterQuote = false
        for ch in text {
            if quoted {
                if ch == "\"" { quoted = false; afterQuote = true } else { field.append(ch) }
                continue
            }
            switch ch {
            case "\"":
                if afterQuote { field.append("\"") }
                quoted = true
                afterQuote = false
            case ",":
                row.append(field); field = ""; afterQuote = false
            case "\n":
                row.append(field); field = ""; afterQuote = false
                rows.append(row); row = []
            default:
                field.append(ch); afterQuote = false
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}

/// Small generations shared by several tests (seconds in a debug build).
enum Fixtures {
    static let small = GeneratorOptions(
        seed: 20_261_127, customers: 120, invoices: 5_000,
        start: Day(year: 2023, month: 1, day: 2)!, asOf: Day(year: 2026, month: 11, day: 27)!,
        anomalyRate: 0.02)
}
