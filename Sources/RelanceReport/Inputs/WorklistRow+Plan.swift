import RelanceData
import RelanceOutreach
import RelanceScoring

extension WorklistRow {
    /// The worklist rows from the day's risk list, in its work order, with the day's planned action
    /// (from `plan.csv` or the in-memory plan), and what was already done: contacts recorded in the
    /// contact ledger before the as-of day, and the events of `events.csv` up to it.
    ///
    /// Reasons are rendered with ``ReasonText`` in the report's language; anomaly flags are shown as
    /// their codes (`duplicate_of:INV-9`), which the team searches for in the ERP. `limit` keeps the
    /// first rows only (the page is for people; the full list is the CSV/XLSX).
    public static func rows(risk: [ScoredInvoice], plan: [PlanRow]?, ledger: [LedgerEntry], dataset: Dataset?,
                            asOf: Day, language: ReportLanguage, limit: Int? = nil) -> [WorklistRow] {
        let reasonLanguage: ReasonLanguage = language == .fr ? .fr : .en
        let format = ReportNumberFormat(language: language)
        var planned: [String: PlanRow] = [:]
        for row in plan ?? [] where row.decision.day == asOf { planned[row.decision.customerId] = row }

        // History per invoice id: (day, text), most recent first after sorting.
        var history: [String: [(Day, String)]] = [:]
        for e in ledger where e.day < asOf {
            let text = format.date(e.day) + " " + actionText(e.action, tone: e.tone, language: language)
            for id in e.invoiceIds { history[id, default: []].append((e.day, text)) }
        }
        if let d = dataset {
            for k in 0..<d.events.count where d.events.date[k] <= asOf && d.events.invoice[k] >= 0 {
                let r = Int(d.events.invoice[k])
                guard r < d.invoices.count, let text = eventText(d.events.kind[k], language: language) else { continue }
                history[d.invoices.invoiceIds[r], default: []].append((d.events.date[k], format.date(d.events.date[k]) + " " + text))
            }
        }

        let selected = limit.map { Array(risk.prefix($0)) } ?? risk
        return selected.map { inv in
            let plannedText: String
            if let p = planned[inv.customerId] {
                let concerned = p.decision.invoiceIds.isEmpty || p.decision.invoiceIds.contains(inv.invoiceId)
                plannedText = concerned
                    ? actionText(p.decision.action, tone: p.decision.tone, language: language)
                        + (language == .en ? " — " + p.decision.reason.text : "")
                    : (language == .fr ? "rien pour cette facture" : "nothing for this invoice")
            } else {
                plannedText = plan == nil ? (language == .fr ? "pas de plan fourni" : "no plan given")
                                          : (language == .fr ? "rien" : "nothing")
            }
            let sent = (history[inv.invoiceId] ?? []).sorted { $0.0 > $1.0 }.prefix(4).map(\.1)
            return WorklistRow(
                invoiceId: inv.invoiceId, customerId: inv.customerId, customerName: inv.customerName, amount: inv.amount,
                currency: inv.currency, dueDate: inv.dueDate, daysOverdue: inv.daysOverdue, pLate: inv.pLate,
                riskTier: inv.riskTier, priority: inv.priority,
                reasons: inv.reasons.filter { !$0.code.hasPrefix(ReasonCode.anomalyPrefix) }.map { ReasonText.render($0, language: reasonLanguage) },
                flags: inv.anomalyFlags, plannedAction: plannedText, alreadySent: Array(sent))
        }
    }

    /// An outreach action in words ("Friendly reminder", "Relance amiable").
    public static func actionText(_ action: OutreachAction, tone: Tone?, language: ReportLanguage) -> String {
        let fr = language == .fr
        switch action {
        case .thankYou: return fr ? "Remerciement" : "Thank-you message"
        case .preDueReminder: return fr ? "Rappel avant échéance" : "Pre-due reminder"
        case .overdueReminder:
            switch tone {
            case .clear?: return fr ? "Relance claire" : "Clear reminder"
            case .firm?: return fr ? "Relance ferme et respectueuse" : "Firm but respectful reminder"
            default: return fr ? "Relance amiable" : "Friendly reminder"
            }
        case .paymentPlanOffer: return fr ? "Proposition d'échéancier" : "Payment plan offer"
        case .call: return fr ? "Appel par une personne" : "Call by a person"
        case .hold: return fr ? "En attente (pas de contact)" : "Hold (no contact)"
        case .none: return fr ? "Rien aujourd'hui" : "Nothing today"
        }
    }

    /// An interaction of `events.csv` in words, or nil for kinds not worth listing.
    static func eventText(_ kind: EventKind, language: ReportLanguage) -> String? {
        let fr = language == .fr
        switch kind {
        case .reminderSent: return fr ? "relance envoyée" : "reminder sent"
        case .reminderOpened: return fr ? "relance ouverte" : "reminder opened"
        case .reminderBounced: return fr ? "relance non distribuée" : "reminder bounced"
        case .call: return fr ? "appel" : "call"
        case .promiseToPay: return fr ? "promesse de paiement" : "promise to pay"
        case .disputeOpened: return fr ? "litige ouvert" : "dispute opened"
        case .disputeResolved: return fr ? "litige résolu" : "dispute resolved"
        case .paymentPlanAgreed: return fr ? "échéancier accepté" : "payment plan agreed"
        case .supportContact, .hardshipReported: return nil
        }
    }
}
