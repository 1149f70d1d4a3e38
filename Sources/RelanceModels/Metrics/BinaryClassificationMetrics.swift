import Foundation

/// How well predicted late-payment probabilities rank and are calibrated on a held-out set.
///
/// Definitions (each checked against scikit-learn 1.9.1 where it has one, see
/// `scripts/reference/make_logistic_fixture.py`):
/// - `rocAUC`: area under the ROC curve = Mann–Whitney U with average ranks for tied scores
///   (a tie between a late and an on-time row counts ½), as `roc_auc_score`.
/// - `averagePrecision`: scikit-learn's `average_precision_score`, Σₖ (Rₖ − Rₖ₋₁)·Pₖ over
///   distinct score thresholds in decreasing order — a step sum, not the trapezoidal PR area.
/// - `brierScore`: mean (p − y)², as `brier_score_loss`.
/// - `logLoss`: −mean[y log p + (1 − y) log(1 − p)] with p clipped to [ε, 1 − ε],
///   ε = `Double.ulpOfOne` (2.22e-16), as `log_loss` in scikit-learn ≥ 1.5.
/// - `liftTopDecile`: late rate among the ⌈n/10⌉ highest scores (ties broken by row order)
///   divided by the overall late rate.
/// - `reliability`: rows sorted by probability (ties by row order) and cut into `bins` groups of
///   sorted positions ⌊b·n/B⌋ ..< ⌊(b+1)·n/B⌋.
/// - `rocCurve`: one point per distinct score (scikit-learn `roc_curve(drop_intermediate=False)`),
///   thinned to at most `rocPointLimit` points for storage.
public struct BinaryClassificationMetrics: Codable, Sendable, Equatable {
    public var count: Int
    public var positives: Int
    /// Share of rows labelled 1 (late).
    public var baseRate: Double
    public var rocAUC: Double
    public var averagePrecision: Double
    public var brierScore: Double
    public var logLoss: Double
    public var liftTopDecile: Double
    public var reliability: [ReliabilityBin]
    public var rocCurve: [ROCPoint]

    /// ε used to clip probabilities in the log loss.
    public static let logLossEpsilon = Double.ulpOfOne

    /// Computes every metric. Labels must be 0/1 with both present; probabilities finite in [0, 1].
    public init(labels: [Double], probabilities: [Double], bins: Int = 10, rocPointLimit: Int? = 512) throws {
        // Validated once here (the strictest of the individual metrics' checks); the two score
        // orders are computed once and shared.
        try Self.validate(labels: labels, scores: probabilities, probabilities: true)
        guard bins >= 1, bins <= labels.count else {
            throw ModelError.undefinedMetric("reliability table: \(bins) bins for \(labels.count) rows")
        }
        let order = ScoreOrder(probabilities)
        count = labels.count
        positives = labels.reduce(0) { $0 + Int($1) }
        baseRate = Double(positives) / Double(count)
        rocAUC = Self.rocAUC(labels: labels, scores: probabilities, ascending: order.ascending)
        averagePrecision = Self.averagePrecision(labels: labels, scores: probabilities, descending: order.descending)
        brierScore = try Self.brierScore(labels: labels, probabilities: probabilities)
        logLoss = try Self.logLoss(labels: labels, probabilities: probabilities)
        liftTopDecile = Self.lift(labels: labels, topFraction: 0.1, descending: order.descending)
        reliability = Self.reliabilityTable(labels: labels, probabilities: probabilities, bins: bins, ascending: order.ascending)
        let curve = Self.rocCurve(labels: labels, scores: probabilities, descending: order.descending)
        rocCurve = rocPointLimit.map { Self.thin(curve, to: $0) } ?? curve
    }

    // MARK: - Individual metrics

    /// ROC-AUC with average ranks for ties.
    public static func rocAUC(labels: [Double], scores: [Double]) throws -> Double {
        try validate(labels: labels, scores: scores, probabilities: false)
        return rocAUC(labels: labels, scores: scores, ascending: ascending(scores))
    }

