import Foundation
@testable import RelanceExport

/// A small, hand-checked risk list shared by the export tests.
///
/// Names carry accents, a comma, a quote, markup characters and a control character, so every
/// writer's escaping is exercised by the same rows.
enum RiskListFixture {
    static let asOf = Day(year: 2026, month: 11, day: 27)!

    /// The simple reason renderer the tests use in place of the scoring layer's wording.
    static let renderReason: ReasonRenderer = { r in
        r.detail.isEmpty ? "\(r.code)=\(r.value)" : "\(r.code)=\(r.value)/\(r.detail)"
    }

    static func invoice(
        _ id: String, customer: String, name: String, amount: Double, currency: String = "EUR",
        issue: Day, due: Day, pLate: Double, tier: RiskTier, flags: [String] = [], reasons: [Reason] = []
    ) -> ScoredInvoice {
        ScoredInvoice(
            invoiceId: id, customerId: customer, customerName: name, amount: amount, currency: currency,
            issueDate: issue, dueDate: due, daysOverdue: asOf - due, pLate: pLate, anomalyScore: 0.5,
            anomalyFlags: flags, riskTier: tier, priority: amount * pLate, reasons: reasons)
    }

    static let lateShare = Reason(code: "late_share", value: 4, detail: "5", contribution: 0.8, shareableWithCustomer: true)
    static let overdue = Reason(code: "overdue_open", value: 12, contribution: 0.5, shareableWithCustomer: true)

    static let invoices: [ScoredInvoice] = [
        // C1: two overdue EUR invoices, expected late 900*0.9 + 100*0.5 = 860.
        invoice("INV-1", customer: "C1", name: "Société Générale d'Éclairage, \"SGE\"", amount: 900,
                issue: asOf - 60, due: asOf - 30, pLate: 0.9, tier: .critical,
                flags: ["duplicate_of:INV-0", "amount_12x_usual"], reasons: [lateShare, overdue]),
        invoice("INV-2", customer: "C1", name: "Société Générale d'Éclairage, \"SGE\"", amount: 100,
                issue: asOf - 20, due: asOf - 5, pLate: 0.5, tier: .medium, reasons: [overdue]),
        // C2: not yet due, expected late 2000*0.25 = 500.
        invoice("INV-3", customer: "C2", name: "Zoë <Brasserie> & Fils", amount: 2000,
                issue: asOf - 10, due: asOf + 20, pLate: 0.25, tier: .high),
        // C3: one GBP invoice, expected late 1234.56*0.1 = 123.456.
        invoice("INV-4", customer: "C3", name: "=HYPERLINK(\"x\")\u{1}Ltd", amount: 1234.56, currency: "GBP",
                issue: asOf - 40, due: asOf - 1, pLate: 0.1, tier: .low, reasons: [lateShare]),
    ]

    static let list = RiskList(asOf: asOf, invoices: invoices)

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("relance-export-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
