import Foundation
import RelanceData

/// Plans a day's outreach (or simulates the next N days): situations from the data, one policy
/// decision per customer and day, messages rendered from the templates, calls listed.
///
/// Pure with respect to the outside world: it reads the ledger but never writes it, and writes no
/// file — ``OutreachPlanOutput`` does both, only after the whole plan rendered. Any template or
/// rendering problem throws before anything is written.
public struct OutreachPlanner {
    public let config: OutreachConfig
    public let templates: MessageTemplates
    /// Name of the customers file, for warnings (`customers.csv:12: email: …`).
    public var customersFileName: String = "customers.csv"

    public init(config: OutreachConfig, templates: MessageTemplates) {
        self.config = config
        self.templates = templates
    }

    /// Plans `days` days starting at `asOf`, assuming no payments after `asOf`.
    ///
    /// - Parameters:
    ///   - dataset: invoices history, customers and events (open invoices beyond the risk list are kept).
    ///   - risk: the day's risk list.
    ///   - ledger: past contacts (strictly before `asOf`) and recorded outcomes.
    public func plan(dataset: Dataset, risk: [ScoredInvoice], ledger: ContactLedger, asOf: Day, days: Int = 1) throws -> OutreachPlan {
        let days = max(1, days)
        try templates.requireLanguages([config.defaultLanguage])
        let lastDay = asOf + (days - 1)
        let data = dataset.addingOutcomes(try ledger.outcomes(through: lastDay))
        let renderer = MessageRenderer(templates: templates, config: config)
        // Past contacts grouped by customer once, so each decision sees only its own (linear in the ledger).
        var history: [String: [ContactRecord]] = Dictionary(grouping: try ledger.contacts(before: asOf).map(\.contactRecord), by: \.customerId)
        var rows: [PlanRow] = []
        var messages: [RenderedMessage] = []
        var calls: [CallRow] = []
        var entries: [LedgerEntry] = []
        var warnings: [String] = []

        for k in 0..<days {
            let day = asOf + k
            let situations = CustomerSituation.build(dataset: data, risk: risk, asOf: day, paymentsKnownUntil: asOf, policy: config.policy)
            var dayRecords: [ContactRecord] = []
            for s in situations {
                let past = history[s.customerId] ?? []
                let d = OutreachPolicy.decide(s, history: past, config: config, asOf: day)
                var row = PlanRow(decision: d, language: "", template: "", messageId: "")
                if let m = try renderer.render(d, situation: s) {
                    row.language = m.language
                    row.template = m.template
                    row.messageId = m.mime.messageId
                    if k == 0 { messages.append(m) }
                } else if d.action == .call {
                    row.language = renderer.language(for: s)
                    if k == 0 { calls.append(callRow(d, situation: s, history: past, language: row.language)) }
                    if k == 0 && d.reason == .callNoUsableAddress {
                        warnings.append(s.sourceLine > 0
                            ? "\(customersFileName):\(s.sourceLine): email: customer \(s.customerId) has no usable address; routed to calls.csv"
                            : "\(customersFileName): customer \(s.customerId) is not listed, so has no address; routed to calls.csv")
                    }
                }
                if let r = d.contactRecord {
                    dayRecords.append(r)
                    if k == 0 {
                        entries.append(LedgerEntry(day: day, customerId: d.customerId, action: d.action, tone: d.tone, channel: d.channel,
                                                   language: row.language, template: row.template, invoiceIds: d.invoiceIds,
                                                   reason: d.reason, messageId: row.messageId, runId: ""))
                    }
                }
                rows.append(row)
            }
            for r in dayRecords { history[r.customerId, default: []].append(r) }
        }
        let runId = "run-\(asOf.iso)-" + StableHash.hex(entries.map {
            [$0.customerId, $0.action.rawValue, $0.tone?.rawValue ?? "", $0.invoiceIds.joined(separator: ","), $0.messageId].joined(separator: "|")
        })
        for i in entries.indices { entries[i].runId = runId }
        return OutreachPlan(asOf: asOf, days: days, runId: runId, rows: rows, messages: messages, calls: calls,
                            ledgerEntries: entries, warnings: warnings)
    }

    func callRow(_ d: Decision, situation s: CustomerSituation, history: [ContactRecord], language: String) -> CallRow {
        let past = (history.filter { $0.customerId == s.customerId } + s.importedContacts)
            .filter { $0.day < d.day && $0.action.isContact }
            .sorted { $0.day > $1.day }
        var sent = past.prefix(5).map { c in "\(c.day.iso) \(c.action.rawValue)\(c.tone.map { "/" + $0.rawValue } ?? "")" }
        if let o = s.lastOpenedDay { sent.append("opened \(o.iso)") }
        if let b = s.lastBounceDay { sent.append("bounced \(b.iso)") }
        let currency = s.openInvoices.first?.currency ?? ""
        var offer: String
        if d.segment == .inDifficulty || d.segment == .chronicLate {
            let plan = d.paymentPlan ?? PaymentPlanProposal.propose(for: s, asOf: d.day, policy: config.policy)
            offer = "payment plan: " + plan.instalments.map { "\($0.day.iso) \(String(format: "%.2f", $0.amount))" }.joined(separator: "; ")
        } else {
            var options: [String] = []
            if !config.payment.linkTemplate.isEmpty { options.append("payment link") }
            if !config.payment.iban.isEmpty { options.append("bank transfer") }
            if !config.payment.directDebitLink.isEmpty { options.append("direct debit sign-up") }
            offer = options.joined(separator: ", ")
        }
        if s.hasMixedCurrencies { offer += " (open invoices in several currencies)" }
        return CallRow(date: d.day.iso, customerId: s.customerId, customerName: s.name, contactName: s.contactName, phone: s.phone,
                       email: s.email, language: language, reason: d.reason, segment: d.segment, openInvoices: s.openInvoices.map(\.invoiceId),
                       openTotal: String(format: "%.2f %@", s.openBalance, currency),
                       maxDaysOverdue: s.openInvoices.map(\.daysOverdue).max() ?? 0,
                       alreadySent: sent.joined(separator: "; "), offer: offer)
    }
}
