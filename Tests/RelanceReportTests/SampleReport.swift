import Foundation
import RelanceData
import RelanceScoring
@testable import RelanceReport

/// A realistic, deterministic sample report (invented company, customers and figures) used by the
/// page tests and written to disk for visual checks with `scripts/render-report.sh`.
enum SampleReport {
    /// A small linear congruential generator so the sample is identical on every run.
    struct Generator {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
    }

    static func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d) ?? .missing }

    static func model(language: ReportLanguage) -> ModelReportInput {
        // Test predictions: late invoices skew high, on-time ones low; the baseline is noisier.
        var rng = Generator(state: 42)
        var model: [(p: Double, late: Bool)] = []
        var base: [(p: Double, late: Bool)] = []
        for _ in 0..<4_000 {
            let late = rng.next() < 0.23
            let signal = late ? 0.9 : -0.9
            let z = signal + (rng.next() + rng.next() + rng.next() - 1.5) * 2.2 - 1.2
            model.append((1 / (1 + exp(-z)), late))
            let zb = signal * 0.45 + (rng.next() - 0.5) * 2.5 - 1.2
            base.append((1 / (1 + exp(-zb)), late))
        }
        func roc(_ rows: [(p: Double, late: Bool)]) -> [ChartPoint] {
            let sorted = rows.sorted { $0.p > $1.p }
            let positives = Double(rows.filter(\.late).count), negatives = Double(rows.count) - positives
            var tp = 0.0, fp = 0.0
            var points = [ChartPoint(x: 0, y: 0)]
            for (i, r) in sorted.enumerated() {
                if r.late { tp += 1 } else { fp += 1 }
                if i % 40 == 39 || i == sorted.count - 1 { points.append(ChartPoint(x: fp / negatives, y: tp / positives)) }
            }
            return points
        }
        var reliability: [CalibrationBin] = []
        for b in 0..<10 {
            let lo = Double(b) / 10, hi = Double(b + 1) / 10
            let inBin = model.filter { $0.p >= lo && ($0.p < hi || (b == 9 && $0.p <= hi)) }
            let mean = inBin.isEmpty ? 0 : inBin.map(\.p).reduce(0, +) / Double(inBin.count)
            let observed = inBin.isEmpty ? 0 : Double(inBin.filter(\.late).count) / Double(inBin.count)
            reliability.append(CalibrationBin(lower: lo, upper: hi, count: inBin.count, meanPredicted: mean, observedRate: observed))
        }
        let edges = BinnedDistribution.evenEdges(from: 0, to: 1, count: 20)
        var anomalyScores: [Double] = []
        for _ in 0..<3_000 { anomalyScores.append(sqrt(-2 * log(max(1e-12, rng.next()))) * 1.6) }
        anomalyScores += [9.4, 10.2, 11.8, 12.5]
        let threshold = 6.5
        let fr = language == .fr
        return ModelReportInput(
            trainFrom: day(2023, 1, 2), trainTo: day(2025, 12, 31), testFrom: day(2026, 1, 1), testTo: day(2026, 6, 30),
            trainCount: 48_213, testCount: 4_000, testLateRate: Double(model.filter(\.late).count) / 4_000,
            modelVersion: "late-payment-2026-07-01-a3f9",
            model: ClassifierMetrics(rocAUC: 0.812, prAUC: 0.574, brier: 0.1342, logLoss: 0.4211, liftTopDecile: 2.71),
            baseline: ClassifierMetrics(rocAUC: 0.655, prAUC: 0.341, brier: 0.1689, logLoss: 0.5237, liftTopDecile: 1.62),
            baselineDescription: fr ? "taux de retard passé du client" : "customer's past late rate",
            rocModel: roc(model), rocBaseline: roc(base), reliability: reliability,
            scoresLate: BinnedDistribution(values: model.filter(\.late).map(\.p), edges: edges),
            scoresOnTime: BinnedDistribution(values: model.filter { !$0.late }.map(\.p), edges: edges),
            coefficients: [
                CoefficientRow(feature: "past_late_share", description: fr ? "Part des factures passées du client payées en retard" : "Share of the customer's past invoices paid late", coefficient: 0.842, standardError: 0.021),
                CoefficientRow(feature: "mean_days_late", description: fr ? "Retard moyen passé (jours)" : "Average past delay (days)", coefficient: 0.511),
                CoefficientRow(feature: "open_dispute", description: fr ? "Litige ouvert à l’émission" : "Dispute open when issued", coefficient: 0.377),
                CoefficientRow(feature: "log_amount", description: fr ? "Montant (échelle logarithmique)" : "Amount (log scale)", coefficient: 0.164),
                CoefficientRow(feature: "payment_terms_days", description: fr ? "Délai de paiement accordé" : "Payment terms granted", coefficient: -0.092),
                CoefficientRow(feature: "direct_debit", description: fr ? "Paiement par prélèvement" : "Paid by direct debit", coefficient: -0.618),
                CoefficientRow(feature: "customer_tenure_years_since_first_invoice", description: fr ? "Ancienneté du client" : "How long the customer has been with us", coefficient: -0.233),
                CoefficientRow(feature: "reminder_opened_share", description: fr ? "Part des relances ouvertes" : "Share of reminders opened", coefficient: -0.301),
            ],
            intercept: -1.184,
            anomaly: AnomalySummary(
                scores: BinnedDistribution(values: anomalyScores, edges: BinnedDistribution.evenEdges(from: 0, to: 13, count: 26)),
                threshold: threshold, flaggedCount: anomalyScores.filter { $0 >= threshold }.count,
                scoreDescription: fr ? "Distance robuste aux factures habituelles" : "Robust distance from usual invoices"),
            convergence: ConvergenceSummary(iterations: 7, converged: true, finalLogLikelihood: -21_874.33,
                                            gradientNorm: 3.2e-9, l2Penalty: 0.01))
    }

    static let asOf = day(2026, 11, 27)

    static let customers: [(id: String, name: String, segment: String?)] = [
        ("C-0001", "<Dupont & Fils>", "PME"), ("C-0002", "Boulangerie Martin", "TPE"),
        ("C-0003", "Garage de l’Étang", "TPE"), ("C-0004", "Northwind Trading Ltd", "Export"),
        ("C-0005", "Hôtel Beau Rivage", "PME"), ("C-0006", "Cabinet Lefèvre & Associés", nil),
        ("C-0007", "Transports Rapides du Sud-Ouest", "ETI"), ("C-0008", "Café des Arts", "TPE"),
    ]

    static func portfolio() -> PortfolioInput {
        var rng = Generator(state: 7)
        var invoices: [PortfolioInvoice] = []
        for i in 0..<60 {
            let c = customers[i % customers.count]
            let amount = (200 + rng.next() * 9_800).rounded()
            let overdue = Int(rng.next() * 150) - 30
            let p = min(0.97, max(0.02, rng.next() * 0.5 + Double(max(0, overdue)) / 250))
            let tier: RiskTier = p >= 0.7 ? .critical : p >= 0.45 ? .high : p >= 0.2 ? .medium : .low
            invoices.append(PortfolioInvoice(invoiceId: "F-2026-\(1000 + i)", customerId: c.id, customerName: c.name,
                                             amount: amount, daysOverdue: overdue, segment: c.segment, tier: tier,
                                             expectedLateAmount: amount * p))
        }
        return PortfolioInput(asOf: asOf, currency: "EUR", invoices: invoices, creditSalesInWindow: 214_560.5)
    }

    static func worklist(language: ReportLanguage) -> [WorklistRow] {
        let fr = language == .fr
        let p = portfolio()
        return p.invoices.prefix(14).enumerated().map { i, inv in
            let pLate = inv.amount > 0 ? inv.expectedLateAmount / inv.amount : 0
            return WorklistRow(
                invoiceId: inv.invoiceId, customerId: inv.customerId, customerName: inv.customerName, amount: inv.amount,
                currency: "EUR", dueDate: asOf - inv.daysOverdue, daysOverdue: inv.daysOverdue, pLate: pLate,
                riskTier: inv.tier, priority: inv.expectedLateAmount,
                reasons: i % 3 == 0
                    ? [fr ? "A payé 6 de ses 8 dernières factures en retard" : "Paid 6 of its last 8 invoices late",
                       fr ? "Montant 3 fois supérieur à l’habitude" : "Amount 3× the usual"]
                    : [fr ? "Retard moyen de 12 jours sur l’année" : "Average delay of 12 days this year"],
                flags: i == 4 ? [fr ? "doublon possible de F-2026-1003" : "possible duplicate of F-2026-1003"] : [],
                plannedAction: inv.daysOverdue > 60
                    ? (fr ? "Appel : passer la main à une personne" : "Call: hand over to a person")
                    : inv.daysOverdue > 0 ? (fr ? "Relance claire par e-mail" : "Clear reminder by email")
                    : (fr ? "Rappel amical avant échéance" : "Friendly heads-up before due date"),
                alreadySent: i % 2 == 0
                    ? [fr ? "12/11/2026 relance amicale (ouverte)" : "12 Nov 2026 friendly reminder (opened)"] : [])
        }
    }

    static func html(language: ReportLanguage) throws -> String {
        let branding = try ReportBranding(companyName: language == .fr ? "Atelier Dupont & Cie" : "Dupont Workshop & Co",
                                          brandColour: "#1F4E79")
        return HTMLReport.render(model: model(language: language), portfolio: portfolio(),
                                 worklist: worklist(language: language), branding: branding, language: language)
    }
}
