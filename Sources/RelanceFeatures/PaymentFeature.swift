/// The columns of a payment-behaviour feature row, in matrix order.
///
/// Every value is raw (counts, days, amounts, shares, 0/1 flags): standardisation is the model's
/// job. "Before the as-of day" always means strictly before: a payment settled, an event dated or
/// an invoice issued on the as-of day itself is not yet known. The invoice being described is
/// never part of its own customer history (its amount is excluded from the open and overdue totals
/// and from the prior mean), so training rows and scoring rows mean the same thing.
public enum PaymentFeature: Int, CaseIterable, Sendable, Codable {
    case priorSettledCountLog = 0
    case lateShareShrunk
    case populationLateShare
    case meanDaysLate
    case medianDaysLate
    case maxDaysLate
    case recencyWeightedDaysLate
    case lateShareTrend
    case daysSinceLastPayment
    case openInvoiceCount
    case openAmount
    case overdueInvoiceCount
    case overdueAmount
    case logAmount
    case amountLogRatioToPriorMean
    case paymentTermsDays
    case tenureDays
    case methodCard
    case methodTransfer
    case methodDirectDebit
    case methodCheque
    case methodOther
    case channelElectronic
    case channelPaper
    case dueMonthSin
    case dueMonthCos
    case dueInAugust
    case dueInDecember
    case priorDisputes
    case brokenPromises
    case remindersBounced
    case hardshipReported
    case hasHistory

    /// The snake_case column name used in matrices, CSV headers and model bundles.
    public var name: String {
        switch self {
        case .priorSettledCountLog: return "prior_settled_count_log"
        case .lateShareShrunk: return "late_share_shrunk"
        case .populationLateShare: return "population_late_share"
        case .meanDaysLate: return "mean_days_late"
        case .medianDaysLate: return "median_days_late"
        case .maxDaysLate: return "max_days_late"
        case .recencyWeightedDaysLate: return "recency_weighted_days_late"
        case .lateShareTrend: return "late_share_trend"
        case .daysSinceLastPayment: return "days_since_last_payment"
        case .openInvoiceCount: return "open_invoice_count"
        case .openAmount: return "open_amount"
        case .overdueInvoiceCount: return "overdue_invoice_count"
        case .overdueAmount: return "overdue_amount"
        case .logAmount: return "log_amount"
        case .amountLogRatioToPriorMean: return "amount_log_ratio_to_prior_mean"
        case .paymentTermsDays: return "payment_terms_days"
        case .tenureDays: return "tenure_days"
        case .methodCard: return "method_card"
        case .methodTransfer: return "method_transfer"
        case .methodDirectDebit: return "method_direct_debit"
        case .methodCheque: return "method_cheque"
        case .methodOther: return "method_other"
        case .channelElectronic: return "channel_electronic"
        case .channelPaper: return "channel_paper"
        case .dueMonthSin: return "due_month_sin"
        case .dueMonthCos: return "due_month_cos"
        case .dueInAugust: return "due_in_august"
        case .dueInDecember: return "due_in_december"
        case .priorDisputes: return "prior_disputes"
        case .brokenPromises: return "broken_promises"
        case .remindersBounced: return "reminders_bounced"
        case .hardshipReported: return "hardship_reported"
        case .hasHistory: return "has_history"
        }
    }

    /// One plain-language sentence saying what the value measures, for reports and reasons.
    public var summary: String {
        switch self {
        case .priorSettledCountLog:
            return "log(1 + number of the customer's invoices paid before the day)"
        case .lateShareShrunk:
            return "share of the customer's paid invoices that were paid late, pulled towards the population share when the customer has few"
        case .populationLateShare:
            return "share of all invoices paid before the day that were paid late (the prior for customers with little history)"
        case .meanDaysLate:
            return "average days between due date and payment of the customer's paid invoices (negative = early; 0 without history)"
        case .medianDaysLate:
            return "median days between due date and payment of the customer's paid invoices (exact; 0 without history)"
        case .maxDaysLate:
            return "longest delay in days between due date and payment among the customer's paid invoices (0 without history)"
        case .recencyWeightedDaysLate:
            return "average days late of the customer's paid invoices, recent payments weighing more (weight halves every half-life, 90 days by default)"
        case .lateShareTrend:
            return "late share of the customer's last 5 paid invoices minus their overall late share (positive = getting worse)"
        case .daysSinceLastPayment:
            return "days since the customer last paid an invoice (days since their first invoice if they never paid; 0 for a new customer)"
        case .openInvoiceCount:
            return "number of the customer's other invoices still unpaid on the day"
        case .openAmount:
            return "total amount of the customer's other invoices still unpaid on the day"
        case .overdueInvoiceCount:
            return "number of the customer's other invoices unpaid and past their due date on the day"
        case .overdueAmount:
            return "total amount of the customer's other invoices unpaid and past their due date on the day"
        case .logAmount:
            return "log(1 + invoice amount)"
        case .amountLogRatioToPriorMean:
            return "log of the invoice amount over the customer's average earlier invoice amount (0 without earlier invoices)"
        case .paymentTermsDays:
            return "days the customer is given to pay (due date minus issue date)"
        case .tenureDays:
            return "days since the customer relationship began (customer_since or first invoice, whichever is earlier)"
        case .methodCard: return "invoice paid by card"
        case .methodTransfer: return "invoice paid by bank transfer"
        case .methodDirectDebit: return "invoice paid by direct debit"
        case .methodCheque: return "invoice paid by cheque"
        case .methodOther: return "invoice paid by another method (reference: method not given)"
        case .channelElectronic: return "invoice sent electronically"
        case .channelPaper: return "invoice sent on paper (reference: channel not given)"
        case .dueMonthSin: return "sine of the due month on the yearly cycle (seasonality)"
        case .dueMonthCos: return "cosine of the due month on the yearly cycle (seasonality)"
        case .dueInAugust: return "invoice falls due in August (summer holidays)"
        case .dueInDecember: return "invoice falls due in December (year-end holidays)"
        case .priorDisputes: return "number of disputes the customer opened before the day"
        case .brokenPromises:
            return "number of the customer's promises to pay whose promised date passed before the day without payment"
        case .remindersBounced: return "number of reminders to the customer that bounced before the day"
        case .hardshipReported: return "the customer reported financial hardship before the day"
        case .hasHistory: return "the customer had paid at least one invoice before the day"
        }
    }
}

