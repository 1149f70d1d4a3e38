import Foundation
import RelanceData

/// Reads a JSON risk list (as written by `relance score --format json`) back into
/// ``ScoredInvoice`` rows, with the reasons still structured.
///
/// Prefer it to the CSV for the outreach planner: the CSV holds reasons as rendered sentences, so
/// ``RiskListCSVReader`` must treat them as not shareable; the JSON keeps each reason's `code`,
/// `value`, `detail`, `contribution` and `shareable_with_customer`, so the messages can mention
/// the facts scoring marked as shareable (days past due, other overdue invoices…). Only the
/// `invoices` array and `as_of` are read; other keys (`customers`, `drift`, …) are ignored.
/// Non-finite numbers are written as `null` and read back as 0 (`p_late`, `priority`) or NaN.
public enum RiskListJSONReader {
    /// The as-of day and the rows of a JSON risk list.
    public struct Contents: Sendable {
        public var asOf: Day
        public var invoices: [ScoredInvoice]
    }

    public struct ReadError: Error, CustomStringConvertible, Equatable {
        public var file: String
        public var problem: String
        public var description: String { "\(file): \(problem)" }

        public init(file: String, problem: String) {
            self.file = file
            self.problem = problem
        }
    }

    public static func read(_ url: URL) throws -> Contents {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ReadError(file: url.path, problem: "cannot read the file")
        }
        return try parse(data, file: url.path)
    }

    public static func parse(_ data: Data, file: String) throws -> Contents {
        do {
            let document = try JSONDecoder().decode(Document.self, from: data)
            return Contents(asOf: document.asOf, invoices: document.invoices.map(\.scored))
        } catch let e as DecodingError {
            throw ReadError(file: file, problem: "not a relance JSON risk list: \(describe(e))")
        } catch {
            throw ReadError(file: file, problem: "not a relance JSON risk list: \(error)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func at(_ path: [CodingKey]) -> String {
            path.reduce("") { text, key in
                if let i = key.intValue { return text + "[\(i)]" }
                return text.isEmpty ? key.stringValue : text + "." + key.stringValue
            }
        }
        switch error {
        case let .keyNotFound(key, ctx): return "\(at(ctx.codingPath + [key])): missing"
        case let .typeMismatch(_, ctx), let .valueNotFound(_, ctx), let .dataCorrupted(ctx):
            return "\(at(ctx.codingPath)): \(ctx.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    struct Document: Decodable {
        var asOf: Day
        var invoices: [Invoice]
        enum CodingKeys: String, CodingKey { case asOf = "as_of", invoices }
    }

    struct ReasonObject: Decodable {
        var code: String
        var value: Double?
        var detail: String?
        var contribution: Double?
        var shareableWithCustomer: Bool
        enum CodingKeys: String, CodingKey {
            case code, value, detail, contribution, shareableWithCustomer = "shareable_with_customer"
        }
    }

    struct Invoice: Decodable {
        var invoiceId, customerId: String
        var customerName: String?
        var amount: Double
        var currency: String
        var issueDate, dueDate: Day
        var daysOverdue: Int
        var pLate, anomalyScore: Double?
        var anomalyFlags: [String]?
        var riskTier: RiskTier
        var priority: Double?
        var reasons: [ReasonObject]?

        enum CodingKeys: String, CodingKey {
            case invoiceId = "invoice_id", customerId = "customer_id", customerName = "customer_name"
            case amount, currency, issueDate = "issue_date", dueDate = "due_date"
            case daysOverdue = "days_overdue", pLate = "p_late", anomalyScore = "anomaly_score"
            case anomalyFlags = "anomaly_flags", riskTier = "risk_tier", priority, reasons
        }

        var scored: ScoredInvoice {
            ScoredInvoice(
                invoiceId: invoiceId, customerId: customerId, customerName: customerName ?? "", amount: amount,
                currency: currency, issueDate: issueDate, dueDate: dueDate, daysOverdue: daysOverdue,
                pLate: pLate ?? 0, anomalyScore: anomalyScore ?? .nan, anomalyFlags: anomalyFlags ?? [],
                riskTier: riskTier, priority: priority ?? 0,
                reasons: (reasons ?? []).map {
                    Reason(code: $0.code, value: $0.value ?? .nan, detail: $0.detail ?? "", contribution: $0.contribution ?? 0,
                           shareableWithCustomer: $0.shareableWithCustomer)
                })
        }
    }
}
