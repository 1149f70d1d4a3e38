@testable import RelanceScoring

// The String-built wording ReasonText had before its sentences were written as bytes, kept verbatim
// as the reference the byte writer must match (ReasonTextBytesTests).
/// Plain-language sentences for ``Reason``s, in English or formal French.
///
/// The wording follows the reason's sign: a driver with a negative contribution lowers the risk and
/// is written from that side (on-time counts instead of late counts) and ends with "(lowers the
/// risk)" / "(diminue le risque)", so a reader never mistakes a favourable fact for a warning.
/// Numbers use each language's conventions (`3.1` / `3,1`, `1,234.50 EUR` / `1 234,50 EUR`).
/// A code this version does not know is shown as the code (with its detail), never dropped.
///
/// ```swift
/// ReasonText.render(reason, language: .fr)  // "4 de ses 12 factures précédentes réglées en retard"
/// ```
enum ReasonTextOracle {
    static func render(_ reason: Reason, language: ReasonLanguage) -> String {
        let fr = language == .fr
        let f = ReasonNumberFormat(language: language)
        let n = Int(reason.value.rounded())
        let lowers = reason.contribution < 0
        let suffix = lowers ? (fr ? " (diminue le risque)" : " (lowers the risk)") : ""
        if reason.code.hasPrefix(ReasonCode.anomalyPrefix) {
            return anomaly(reason, fr: fr, f: f)
        }
        guard let code = ReasonCode(rawValue: reason.code) else {
            return reason.detail.isEmpty ? reason.code : "\(reason.code): \(reason.detail)"
        }
        let sentence: String
        switch code {
        case .lateShare:
            let paid = Int(reason.detail) ?? 0, late = n, onTime = max(0, paid - late)
            if lowers {
                if paid == 1 { sentence = fr ? "sa seule facture précédente réglée à temps" : "paid its only earlier invoice on time" }
                else if onTime == paid { sentence = fr ? "ses \(paid) factures précédentes toutes réglées à temps" : "paid all \(paid) earlier invoices on time" }
                else { sentence = fr ? "\(onTime) de ses \(paid) factures précédentes réglées à temps" : "paid \(onTime) of \(paid) earlier invoices on time" }
            } else if late == 0 {
                sentence = fr ? "aucun retard, mais seulement \(paid) facture\(paid > 1 ? "s" : "") réglée\(paid > 1 ? "s" : "") à ce jour"
                    : "no late payment yet, but only \(paid) paid invoice\(paid > 1 ? "s" : "") on record"
            } else if paid == 1 {
                sentence = fr ? "sa seule facture précédente réglée en retard" : "paid its only earlier invoice late"
            } else if late == paid {
                sentence = fr ? "ses \(paid) factures précédentes toutes réglées en retard" : "paid all \(paid) earlier invoices late"
            } else {
                sentence = fr ? "\(late) de ses \(paid) factures précédentes réglées en retard" : "paid \(late) of \(paid) earlier invoices late"
            }
        case .recentLateShare:
            let k = Int(reason.detail) ?? 0, late = n, onTime = max(0, k - late)
            if lowers {
                if k == 1 { sentence = fr ? "dernière facture réglée à temps" : "paid the last invoice on time" }
                else if onTime == k { sentence = fr ? "les \(k) dernières factures réglées à temps" : "paid the last \(k) invoices on time" }
                else { sentence = fr ? "\(onTime) des \(k) dernières factures réglées à temps" : "paid \(onTime) of the last \(k) invoices on time" }
            } else if k == 1 {
                sentence = late == 1 ? (fr ? "dernière facture réglée en retard" : "paid the last invoice late")
                    : (fr ? "dernière facture réglée à temps" : "paid the last invoice on time")
            } else if late == k {
                sentence = fr ? "les \(k) dernières factures toutes réglées en retard" : "paid the last \(k) invoices late"
            } else {
                sentence = fr ? "\(late) des \(k) dernières factures réglées en retard" : "paid \(late) of the last \(k) invoices late"
            }
        case .daysLate:
            let mean = reason.value, longest = Int(reason.detail) ?? 0
            let days = f.decimal(abs(mean), digits: mean != mean.rounded() ? 1 : 0)
            if abs(mean) < 0.05 {
                sentence = fr ? "règle en moyenne à l'échéance" : "pays on the due date on average"
            } else if mean > 0 {
                let tail = longest > 0 ? (fr ? " (retard maximal\u{00A0}: \(f.integer(longest)) jours)" : " (longest delay \(f.integer(longest)) days)") : ""
                sentence = (fr ? "règle en moyenne \(days) jours après l'échéance" : "pays \(days) days after the due date on average") + tail
            } else {
                sentence = fr ? "règle en moyenne \(days) jours avant l'échéance" : "pays \(days) days before the due date on average"
            }
        case .daysSincePayment:
            if reason.detail == "never" {
                sentence = fr ? "aucun règlement depuis la première facture, il y a \(f.integer(n)) jours"
                    : "no payment in the \(f.integer(n)) days since the first invoice"
            } else if n <= 1 {
                sentence = fr ? "dernier règlement hier" : "last payment yesterday"
            } else {
                sentence = fr ? "dernier règlement il y a \(f.integer(n)) jours" : "last payment \(f.integer(n)) days ago"
            }
        case .noHistory:
            sentence = fr ? "aucune facture réglée à ce jour" : "no paid invoice on record yet"
        case .overdueOpen:
            let amount = f.money(reason.detail)
            switch n {
            case ...0: sentence = fr ? "aucune autre facture échue impayée" : "no other overdue invoice"
            case 1: sentence = fr ? "1 autre facture échue impayée (\(amount))" : "1 other overdue invoice open (\(amount))"
            default: sentence = fr ? "\(f.integer(n)) autres factures échues impayées (\(amount) au total)" : "\(f.integer(n)) other overdue invoices open (\(amount) in total)"
            }
        case .openBalance:
            let amount = f.money(reason.detail)
            switch n {
            case ...0: sentence = fr ? "aucune autre facture en cours" : "no other invoice open"
            case 1: sentence = fr ? "1 autre facture en cours (\(amount))" : "1 other invoice open (\(amount))"
            default: sentence = fr ? "\(f.integer(n)) autres factures en cours (\(amount) au total)" : "\(f.integer(n)) other invoices open (\(amount) in total)"
            }
        case .amountRatio:
            let r = f.decimal(reason.value, digits: 1)
            sentence = fr ? "montant égal à \(r) fois la moyenne de ce client" : "amount \(r)× this customer's usual"
        case .amount:
            let amount = f.money(ReasonAmount.detail(reason.value, currency: reason.detail))
            sentence = fr ? "première facture de ce client (\(amount))" : "first invoice of this customer (\(amount))"
        case .paymentTerms:
            sentence = fr ? "délai de paiement de \(f.integer(n)) jours" : "\(n)-day payment terms"
        case .tenure:
            if n < 60 { sentence = fr ? "client depuis \(f.integer(n)) jours" : "customer for \(f.integer(n)) days" }
            else if n < 730 {
                let m = Int((Double(n) / 30.44).rounded())
                sentence = fr ? "client depuis \(m) mois" : "customer for \(m) months"
            } else {
                let y = Int((Double(n) / 365.25).rounded())
                sentence = fr ? "client depuis \(y) ans" : "customer for \(y) years"
            }
        case .paymentMethod:
            switch reason.detail {
            case "card": sentence = fr ? "règlement par carte bancaire" : "pays by card"
            case "transfer": sentence = fr ? "règlement par virement" : "pays by bank transfer"
            case "direct_debit": sentence = fr ? "règlement par prélèvement" : "pays by direct debit"
            case "cheque": sentence = fr ? "règlement par chèque" : "pays by cheque"
            case "other": sentence = fr ? "règlement par un autre moyen" : "pays by another method"
            default: sentence = fr ? "moyen de paiement non renseigné" : "payment method not given"
            }
        case .channel:
            switch reason.detail {
            case "paper": sentence = fr ? "facture envoyée sur papier" : "invoice sent on paper"
            case "electronic": sentence = fr ? "facture envoyée par voie électronique" : "invoice sent electronically"
            default: sentence = fr ? "mode d'envoi non renseigné" : "sending channel not given"
            }
        case .dueSeason:
            let m = min(max(n, 1), 12) - 1
            let en = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                      "October", "November", "December"]
            let frMonths = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                            "octobre", "novembre", "décembre"]
            sentence = fr ? "échéance en \(frMonths[m])" : "falls due in \(en[m])"
        case .disputes:
            switch n {
            case ...0: sentence = fr ? "aucun litige antérieur" : "no earlier dispute"
            case 1: sentence = fr ? "1 litige antérieur" : "1 earlier dispute"
            default: sentence = fr ? "\(n) litiges antérieurs" : "\(n) earlier disputes"
            }
        case .brokenPromises:
            switch n {
            case ...0: sentence = fr ? "aucune promesse de paiement non tenue" : "no broken promise to pay"
            case 1: sentence = fr ? "1 promesse de paiement non tenue" : "1 promise to pay not kept"
            default: sentence = fr ? "\(n) promesses de paiement non tenues" : "\(n) promises to pay not kept"
            }
        case .remindersBounced:
            switch n {
            case ...0: sentence = fr ? "aucune relance non distribuée" : "no bounced reminder"
            case 1: sentence = fr ? "1 relance non distribuée" : "1 reminder bounced"
            default: sentence = fr ? "\(n) relances non distribuées" : "\(n) reminders bounced"
            }
        case .hardship:
            sentence = n >= 1 ? (fr ? "difficultés financières signalées" : "reported financial difficulties")
                : (fr ? "aucune difficulté financière signalée" : "no financial difficulty reported")
        case .populationLateShare:
            let pct = f.percent(reason.value)
            sentence = fr ? "taux de retard de \(pct) sur l'ensemble des clients" : "\(pct) of all customers' payments late"
        case .daysOverdue:
            return overdue(reason, fr: fr, f: f)
        }
        return sentence + suffix
    }

    static func overdue(_ reason: Reason, fr: Bool, f: ReasonNumberFormat) -> String {
        let d = Int(reason.value.rounded())
        // "basis:horizon", cut at the first colon (split's result whenever neither side is empty).
        let detail = reason.detail
        let basis: String, horizon: String
        if let colon = detail.firstIndex(of: ":"), colon != detail.startIndex, detail.index(after: colon) != detail.endIndex {
            basis = String(detail[..<colon])
            horizon = String(detail[detail.index(after: colon)...])
        } else {
            let parts = detail.split(separator: ":", maxSplits: 1)
            basis = parts.first.map(String.init) ?? ""
            horizon = parts.count > 1 ? String(parts[1]) : "30"
        }
        let days = fr ? "échue depuis \(f.integer(d)) jour\(d > 1 ? "s" : "")" : "\(f.integer(d)) day\(d == 1 ? "" : "s") past due"
        switch ScoreBasis(rawValue: basis) {
        case .latePayment?:
            return days + (fr ? " (dans le délai de grâce)" : " (within the grace period)")
        case .severeDelay?:
            return days + (fr ? "\u{00A0}: p_late est la probabilité qu'elle reste impayée \(horizon) jours après l'échéance"
                : ": p_late is the probability that it is still unpaid \(horizon) days past due")
        case .severeDelayReached?:
            return days + (fr ? "\u{00A0}: retard grave atteint" : ": severe delay reached")
        case .overdueUnmodelled?, nil:
            return days
        }
    }

    static func anomaly(_ reason: Reason, fr: Bool, f: ReasonNumberFormat) -> String {
        let kind = String(reason.code.dropFirst(ReasonCode.anomalyPrefix.count))
        let n = Int(reason.value.rounded())
        switch kind {
        case "duplicate_of":
            return fr ? "doublon possible de la facture \(reason.detail)" : "possible duplicate of invoice \(reason.detail)"
        case "amount_spike":
            return fr ? "montant \(n) fois supérieur à l'habitude de ce client (contrôle d'anomalie)"
                : "amount \(n)× this customer's usual (anomaly check)"
        case "unusual_terms":
            return fr ? "délai de paiement inhabituel de \(n) jours pour ce client" : "unusual payment terms of \(n) days for this customer"
        case "new_customer_large_first_invoice":
            return fr ? "première facture élevée pour un nouveau client" : "large first invoice for a new customer"
        case "round_amount":
            return fr ? "montant rond, inhabituel pour ce client" : "round amount, unusual for this customer"
        case "currency_changed":
            return fr ? "devise différente de la facture précédente de ce client" : "currency differs from this customer's previous invoice"
        case "payment_method_changed":
            return fr ? "moyen de paiement différent du précédent pour ce client" : "payment method differs from this customer's last one"
        case "unusual_profile":
            return fr ? "facture inhabituelle au regard de l'historique de ce client" : "unusual invoice compared with this customer's history"
        default:
            let flag = reason.detail.isEmpty ? kind : reason.detail
            return fr ? "contrôle d'anomalie\u{00A0}: \(flag)" : "anomaly check: \(flag)"
        }
    }
}
