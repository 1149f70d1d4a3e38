import Foundation
import TOMLKit

/// Where the daily job finds its inputs and puts its outputs: the `[daily]` table of
/// `relance.toml`, read beside ``OutreachConfig`` from the same file.
///
/// ```toml
/// [daily]
/// invoices  = "data/invoices.csv"     # required
/// customers = "data/customers.csv"    # required (names, languages, opt-outs)
/// events    = "data/events.csv"       # optional
/// mapping   = "mapping.toml"          # optional column mapping
/// currency  = "EUR"                   # currency of invoices without one
/// model     = "models/current"        # bundle folder written by `relance train` (required)
/// ledger    = "relance-ledger.sqlite" # contact ledger, created if missing
/// out_dir   = "out/daily"             # one sub-folder per day: out/daily/2026-11-27/
/// language  = "fr"                    # risk list reasons and report: fr or en
/// worklist_rows = 200                 # rows of the HTML worklist (the CSV/XLSX hold all)
/// ```
///
/// Relative paths are relative to the folder of the configuration file, so a crontab line works
/// from any working directory. Strict like ``OutreachConfig``: an unknown key or a wrong type in
/// `[daily]` is an ``OutreachConfigError`` with its line.
public struct DailyConfig: Sendable, Equatable {
    public var invoices: URL
    public var customers: URL
    public var events: URL?
    public var mapping: URL?
    public var currency: String
    public var model: URL
    public var ledger: URL
    public var outDirectory: URL
    /// `fr` or `en`.
    public var language: String
    public var worklistRows: Int

    /// Every key `[daily]` accepts.
    public static let keys = ["invoices", "customers", "events", "mapping", "currency", "model", "ledger", "out_dir",
                              "language", "worklist_rows"]

    /// Reads the `[daily]` table of the configuration file at `url`.
    public static func load(from url: URL) throws -> DailyConfig {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw OutreachConfigError(file: url.path, line: 0, problem: "cannot read the configuration file")
        }
        return try parse(text, file: url.path, baseDirectory: url.deletingLastPathComponent())
    }

    /// Parses the `[daily]` table of configuration text; relative paths resolve against `baseDirectory`.
    public static func parse(_ text: String, file: String, baseDirectory: URL) throws -> DailyConfig {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw OutreachConfigError(file: file, line: e.source.begin.line, column: e.source.begin.column,
                                      problem: "invalid TOML: \(e.description)")
        }
        let locator = TOMLKeyLocator(text: text)
        guard let table = root["daily"]?.table else {
            throw OutreachConfigError(file: file, line: 1, problem:
                "missing [daily] table: `relance daily` needs at least invoices, customers and model (see README, \"The daily job\")")
        }
        var strings: [String: String] = [:]
        var worklistRows = 200
        for (key, value) in table {
            let line = locator.line(section: "daily", key: key)
            guard keys.contains(key) else {
                throw OutreachConfigError(file: file, line: line, problem:
                    "unknown key \(key) in [daily]; expected one of \(keys.sorted().joined(separator: ", "))")
            }
            if key == "worklist_rows" {
                guard let n = value.int, (1...100_000).contains(n) else {
                    throw OutreachConfigError(file: file, line: line, problem: "[daily] worklist_rows: expected an integer in 1...100000")
                }
                worklistRows = n
            } else {
                guard let s = value.string, !s.isEmpty else {
                    throw OutreachConfigError(file: file, line: line, problem: "[daily] \(key): expected a non-empty string")
                }
                strings[key] = s
            }
        }
        func path(_ s: String) -> URL {
            (s.hasPrefix("/") ? URL(fileURLWithPath: s) : baseDirectory.appendingPathComponent(s)).standardizedFileURL
        }
        for required in ["invoices", "customers", "model"] where strings[required] == nil {
            throw OutreachConfigError(file: file, line: locator.line(section: "daily", key: nil),
                                      problem: "missing required key \(required) in [daily]")
        }
        let currency = (strings["currency"] ?? "EUR").uppercased()
        guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw OutreachConfigError(file: file, line: locator.line(section: "daily", key: "currency"),
                                      problem: "[daily] currency: expected a 3-letter ISO 4217 code such as EUR")
        }
        let language = (strings["language"] ?? "en").lowercased()
        guard language == "en" || language == "fr" else {
            throw OutreachConfigError(file: file, line: locator.line(section: "daily", key: "language"),
                                      problem: "[daily] language: expected \"en\" or \"fr\"")
        }
        return DailyConfig(
            invoices: path(strings["invoices"]!), customers: path(strings["customers"]!), events: strings["events"].map(path),
            mapping: strings["mapping"].map(path), currency: currency, model: path(strings["model"]!),
            ledger: path(strings["ledger"] ?? "relance-ledger.sqlite"), outDirectory: path(strings["out_dir"] ?? "out/daily"),
            language: language, worklistRows: worklistRows)
    }
}

extension OutreachConfig {
    /// `[daily]` belongs to ``DailyConfig``: the outreach reader accepts its keys and leaves them alone.
    static let dailyTable: [String: Field] = Dictionary(uniqueKeysWithValues: DailyConfig.keys.map { ($0, { _, _ in }) })
}
