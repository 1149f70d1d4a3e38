import Foundation
import RelanceData

/// Reads a `plan.csv` written by `relance plan` back into ``PlanRow``s, so that the report can
/// show the day's planned action next to each invoice without planning again.
///
/// Columns are those of ``PlanRow/header``, found by name; `customer_id`, `action` and `date` are
/// required, the others optional. An unknown action, tone, channel, reason or segment label is an
/// error with its line: a plan from another version is refused rather than misread.
public enum PlanCSVReader {
    public struct ReadError: Error, CustomStringConvertible, Equatable {
        public var file: String
        public var line: Int
        public var column: String
        public var problem: String
        public var description: String { "\(file):\(line): \(column): \(problem)" }

        public init(file: String, line: Int, column: String, problem: String) {
            self.file = file
            self.line = line
            self.column = column
            self.problem = problem
        }
    }

    public static func read(_ url: URL) throws -> [PlanRow] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ReadError(file: url.path, line: 0, column: "", problem: "cannot read the file as UTF-8")
        }
        return try parse(text, file: url.path)
    }

    public static func parse(_ text: String, file: String) throws -> [PlanRow] {
        let csv: CSVRecords
        do {
            csv = try CSVRecords(text: text)
        } catch CSVRecords.Problem.unterminatedQuote(let line) {
            throw ReadError(file: file, line: line, column: "", problem: "unterminated quoted field")
        } catch {
            throw ReadError(file: file, line: 1, column: "", problem: "empty file: a header row is required")
        }
        for required in ["customer_id", "action", "date"] where csv.column(required) == nil {
            throw ReadError(file: file, line: 1, column: required, problem: "missing required column")
        }
        var rows: [PlanRow] = []
        for r in csv.records {
            func field(_ name: String) -> String {
                guard let i = csv.column(name), i < r.fields.count else { return "" }
                return r.fields[i].trimmingCharacters(in: .whitespaces)
            }
            func parsed<T: RawRepresentable>(_ name: String, _ type: T.Type) throws -> T where T.RawValue == String {
                guard let v = T(rawValue: field(name)) else {
                    throw ReadError(file: file, line: r.line, column: name, problem: "unknown value \"\(field(name))\"")
                }
                return v
            }
            let customer = field("customer_id")
            guard !customer.isEmpty else { throw ReadError(file: file, line: r.line, column: "customer_id", problem: "empty customer id") }
            guard let day = Day(iso: field("date")) else {
                throw ReadError(file: file, line: r.line, column: "date", problem: "expected a YYYY-MM-DD date")
            }
            let tone: Tone? = field("tone").isEmpty ? nil : try parsed("tone", Tone.self)
            let reason = csv.column("reason") == nil ? DecisionReason.noneNothingDue : try parsed("reason", DecisionReason.self)
            let segment = csv.column("segment") == nil || field("segment").isEmpty ? CustomerSegment.reliable : try parsed("segment", CustomerSegment.self)
            let decision = Decision(
                customerId: customer, day: day, action: try parsed("action", OutreachAction.self), tone: tone,
                channel: try parsed("channel", OutreachChannel.self),
                invoiceIds: field("invoice_ids").split(separator: ";").map(String.init).filter { !$0.isEmpty },
                reason: reason, segment: segment)
            rows.append(PlanRow(decision: decision, language: field("language"), template: field("template"), messageId: field("message_id")))
        }
        return rows
    }
}
