import Testing
@testable import RelanceScoring

/// `--language en|fr`: every reason reads as a sentence in both languages.
@Suite struct ReasonLanguageTests {
    static func reason(_ code: ReasonCode, _ value: Double, _ detail: String = "", _ c: Double = 0.5) -> Reason {
        Reason(code: code.rawValue, value: value, detail: detail, contribution: c, shareableWithCustomer: code.shareableWithCustomer)
    }

    @Test func englishAndFrenchSentences() {
        let cases: [(Reason, String, String)] = [
            (Self.reason(.recentLateShare, 4, "5"), "paid 4 of the last 5 invoices late", "4 des 5 dernières factures réglées en retard"),
            (Self.reason(.amountRatio, 3.1), "amount 3.1× this customer's usual", "montant égal à 3,1 fois la moyenne de ce client"),
            (Self.reason(.overdueOpen, 2, "3450.50 EUR"), "2 other overdue invoices open (3,450.50 EUR in total)",
             "2 autres factures échues impayées (3\u{202F}450,50\u{00A0}EUR au total)"),
            (Self.reason(.daysLate, 12.5, "41"), "pays 12.5 days after the due date on average (longest delay 41 days)",
             "règle en moyenne 12,5 jours après l'échéance (retard maximal\u{00A0}: 41 jours)"),
            (Self.reason(.paymentMethod, 0, "cheque", -0.3), "pays by cheque (lowers the risk)", "règlement par chèque (diminue le risque)"),
            (Self.reason(.dueSeason, 8), "falls due in August", "échéance en août"),
            (Self.reason(.brokenPromises, 2), "2 promises to pay not kept", "2 promesses de paiement non tenues"),
            (ReasonBuilder.daysOverdue(12, basis: .severeDelay, severeDelayDays: 30),
             "12 days past due: p_late is the probability that it is still unpaid 30 days past due",
             "échue depuis 12 jours\u{00A0}: p_late est la probabilité qu'elle reste impayée 30 jours après l'échéance"),
            (ReasonBuilder.daysOverdue(45, basis: .severeDelayReached, severeDelayDays: 30),
             "45 days past due: severe delay reached", "échue depuis 45 jours\u{00A0}: retard grave atteint"),
        ]
        for (r, en, fr) in cases {
            #expect(ReasonText.render(r, language: .en) == en)
            #expect(ReasonText.render(r, language: .fr) == fr)
        }
    }

    @Test func everyCodeHasItsOwnSentenceInEachLanguage() {
        for code in ReasonCode.allCases {
            for c in [0.4, -0.4] {
                let r = Self.reason(code, 3, code == .lateShare || code == .recentLateShare ? "5" : "", c)
                let en = ReasonText.render(r, language: .en), fr = ReasonText.render(r, language: .fr)
                #expect(!en.isEmpty && !fr.isEmpty)
                #expect(en != fr, "\(code): not translated")
                if code.rawValue.contains("_") { #expect(!en.contains(code.rawValue) && !fr.contains(code.rawValue), "\(code): shown as a code") }
            }
        }
    }

    @Test func unknownCodesAreShownNotDropped() {
        let r = Reason(code: "future_code", value: 1, detail: "x", contribution: 0, shareableWithCustomer: false)
        #expect(ReasonText.render(r, language: .fr) == "future_code: x")
    }
}