    /// ROC-AUC given the increasing order of validated scores.
    static func rocAUC(labels: [Double], scores: [Double], ascending order: [Int]) -> Double {
        var rankSumPositives = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && scores[order[end + 1]] == scores[order[start]] { end += 1 }
            let averageRank = Double(start + end) / 2 + 1
            for k in start...end where labels[order[k]] == 1 { rankSumPositives += averageRank }
            start = end + 1
        }
        let p = labels.reduce(0, +), n = Double(labels.count) - p
        return (rankSumPositives - p * (p + 1) / 2) / (p * n)
    }

    /// scikit-learn's average precision (step sum over distinct thresholds).
    public static func averagePrecision(labels: [Double], scores: [Double]) throws -> Double {
        try validate(labels: labels, scores: scores, probabilities: false)
        return averagePrecision(labels: labels, scores: scores, descending: descending(scores))
    }

    /// Average precision given the decreasing order of validated scores.
    static func averagePrecision(labels: [Double], scores: [Double], descending order: [Int]) -> Double {
        let totalPositives = labels.reduce(0, +)
        var ap = 0.0, previousRecall = 0.0
        forEachThreshold(labels: labels, scores: scores, descending: order) { truePositives, flagged, _ in
            let recall = truePositives / totalPositives
            ap += (recall - previousRecall) * (truePositives / flagged)
            previousRecall = recall
        }
        return ap
    }

    /// Mean squared difference between probability and label.
    public static func brierScore(labels: [Double], probabilities: [Double]) throws -> Double {
        try validate(labels: labels, scores: probabilities, probabilities: true, requireBothClasses: false)
        var s = 0.0
        for i in labels.indices { s += (probabilities[i] - labels[i]) * (probabilities[i] - labels[i]) }
        return s / Double(labels.count)
    }

    /// Mean negative log-likelihood with probabilities clipped to [ε, 1 − ε].
    public static func logLoss(labels: [Double], probabilities: [Double]) throws -> Double {
        try validate(labels: labels, scores: probabilities, probabilities: true, requireBothClasses: false)
        let eps = logLossEpsilon
        var s = 0.0
        for i in labels.indices {
            let p = min(max(probabilities[i], eps), 1 - eps)
            s -= labels[i] == 1 ? log(p) : log(1 - p)
        }
        return s / Double(labels.count)
    }

    /// Late rate in the top `topFraction` of scores (⌈n·fraction⌉ rows, ties by row order)
    /// divided by the overall late rate.
    public static func lift(labels: [Double], scores: [Double], topFraction: Double) throws -> Double {
        try validate(labels: labels, scores: scores, probabilities: false)
        guard topFraction > 0, topFraction <= 1 else { throw ModelError.undefinedMetric("lift: top fraction must be in (0, 1]") }
        return lift(labels: labels, topFraction: topFraction, descending: descending(scores))
    }

    /// Lift given the decreasing order of validated scores and a fraction in (0, 1].
    static func lift(labels: [Double], topFraction: Double, descending order: [Int]) -> Double {
        let k = max(1, Int((Double(labels.count) * topFraction).rounded(.up)))
        let top = order.prefix(k).reduce(0.0) { $0 + labels[$1] } / Double(k)
        return top / (labels.reduce(0, +) / Double(labels.count))
    }

    /// Equal-count bins of predicted probability: count, mean prediction, observed late rate.
    public static func reliabilityTable(labels: [Double], probabilities: [Double], bins: Int = 10) throws -> [ReliabilityBin] {
        try validate(labels: labels, scores: probabilities, probabilities: true, requireBothClasses: false)
        guard bins >= 1, bins <= labels.count else {
            throw ModelError.undefinedMetric("reliability table: \(bins) bins for \(labels.count) rows")
        }
        return reliabilityTable(labels: labels, probabilities: probabilities, bins: bins, ascending: ascending(probabilities))
    }

    /// Reliability table given the increasing order of validated probabilities and 1 ≤ bins ≤ n.
    static func reliabilityTable(labels: [Double], probabilities: [Double], bins: Int, ascending order: [Int]) -> [ReliabilityBin] {
        let n = labels.count
        return (0..<bins).map { b in
            let lo = b * n / bins, hi = (b + 1) * n / bins
            var predicted = 0.0, observed = 0.0
            for k in lo..<hi { predicted += probabilities[order[k]]; observed += labels[order[k]] }
            let c = Double(hi - lo)
            return ReliabilityBin(count: hi - lo, meanPredicted: predicted / c, observedRate: observed / c)
        }
    }

    /// Every ROC point, from (0, 0) through one point per distinct score to (1, 1).
    public static func rocCurve(labels: [Double], scores: [Double]) throws -> [ROCPoint] {
        try validate(labels: labels, scores: scores, probabilities: false)
        return rocCurve(labels: labels, scores: scores, descending: descending(scores))
    }

    /// The ROC curve given the decreasing order of validated scores.
    static func rocCurve(labels: [Double], scores: [Double], descending order: [Int]) -> [ROCPoint] {
        let p = labels.reduce(0, +), n = Double(labels.count) - p
        var points = [ROCPoint(falsePositiveRate: 0, truePositiveRate: 0, threshold: nil)]
        forEachThreshold(labels: labels, scores: scores, descending: order) { tp, all, threshold in
            points.append(ROCPoint(falsePositiveRate: (all - tp) / n, truePositiveRate: tp / p, threshold: threshold))
        }
        return points
    }

    /// At most `limit` points, evenly spread over the curve, always keeping both ends.
    public static func thin(_ points: [ROCPoint], to limit: Int) -> [ROCPoint] {
        guard limit >= 2, points.count > limit else { return points }
        let last = points.count - 1
        var kept: [Int] = []
        for k in 0..<limit {
            let index = Int((Double(k) * Double(last) / Double(limit - 1)).rounded())
            if kept.last != index { kept.append(index) }
        }
        return kept.map { points[$0] }
    }

    // MARK: - Shared machinery

    /// Walks distinct scores from highest to lowest, reporting cumulative (true positives, flagged)
    /// after all rows with that score are flagged.
    static func forEachThreshold(labels: [Double], scores: [Double], descending order: [Int], _ body: (Double, Double, Double) -> Void) {
        var tp = 0.0, flagged = 0.0
        var k = 0
        while k < order.count {
            let threshold = scores[order[k]]
            while k < order.count && scores[order[k]] == threshold {
                tp += labels[order[k]]
                flagged += 1
                k += 1
            }
            body(tp, flagged, threshold)
        }
    }

    /// Row indices by increasing score, ties by row order.
    static func ascending(_ scores: [Double]) -> [Int] {
        ScoreOrder(scores).ascending
    }

    /// Row indices by decreasing score, ties by row order.
    static func descending(_ scores: [Double]) -> [Int] {
        ScoreOrder(scores).descending
    }

    static func validate(labels: [Double], scores: [Double], probabilities: Bool, requireBothClasses: Bool = true) throws {
        guard labels.count == scores.count else {
            throw ModelError.dimensionMismatch("\(labels.count) labels for \(scores.count) predictions")
        }
        guard !labels.isEmpty else { throw ModelError.undefinedMetric("no rows to evaluate") }
        var positives = 0
        for i in labels.indices {
            guard labels[i] == 0 || labels[i] == 1 else { throw ModelError.invalidLabel(row: i + 1, value: labels[i]) }
            if labels[i] == 1 { positives += 1 }
            guard scores[i].isFinite, !probabilities || (scores[i] >= 0 && scores[i] <= 1) else {
                throw ModelError.undefinedMetric("row \(i + 1): prediction: \(scores[i]) is not a probability")
            }
        }
        if requireBothClasses && (positives == 0 || positives == labels.count) {
            throw ModelError.undefinedMetric("ranking metrics need both late and on-time rows; all \(labels.count) rows are \(positives == 0 ? "on time" : "late")")
        }
    }
}