extension PaymentFeature {
    /// ``summary`` in French, for the French report (the bundle stores the English one).
    public var frenchSummary: String {
        switch self {
        case .priorSettledCountLog:
            return "log(1 + nombre de factures du client payées avant le jour)"
        case .lateShareShrunk:
            return "part des factures payées du client réglées en retard, rapprochée de la part de la population quand le client en a peu"
        case .populationLateShare:
            return "part de toutes les factures payées avant le jour qui l'ont été en retard (l'a priori pour les clients sans historique)"
        case .meanDaysLate:
            return "retard moyen en jours entre échéance et paiement des factures payées du client (négatif = en avance ; 0 sans historique)"
        case .medianDaysLate:
            return "retard médian en jours entre échéance et paiement des factures payées du client (exact ; 0 sans historique)"
        case .maxDaysLate:
            return "plus long retard en jours entre échéance et paiement parmi les factures payées du client (0 sans historique)"
        case .recencyWeightedDaysLate:
            return "retard moyen des factures payées du client, les paiements récents pesant plus (le poids est divisé par deux tous les 90 jours par défaut)"
        case .lateShareTrend:
            return "part en retard des 5 dernières factures payées du client moins sa part globale (positif = en dégradation)"
        case .daysSinceLastPayment:
            return "jours depuis le dernier paiement du client (depuis sa première facture s'il n'a jamais payé ; 0 pour un nouveau client)"
        case .openInvoiceCount:
            return "nombre des autres factures du client encore impayées le jour"
        case .openAmount:
            return "montant total des autres factures du client encore impayées le jour"
        case .overdueInvoiceCount:
            return "nombre des autres factures du client impayées et échues le jour"
        case .overdueAmount:
            return "montant total des autres factures du client impayées et échues le jour"
        case .logAmount:
            return "log(1 + montant de la facture)"
        case .amountLogRatioToPriorMean:
            return "log du montant de la facture rapporté au montant moyen des factures précédentes du client (0 sans facture précédente)"
        case .paymentTermsDays:
            return "délai de paiement accordé en jours (échéance moins date d'émission)"
        case .tenureDays:
            return "jours depuis le début de la relation client (customer_since ou première facture, la plus ancienne des deux)"
        case .methodCard: return "facture payée par carte"
        case .methodTransfer: return "facture payée par virement"
        case .methodDirectDebit: return "facture payée par prélèvement"
        case .methodCheque: return "facture payée par chèque"
        case .methodOther: return "facture payée par un autre moyen (référence : moyen non renseigné)"
        case .channelElectronic: return "facture envoyée par voie électronique"
        case .channelPaper: return "facture envoyée sur papier (référence : canal non renseigné)"
        case .dueMonthSin: return "sinus du mois d'échéance sur le cycle annuel (saisonnalité)"
        case .dueMonthCos: return "cosinus du mois d'échéance sur le cycle annuel (saisonnalité)"
        case .dueInAugust: return "échéance en août (congés d'été)"
        case .dueInDecember: return "échéance en décembre (fêtes de fin d'année)"
        case .priorDisputes: return "nombre de litiges ouverts par le client avant le jour"
        case .brokenPromises:
            return "nombre de promesses de paiement du client dont la date est passée avant le jour sans paiement"
        case .remindersBounced: return "nombre de relances au client revenues en erreur avant le jour"
        case .hardshipReported: return "le client a signalé des difficultés financières avant le jour"
        case .hasHistory: return "le client avait payé au moins une facture avant le jour"
        }
    }

    /// The feature named `name` in a schema, nil for a name this version does not define.
    public init?(name: String) {
        guard let f = PaymentFeature.allCases.first(where: { $0.name == name }) else { return nil }
        self = f
    }
}

/// A feature column as a model bundle and a report see it: its name and what it measures.
public struct FeatureDefinition: Sendable, Codable, Equatable {
    public var name: String
    public var summary: String

    public init(name: String, summary: String) {
        self.name = name
        self.summary = summary
    }
}

/// The ordered list of feature columns a matrix carries, with a version.
///
/// Models store the schema they were fitted on and refuse a matrix whose schema differs; reports
/// and reasons read ``FeatureDefinition/summary`` to name a feature in words.
public struct FeatureSchema: Sendable, Codable, Equatable {
    /// Bumped whenever a definition changes meaning, so an old model bundle is refused.
    public var version: String
    public var definitions: [FeatureDefinition]

    public init(version: String, definitions: [FeatureDefinition]) {
        self.version = version
        self.definitions = definitions
    }

    public var names: [String] { definitions.map(\.name) }

    /// The point-in-time payment-behaviour features of ``PointInTimeFeatureBuilder``.
    public static let paymentBehaviour = FeatureSchema(
        version: "payment-behaviour-1",
        definitions: PaymentFeature.allCases.map { FeatureDefinition(name: $0.name, summary: $0.summary) })

    /// The definition named `name`, if the schema has it.
    public func definition(named name: String) -> FeatureDefinition? {
        definitions.first { $0.name == name }
    }
}
