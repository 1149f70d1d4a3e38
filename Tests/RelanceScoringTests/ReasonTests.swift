import Testing
import RelanceData
import RelanceFeatures
@testable import RelanceScoring

/// Reasons are the signed contributions of groups of features, put into words.
@Suite struct ReasonTests {
    /// Open sample rows with their feature values, as scoring computes them.
    static let open: FeatureMatrix = {
        let builder = try! PointInTimeFeatureBuilder(ScoringFixture.sample)
        return try! builder.scoringFeatures(openAsOf: ScoringFixture.sampleAsOf)
    }()

    @Test func reasonsCarryTheSummedContributionOfTheirGroupAndComeLargestFirst() throws {
        let model = ScoringFixture.models.latePayment
        let builder = ReasonBuilder(featureNames: model.featureNames, featureOptions: FeatureOptions())
        let m = Self.open
        #expect(m.rowCount > 300)
        var negatives = 0, positives = 0
        for i in 0..<m.rowCount {
            let x = Array(m.row(i))
            let c = try model.contributions(for: x)
            // Group sums computed independently of the builder.
            var sums: [String: Double] = [:]
            let noHistory = x[PaymentFeature.priorSettledCountLog.rawValue] == 0
            for f in PaymentFeature.allCases {
                var code = ReasonBuilder.group(of: f)
                if noHistory && [.lateShare, .recentLateShare, .daysLate, .daysSincePayment].contains(code) { code = .noHistory }
                sums[code.rawValue, default: 0] += c[f.rawValue]
            }
            let reasons = builder.drivers(values: x, contributions: c, currency: "EUR", count: 3)
            #expect(reasons.count == 3)
            let codes = reasons.map { $0.code == "amount" ? "amount_ratio" : $0.code }
            for (r, code) in zip(reasons, codes) {
                #expect(abs(r.contribution - sums[code]!) < 1e-9, "row \(i): \(code)")
            }
            // Largest |contribution| first, and no group left out is larger than the last kept.
            for (a, b) in zip(reasons, reasons.dropFirst()) { #expect(abs(a.contribution) >= abs(b.contribution)) }
            let smallestKept = abs(reasons.last!.contribution)
            for (code, s) in sums where !codes.contains(code) { #expect(abs(s) <= smallestKept + 1e-12, "row \(i): \(code)") }
            // η = intercept + Σ contributions: the reasons explain the model's own number.
            #expect(abs(try model.linearPredictor(for: x) - (model.intercept + sums.values.reduce(0, +))) < 1e-9)
            for r in reasons { if r.contribution < 0 { negatives += 1 } else { positives += 1 } }
        }
        #expect(negatives > 0 && positives > 0, "the sample has drivers of both signs")
    }

    @Test func wordingFollowsTheSignOfTheContribution() throws {
        let scorer = try OpenInvoiceScorer(models: ScoringFixture.models)
        let result = try scorer.score(ScoringFixture.sample, asOf: ScoringFixture.sampleAsOf)
        var checked = 0
        for inv in result.invoices {
            for r in inv.reasons where ReasonCode(rawValue: r.code) != nil && r.code != "days_overdue" {
                for language in ReasonLanguage.allCases {
                    let text = ReasonText.render(r, language: language)
                    let marker = language == .en ? "(lowers the risk)" : "(diminue le risque)"
                    #expect(text.hasSuffix(marker) == (r.contribution < 0), "\(r.code) \(r.contribution): \(text)")
                }
                let en = ReasonText.render(r, language: .en)
                if r.code == "late_share" || r.code == "recent_late_share" {
                    if r.contribution < 0 { #expect(en.contains("on time"), "\(en)") }
                    else { #expect(en.contains("late") || en.contains("no late payment"), "\(en)") }
                }
                checked += 1
            }
        }
        #expect(checked > 1_000)
    }

    /// The facts quoted are the customer's real record: 4 of 5 paid late, recovered from the features.
    @Test func paymentRecordIsRecoveredFromTheFeatures() throws {
        var f = HistoryFixture()
        f.customer("C1", name: "Dupont SARL")
        // Four paid 10 days late, one on time, then an open invoice.
        for k in 0..<5 {
            f.invoice("P\(k)", customer: "C1", issue: k * 20, due: k * 20 + 30, paid: k * 20 + (k == 2 ? 30 : 40), amount: 100)
        }
        f.invoice("OPEN", customer: "C1", issue: 200, due: 230, paid: nil, amount: 310)
        let builder = try PointInTimeFeatureBuilder(f.dataset)
        let m = try builder.scoringFeatures(openAsOf: HistoryFixture.day(205))
        #expect(m.rowCount == 1)
        let x = Array(m.row(0))
        let reasons = ReasonBuilder(featureNames: PaymentFeature.allCases.map(\.name), featureOptions: FeatureOptions())
        let record = x.withUnsafeBufferPointer { reasons.paymentRecord($0) }
        #expect(record.paid == 5 && record.late == 4 && record.recent == 5 && record.recentLate == 4)
        // A contribution on the late share alone makes it the one reason, worded both ways.
        var c = [Double](repeating: 0, count: x.count)
        c[PaymentFeature.lateShareShrunk.rawValue] = 0.8
        let up = reasons.drivers(values: x, contributions: c, currency: "EUR", count: 3)
        #expect(up.count == 1 && up[0].code == "late_share" && up[0].value == 4 && up[0].detail == "5")
        #expect(up[0].shareableWithCustomer)
        #expect(ReasonText.render(up[0], language: .en) == "paid 4 of 5 earlier invoices late")
        #expect(ReasonText.render(up[0], language: .fr) == "4 de ses 5 factures précédentes réglées en retard")
        c[PaymentFeature.lateShareShrunk.rawValue] = -0.8
        let down = reasons.drivers(values: x, contributions: c, currency: "EUR", count: 3)
        #expect(ReasonText.render(down[0], language: .en) == "paid 1 of 5 earlier invoices on time (lowers the risk)")
        // Amount ratio: 310 against a usual 100.
        c = [Double](repeating: 0, count: x.count)
        c[PaymentFeature.amountLogRatioToPriorMean.rawValue] = 1.2
        let amount = reasons.drivers(values: x, contributions: c, currency: "EUR", count: 3)
        #expect(ReasonText.render(amount[0], language: .en) == "amount 3.1× this customer's usual")
        #expect(!amount[0].shareableWithCustomer, "a model signal is not for the customer")
    }

    @Test func anomalyFlagsBecomeReasonsInWords() {
        let reasons = AnomalyReasons.reasons(flags: ["duplicate_of:INV-123", "amount_12x_usual", "unusual_terms:90d", "unusual_profile", "mystery"], score: 0.97)
        #expect(reasons.map(\.code) == ["anomaly:duplicate_of", "anomaly:amount_spike", "anomaly:unusual_terms", "anomaly:unusual_profile", "anomaly:other"])
        #expect(reasons.allSatisfy { !$0.shareableWithCustomer && $0.contribution == 0 })
        #expect(ReasonText.render(reasons[0], language: .en) == "possible duplicate of invoice INV-123")
        #expect(ReasonText.render(reasons[0], language: .fr) == "doublon possible de la facture INV-123")
        #expect(ReasonText.render(reasons[1], language: .en) == "amount 12× this customer's usual (anomaly check)")
        #expect(ReasonText.render(reasons[2], language: .fr) == "délai de paiement inhabituel de 90 jours pour ce client")
        #expect(ReasonText.render(reasons[4], language: .en) == "anomaly check: mystery")
    }

    @Test func linearScorerMatchesTheModelExactly() throws {
        let model = ScoringFixture.models.latePayment
        let scorer = LinearScorer(model, calibration: nil)
        let m = Self.open
        var c = [Double](repeating: 0, count: m.columnCount)
        for i in stride(from: 0, to: m.rowCount, by: 7) {
            let x = Array(m.row(i))
            let eta = x.withUnsafeBufferPointer { xp in c.withUnsafeMutableBufferPointer { scorer.contributions(xp, into: $0) } }
            #expect(c == (try model.contributions(for: x)))
            #expect(eta == (try model.linearPredictor(for: x)))
            #expect(abs(scorer.probability(eta) - (try model.probability(for: x))) < 1e-15)
        }
    }
}
