import Foundation
import RelanceData

/// Reads an outcomes file for `relance record`: the `events.csv` layout
/// (`date, customer_id, invoice_id, kind, note`; invoice_id and note optional).
///
/// Every row is checked before anything is imported; the first bad row stops the import with
/// `file:line: column: problem` (no personal data in the message).
public enum OutcomeFile {
    public struct ReadError: Error, CustomStringConvertible, Equatable {
        public var file: String
        public var line: Int
        public var column: String
        public var problem: String
        public var description: String { "\(file):\(line): \(column): \(problem)" }
    }

    public static func read(_ url: URL) throws -> [LedgerOutcome] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ReadError(file: url.path, line: 0, column: "", problem: "cannot read the file as UTF-8")
        }
        return try parse(text, file: url.path)
    }

    public static func parse(_ text: String, file: String) throws -> [LedgerOutcome] {
        let csv: CSVRecords
        do { csv = try CSVRecords(text: text) } catch CSVRecords.Problem.unterminatedQuote(let line) {
            throw ReadError(file: file, line: line, column: "", problem: "unterminated quoted field")
        } catch {
            throw ReadError(file: file, line: 1, column: "", problem: "empty file: a header row is required")
        }
        for required in ["date", "customer_id", "kind"] where csv.column(required) == nil {
            throw ReadError(file: file, line: 1, column: required, problem: "missing required column")
        }
        let date = csv.column("date")!, customer = csv.column("customer_id")!, kind = csv.column("kind")!
        let invoice = csv.column("invoice_id"), note = csv.column("note")
        var out: [LedgerOutcome] = []
        for r in csv.records {
            func field(_ i: Int?) -> String { i.flatMap { $0 < r.fields.count ? r.fields[$0] : nil } ?? "" }
            guard let day = Day(iso: field(date).trimmingCharacters(in: .whitespaces)) else {
                throw ReadError(file: file, line: r.line, column: "date", problem: "expected a YYYY-MM-DD date")
            }
            let id = field(customer).trimmingCharacters(in: .whitespaces)
            guard !id.isEmpty else { throw ReadError(file: file, line: r.line, column: "customer_id", problem: "empty customer id") }
            guard let k = EventKind(label: field(kind).trimmingCharacters(in: .whitespaces)) else {
                throw ReadError(file: file, line: r.line, column: "kind", problem:
                    "unknown kind; expected one of \(EventKind.allCases.map(\.label).joined(separator: ", "))")
            }
            out.append(LedgerOutcome(day: day, customerId: id, invoiceId: field(invoice).trimmingCharacters(in: .whitespaces),
                                     kind: k, note: field(note)))
        }
        return out
    }
}
