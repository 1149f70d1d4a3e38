import Foundation
import RelanceData
import RelanceScoring

extension RiskList {
    /// The risk list as one JSON object, for programs (dashboards, ticketing, a BI tool):
    ///
    /// ```json
    /// { "as_of": "2026-11-27",
    ///   "currency_summary": [ { "currency": "EUR", "open_amount": 1250.5, ... } ],
    ///   "invoices": [ { "invoice_id": "INV-1", ..., "anomaly_flags": ["duplicate_of:INV-0"],
    ///                   "reasons": [ { "code": "late_share", "value": 4, "detail": "5",
    ///                                  "contribution": 0.8, "shareable_with_customer": true,
    ///                                  "text": "paid 4 of the last 5 invoices late" } ] } ],
    ///   "customers": [ { "customer_id": "C1", "expected_late_amount": 310.2, ... } ] }
    /// ```
    ///
    /// Invoice keys are those of ``RiskListColumns/invoices``; flags stay an array and reasons stay
    /// structured (with the rendered `text` beside the data) so no consumer has to split strings.
    /// Keys are sorted and the output is pretty-printed, so two runs on the same data are
    /// byte-identical and diff well. Numbers that are not finite are written as `null`.
    public func json(renderReason: ReasonRenderer) throws -> Data {
        let document = RiskListJSON.Document(
            asOf: asOf,
            currencySummary: currencySummary.map(RiskListJSON.Total.init),
            invoices: invoices.map { RiskListJSON.Invoice($0, renderReason: renderReason) },
            customers: customers.map(RiskListJSON.Customer.init))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(document)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// Writes ``json(renderReason:)`` atomically to `url`.
    public func writeJSON(to url: URL, renderReason: ReasonRenderer) throws {
        try AtomicFile.write(json(renderReason: renderReason), to: url)
    }
}

/// The JSON shape of a risk list (snake_case keys, non-finite numbers as null).
enum RiskListJSON {
    /// A number that encodes as `null` when it is not finite (JSON has no NaN or infinity).
    struct Number: Encodable {
        var value: Double
        init(_ value: Double) { self.value = value }
        func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            if value.isFinite { try c.encode(value) } else { try c.encodeNil() }
        }
    }

    struct Document: Encodable {
        var asOf: Day
        var currencySummary: [Total]
        var invoices: [Invoice]
        var customers: [Customer]
        enum CodingKeys: String, CodingKey {
            case asOf = "as_of", currencySummary = "currency_summary", invoices, customers
        }
    }

    struct Total: Encodable {
        var currency: String
        var invoiceCount: Int
        var openAmount, overdueAmount, expectedLateAmount: Number
        var criticalCount, highCount, mediumCount, lowCount: Int
        init(_ t: CurrencyTotal) {
            currency = t.currency
            invoiceCount = t.invoiceCount
            openAmount = Number(t.openAmount)
            overdueAmount = Number(t.overdueAmount)
            expectedLateAmount = Number(t.expectedLateAmount)
            criticalCount = t.criticalCount
            highCount = t.highCount
            mediumCount = t.mediumCount
            lowCount = t.lowCount
        }
        enum CodingKeys: String, CodingKey {
            case currency, invoiceCount = "invoice_count", openAmount = "open_amount"
            case overdueAmount = "overdue_amount", expectedLateAmount = "expected_late_amount"
            case criticalCount = "critical_count", highCount = "high_count"
            case mediumCount = "medium_count", lowCount = "low_count"
        }
    }

    struct ReasonObject: Encodable {
        var code: String
        var value: Number
        var detail: String
        var contribution: Number
        var shareableWithCustomer: Bool
        var text: String
        enum CodingKeys: String, CodingKey {
            case code, value, detail, contribution, text
            case shareableWithCustomer = "shareable_with_customer"
        }
    }

    struct Invoice: Encodable {
        var invoiceId, customerId, customerName: String
        var amount: Number
        var currency: String
        var issueDate, dueDate: Day
        var daysOverdue: Int
        var pLate, anomalyScore: Number
        var anomalyFlags: [String]
        var riskTier: RiskTier
        var priority: Number
        var reasons: [ReasonObject]

        init(_ inv: ScoredInvoice, renderReason: ReasonRenderer) {
            invoiceId = inv.invoiceId
            customerId = inv.customerId
            customerName = inv.customerName
            amount = Number(inv.amount)
            currency = inv.currency
            issueDate = inv.issueDate
            dueDate = inv.dueDate
            daysOverdue = inv.daysOverdue
            pLate = Number(inv.pLate)
            anomalyScore = Number(inv.anomalyScore)
            anomalyFlags = inv.anomalyFlags
            riskTier = inv.riskTier
            priority = Number(inv.priority)
            reasons = inv.reasons.map {
                ReasonObject(
                    code: $0.code, value: Number($0.value), detail: $0.detail,
                    contribution: Number($0.contribution), shareableWithCustomer: $0.shareableWithCustomer,
                    text: renderReason($0))
            }
        }

        enum CodingKeys: String, CodingKey {
            case invoiceId = "invoice_id", customerId = "customer_id", customerName = "customer_name"
            case amount, currency, issueDate = "issue_date", dueDate = "due_date"
            case daysOverdue = "days_overdue", pLate = "p_late", anomalyScore = "anomaly_score"
            case anomalyFlags = "anomaly_flags", riskTier = "risk_tier", priority, reasons
        }
    }

    struct Customer: Encodable {
        var customerId, customerName, currency: String
        var openAmount, overdueAmount, expectedLateAmount: Number
        var worstTier: RiskTier
        var invoiceCount: Int
        var oldestDaysOverdue: Int
        init(_ c: CustomerRollup) {
            customerId = c.customerId
            customerName = c.customerName
            currency = c.currency
            openAmount = Number(c.openAmount)
            overdueAmount = Number(c.overdueAmount)
            expectedLateAmount = Number(c.expectedLateAmount)
            worstTier = c.worstTier
            invoiceCount = c.invoiceCount
            oldestDaysOverdue = c.oldestDaysOverdue
        }
        enum CodingKeys: String, CodingKey {
            case customerId = "customer_id", customerName = "customer_name", currency
            case openAmount = "open_amount", overdueAmount = "overdue_amount"
            case expectedLateAmount = "expected_late_amount", worstTier = "worst_tier"
            case invoiceCount = "invoice_count", oldestDaysOverdue = "oldest_days_overdue"
        }
    }
}
