import Foundation
@testable import RelanceOutreach

/// Constructed histories for policy tests: every day is relative to a Wednesday.
enum Fixture {
    /// 2026-03-04, a Wednesday.
    static let wednesday = Day(year: 2026, month: 3, day: 4)!

    static func config(_ edit: (inout ContactPolicy) -> Void = { _ in }) -> OutreachConfig {
        var policy = ContactPolicy()
        policy.contactOnWeekends = true  // most tests step day by day; weekend rules have their own test
        edit(&policy)
        return OutreachConfig(
            company: CompanyProfile(name: "Atelier Dupont", logoURL: "https://example.com/logo.png", brandColour: "#224466",
                                    senderEmail: "factures@atelier-dupont.example", signature: "L’équipe comptable"),
            contact: HumanContact(name: "Claire Martin", phone: "+33 1 23 45 67 89", email: "claire@atelier-dupont.example",
                                  hours: "lun.–ven. 9h–17h"),
            payment: PaymentOptions(linkTemplate: "https://pay.example.com/i/{invoice_id}", accountHolder: "Atelier Dupont SARL",
                                    iban: "FR76 3000 6000 0112 3456 7890 189", bic: "AGRIFRPP", directDebitLink: "https://pay.example.com/sepa"),
            policy: policy, defaultLanguage: "en")
    }

    /// A reliable customer (10 invoices settled on time) with the given open invoices.
    static func situation(_ id: String = "C1", open: [OpenInvoice] = [], lateSettled: Int = 0, settled: Int = 10,
                          asOf: Day = wednesday) -> CustomerSituation {
        var s = CustomerSituation(customerId: id)
        s.name = "Boulangerie Leroy"
        s.contactName = "Marie Leroy"
        s.email = "marie@leroy.example"
        s.phone = "+33 6 00 00 00 00"
        s.language = "fr-BE"
        s.customerSince = asOf - 1000
        s.openInvoices = open
        s.settledCount = settled
        s.settledLateCount = lateSettled
        s.recentCount = min(3, settled)
        s.olderCount = max(0, settled - 3)
        s.olderLateCount = min(lateSettled, s.olderCount)
        s.recentLateCount = lateSettled - s.olderLateCount
        s.averageMonthlyBilled = 1000
        return s
    }

    static func invoice(_ id: String, amount: Double = 500, daysOverdue: Int, asOf: Day = wednesday, pLate: Double = 0.3,
                        flags: [String] = [], priority: Double = 100) -> OpenInvoice {
        let due = asOf - daysOverdue
        return OpenInvoice(invoiceId: id, amount: amount, currency: "EUR", issueDate: due - 30, dueDate: due,
                           daysOverdue: daysOverdue, pLate: pLate, anomalyFlags: flags, priority: priority,
                           shareableReasons: [Reason(code: "overdue_open", value: Double(max(daysOverdue, 0)), contribution: 0.4, shareableWithCustomer: true),
                                              Reason(code: "model_score", value: 0.9, contribution: 1.2, shareableWithCustomer: false)].filter(\.shareableWithCustomer))
    }

    /// Runs the policy day after day, feeding each contact back as history (what the ledger does),
    /// and letting `situationOn` describe the customer on each day.
    static func simulate(days: Int, from start: Day = wednesday, config: OutreachConfig,
                         history: [ContactRecord] = [], situationOn: (Day) -> CustomerSituation) -> [Decision] {
        var history = history
        var out: [Decision] = []
        for k in 0..<days {
            let day = start + k
            let d = OutreachPolicy.decide(situationOn(day), history: history, config: config, asOf: day)
            if let r = d.contactRecord { history.append(r) }
            out.append(d)
        }
        return out
    }
}
