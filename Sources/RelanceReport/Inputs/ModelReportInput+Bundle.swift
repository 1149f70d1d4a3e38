import RelanceFeatures
import RelanceData
import RelanceModels
import RelanceScoring

extension ModelReportInput {
    /// The model section of the report, filled from a trained bundle: the held-out evaluation of
    /// the late-payment model (the figures `relance train --format json` prints), its ROC and
    /// reliability tables, its coefficients named in words from the bundle's feature schema, and —
    /// when `anomalyScores` are given (the day's scored invoices) — the anomaly score distribution
    /// against `anomalyThreshold`.
    ///
    /// The bundle stores no per-row test predictions, so the score distributions by outcome are
    /// rebuilt from the stored ROC curve (see ``scoreDistributions(_:edges:)``).
    public init(bundle: ModelBundle, anomalyScores: [Double]? = nil,
                anomalyThreshold: Double = RiskTierThresholds().highAnomaly, language: ReportLanguage = .en) {
        let m = bundle.metrics.late
        let french = language == .fr
        let (late, onTime) = Self.scoreDistributions(m.model, edges: BinnedDistribution.evenEdges(from: 0, to: 1, count: 20))
        let model = bundle.lateModel
        let coefficients = model.featureNames.indices.map { j -> CoefficientRow in
            let name = model.featureNames[j]
            let english = bundle.featureSchema.definition(named: name)?.summary ?? name
            // The French wording is this version's; a bundle whose English summary differs from
            // it (another schema) keeps its own words rather than a possibly wrong translation.
            let known = PaymentFeature(name: name).flatMap { $0.summary == english ? $0 : nil }
            let summary = french ? known?.frenchSummary ?? english : english
            let se = j < model.report.standardErrors.count ? model.report.standardErrors[j] : nil
            return CoefficientRow(feature: name, description: summary, coefficient: model.coefficients[j],
                                  standardError: se.flatMap { $0.isFinite ? $0 : nil })
        }
        var anomaly: AnomalySummary? = nil
        if let scores = anomalyScores {
            anomaly = AnomalySummary(
                scores: BinnedDistribution(values: scores, edges: BinnedDistribution.evenEdges(from: 0, to: 1, count: 20)),
                threshold: anomalyThreshold, flaggedCount: scores.filter { $0 >= anomalyThreshold }.count,
                scoreDescription: french ? "Score d'anomalie des factures ouvertes (0 = habituelle, 1 = très inhabituelle)"
                                         : "Anomaly score of the open invoices (0 = usual, 1 = very unusual)")
        }
        self.init(
            trainFrom: m.trainWindow.first, trainTo: m.trainWindow.last, testFrom: m.testWindow.first,
            testTo: m.testWindow.last, trainCount: m.trainRows, testCount: m.testRows, testLateRate: m.model.baseRate,
            modelVersion: "relance \(bundle.relanceVersion) · \(bundle.asOf.iso) · \(bundle.dataFingerprint.value.prefix(12))",
            model: ClassifierMetrics(m.model), baseline: ClassifierMetrics(m.baseline),
            baselineDescription: french ? "part des factures passées du client payées en retard"
                                        : "customer's prior late share",
            rocModel: m.model.rocCurve.map(ChartPoint.init), rocBaseline: m.baseline.rocCurve.map(ChartPoint.init),
            reliability: m.model.reliability.map(CalibrationBin.init),
            scoresLate: late, scoresOnTime: onTime, coefficients: coefficients, intercept: model.intercept,
            anomaly: anomaly,
            convergence: ConvergenceSummary(iterations: m.iterations, converged: m.converged,
                                            finalLogLikelihood: model.report.logLikelihood,
                                            gradientNorm: model.report.gradientNorm, l2Penalty: m.l2))
    }

    /// Test-set score histograms of late and on-time invoices, rebuilt from a ROC curve.
    ///
    /// A ROC point with threshold t says that a share TPR(t) of the late rows and FPR(t) of the
    /// on-time rows score ≥ t. So the late rows scoring in `[a, b)` number
    /// `positives × (TPR(≥ a) − TPR(≥ b))`, where TPR(≥ x) is read at the smallest stored threshold
    /// ≥ x. Exact for an unthinned curve. A stored curve is thinned to at most 512 points (the
    /// bundle's), so one stored step can span several bins; with `interpolate` (the default when
    /// the curve has 512 points or more) the rows of such a step are spread linearly over its score
    /// range instead of all landing in one bin. Either way no row leaves the chart: the totals
    /// always equal the positives and negatives.
    public static func scoreDistributions(_ metrics: BinaryClassificationMetrics, edges: [Double], interpolate: Bool? = nil)
        -> (late: BinnedDistribution, onTime: BinnedDistribution) {
        let spread = interpolate ?? (metrics.rocCurve.count >= 512)
        let positives = metrics.positives, negatives = metrics.count - metrics.positives
        // Points with a threshold, ascending by threshold.
        let points = metrics.rocCurve.filter { $0.threshold != nil }.sorted { $0.threshold! < $1.threshold! }
        func atLeast(_ x: Double) -> (late: Int, onTime: Int) {
            guard let k = points.firstIndex(where: { $0.threshold! >= x }) else { return (0, 0) }
            var tpr = points[k].truePositiveRate, fpr = points[k].falsePositiveRate
            if spread, k > 0, let hi = points[k].threshold, let lo = points[k - 1].threshold, hi > lo {
                // Rows scoring in [lo, hi) assumed spread evenly over that range.
                let w = (hi - x) / (hi - lo)
                tpr += w * (points[k - 1].truePositiveRate - tpr)
                fpr += w * (points[k - 1].falsePositiveRate - fpr)
            }
            return (Int((tpr * Double(positives)).rounded()), Int((fpr * Double(negatives)).rounded()))
        }
        guard edges.count >= 2 else { return (BinnedDistribution(edges: edges, counts: []), BinnedDistribution(edges: edges, counts: [])) }
        // Cumulative counts at each inner edge; the outer edges hold everything / nothing so that
        // no row falls outside the chart.
        var cumulative: [(late: Int, onTime: Int)] = [(positives, negatives)]
        for e in edges.dropFirst().dropLast() { cumulative.append(atLeast(e)) }
        cumulative.append((0, 0))
        var late: [Int] = [], onTime: [Int] = []
        for k in 0..<(edges.count - 1) {
            late.append(max(0, cumulative[k].late - cumulative[k + 1].late))
            onTime.append(max(0, cumulative[k].onTime - cumulative[k + 1].onTime))
        }
        return (BinnedDistribution(edges: edges, counts: late), BinnedDistribution(edges: edges, counts: onTime))
    }
}
