import Foundation
@testable import RelanceOutreach

/// A small constructed book of customers for planner tests, planned on Wednesday 2026-03-04.
enum Book {
    static let asOf = Fixture.wednesday

    static func dataset() -> (Dataset, [ScoredInvoice]) {
        var ds = Dataset()
        func c(_ id: String) -> Int32 { ds.customerIds.intern(id) }
        // C1: reliable Belgian francophone, one overdue invoice.
        // C2: German-speaking (no de templates → default en), overdue.
        // C3: opted out, overdue. C4: no email, overdue. C5: open dispute. C6: reliable, paid on time yesterday.
        let customers: [(String, String, String, String, Bool)] = [
            ("C1", "Boulangerie Leroy", "Marie Leroy", "fr-BE", false),
            ("C2", "Müller GmbH", "Jürgen Müller", "de", false),
            ("C3", "Opt Out SA", "Paul Durand", "fr", true),
            ("C4", "Sans Adresse", "Luc Petit", "fr", false),
            ("C5", "Litige SARL", "Anne Roux", "fr", false),
            ("C6", "Fidèle & Fils", "Élodie Fidèle", "fr", false),
        ]
        for (k, (id, name, contact, lang, optOut)) in customers.enumerated() {
            let email = id == "C4" ? "" : "\(id.lowercased())@customer.example"
            ds.customers.append(customer: c(id), name: name, contactName: contact, email: email, phone: "+33 6 00 00 00 0\(k)",
                                language: lang, customerSince: asOf - 2000, preferredChannel: .email, optOut: optOut, sourceLine: k + 2)
        }
        // Ten on-time settled invoices each, to make them reliable.
        for (id, _, _, _, _) in customers {
            for k in 0..<10 {
                let due = asOf - 400 + 30 * k
                ds.invoices.append(invoiceId: "\(id)-H\(k)", customer: c(id), issueDate: due - 30, dueDate: due, paidDate: due - 2,
                                   amount: 800, currency: "EUR")
            }
        }
        ds.invoices.append(invoiceId: "C6-P", customer: c("C6"), issueDate: asOf - 40, dueDate: asOf + 2, paidDate: asOf - 1,
                           amount: 640, currency: "EUR")
        var risk: [ScoredInvoice] = []
        for id in ["C1", "C2", "C3", "C4", "C5"] {
            let due = asOf - 12
            ds.invoices.append(invoiceId: "\(id)-OPEN", customer: c(id), issueDate: due - 30, dueDate: due, paidDate: nil,
                               amount: 1234.5, currency: "EUR")
            risk.append(ScoredInvoice(
                invoiceId: "\(id)-OPEN", customerId: id, customerName: "", amount: 1234.5, currency: "EUR", issueDate: due - 30,
                dueDate: due, daysOverdue: 12, pLate: 0.7, anomalyScore: 0.1, anomalyFlags: [], riskTier: .medium, priority: 800,
                reasons: [Reason(code: "days_overdue", value: 12, contribution: 0.5, shareableWithCustomer: true),
                          Reason(code: "model_score_high", value: 0.9, detail: "our model says risky", contribution: 2, shareableWithCustomer: false)]))
        }
        ds.events.append(date: asOf - 20, customer: c("C5"), invoice: -1, kind: .disputeOpened, note: "wrong quantity")
        return (ds, risk)
    }

    static func planner() throws -> OutreachPlanner {
        let templates = try MessageTemplates.load(directory: try StarterFiles.resourcesDirectory!.appendingPathComponent("templates"))
        return OutreachPlanner(config: Fixture.config { $0.contactOnWeekends = false }, templates: templates)
    }

    static func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("relance-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
