import Foundation
import RelanceData

/// Reads a risk list CSV (as written by `relance score`) back into ``ScoredInvoice`` rows, so that
/// the outreach planner can run from the day's risk list without the model.
///
/// Columns are found by header name, in any order; extra columns are ignored. Required:
/// `invoice_id, customer_id, amount, due_date`. Optional: `customer_name, currency` (default from
/// the caller), `issue_date` (default: due date), `days_overdue` (recomputed by the planner anyway),
/// `p_late`, `anomaly_score`, `anomaly_flags` (`;` or `|` separated), `risk_tier`, `priority`, and
/// `reasons` / `reason_codes`: entries separated by `;` or `|`, each `code` or `code=value`
/// (the CSV written by `relance score` holds rendered sentences there: they are read as codes that
/// are not shareable, so they never reach a customer).
/// Reasons read back this way are marked **not** shareable unless a `shareable_reasons` column
/// lists their codes: when in doubt, nothing is said to the customer.
public enum RiskListCSVReader {
    public struct ReadError: Error, CustomStringConvertible, Equatable {
        public var file: String
        public var line: Int
        public var column: String
        public var problem: String
        public var description: String { "\(file):\(line): \(column): \(problem)" }
    }

    public static func read(_ url: URL, defaultCurrency: String = "EUR") throws -> [ScoredInvoice] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ReadError(file: url.path, line: 0, column: "", problem: "cannot read the file as UTF-8")
        }
        return try parse(text, file: url.path, defaultCurrency: defaultCurrency)
    }

    public static func parse(_ text: String, file: String, defaultCurrency: String = "EUR") throws -> [ScoredInvoice] {
        let rows = try records(text, file: file)
        guard let header = rows.first?.fields.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else {
            throw ReadError(file: file, line: 1, column: "", problem: "empty file: a header row is required")
        }
        func col(_ name: String) -> Int? { header.firstIndex(of: name) }
        for required in ["invoice_id", "customer_id", "amount", "due_date"] where col(required) == nil {
            throw ReadError(file: file, line: 1, column: required, problem: "missing required column")
        }
        var out: [ScoredInvoice] = []
        for r in rows.dropFirst() {
            func field(_ name: String) -> String {
                guard let i = col(name), i < r.fields.count else { return "" }
                return r.fields[i].trimmingCharacters(in: .whitespaces)
            }
            func number(_ name: String, default value: Double? = nil) throws -> Double {
                let s = field(name)
                if s.isEmpty, let value { return value }
                guard let v = Double(s), v.isFinite else {
                    throw ReadError(file: file, line: r.line, column: name, problem: "expected a number")
                }
                return v
            }
            func day(_ name: String) throws -> Day? {
                let s = field(name)
                if s.isEmpty { return nil }
                guard let d = Day(iso: s) else { throw ReadError(file: file, line: r.line, column: name, problem: "expected a YYYY-MM-DD date") }
                return d
            }
            let id = field("invoice_id"), customer = field("customer_id")
            guard !id.isEmpty else { throw ReadError(file: file, line: r.line, column: "invoice_id", problem: "empty invoice id") }
            guard !customer.isEmpty else { throw ReadError(file: file, line: r.line, column: "customer_id", problem: "empty customer id") }
            guard let due = try day("due_date") else {
                throw ReadError(file: file, line: r.line, column: "due_date", problem: "expected a YYYY-MM-DD date")
            }
            let issue = try day("issue_date") ?? due
            let tierText = field("risk_tier").lowercased()
            guard let tier = tierText.isEmpty ? RiskTier.low : RiskTier(rawValue: tierText) else {
                throw ReadError(file: file, line: r.line, column: "risk_tier", problem: "expected low, medium, high or critical")
            }
            let shareable = Set(split(field("shareable_reasons")))
            var reasons: [Reason] = []
            for entry in split(field("reasons").isEmpty ? field("reason_codes") : field("reasons")) {
                let parts = entry.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
                let value = parts.count > 1 ? Double(parts[1]) ?? 0 : 0
                reasons.append(Reason(code: parts[0], value: value, detail: parts.count > 1 ? parts[1] : "", contribution: 0,
                                      shareableWithCustomer: shareable.contains(parts[0])))
            }
            let currency = field("currency")
            // The risk-list writer prefixes free text starting with a formula character with `'`.
            var name = field("customer_name")
            if name.hasPrefix("'"), let second = name.dropFirst().unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(second) {
                name.removeFirst()
            }
            out.append(ScoredInvoice(
                invoiceId: id, customerId: customer, customerName: name, amount: try number("amount"),
                currency: currency.isEmpty ? defaultCurrency : currency, issueDate: issue, dueDate: due,
                daysOverdue: Int(try number("days_overdue", default: 0)), pLate: try number("p_late", default: 0),
                anomalyScore: try number("anomaly_score", default: 0), anomalyFlags: split(field("anomaly_flags")),
                riskTier: tier, priority: try number("priority", default: 0), reasons: reasons))
        }
        return out
    }

    static func split(_ s: String) -> [String] {
        s.split(whereSeparator: { $0 == ";" || $0 == "|" }).map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// RFC 4180 records with their physical line numbers.
    static func records(_ text: String, file: String) throws -> [(line: Int, fields: [String])] {
        var rows: [(Int, [String])] = []
        var field = "", fields: [String] = []
        var inQuotes = false, line = 1, rowLine = 1
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var i = 0
        func endRow() {
            fields.append(field)
            field = ""
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append((rowLine, fields)) }
            fields = []
        }
        while i < scalars.count {
            let c = scalars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < scalars.count && scalars[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 1 } else { inQuotes = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                inQuotes = true
            } else if c == "," {
                fields.append(field); field = ""
            } else if c == "\n" || c == "\r" {
                if c == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n" { i += 1 }
                endRow(); line += 1; rowLine = line
            } else {
                field.unicodeScalars.append(c)
            }
            i += 1
        }
        if inQuotes { throw ReadError(file: file, line: rowLine, column: "", problem: "unterminated quoted field") }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        return rows
    }
}
