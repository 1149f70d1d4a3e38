/// What the anomaly detector did on the training history, and — only when ground truth was given
/// (`relance train --anomaly-truth`, for validation on generated data) — how well it ranks.
public struct AnomalyEvaluation: Codable, Sendable, Equatable {
    /// Invoices scored (every invoice issued on or before the as-of day).
    public var invoices: Int
    /// Invoices with at least one flag, and that share.
    public var flagged: Int
    public var flaggedShare: Double
    /// How many invoices each flag fired on, by flag name.
    public var flagCounts: [String: Int]
    /// Against the ground truth, when given.
    public var truth: AnomalyTruthMetrics?

    public init(invoices: Int, flagged: Int, flaggedShare: Double, flagCounts: [String: Int], truth: AnomalyTruthMetrics?) {
        self.invoices = invoices
        self.flagged = flagged
        self.flaggedShare = flaggedShare
        self.flagCounts = flagCounts
        self.truth = truth
    }
}

/// Ranking quality of the anomaly score against known anomalies. PR-AUC (average precision) is
/// the figure that matters: anomalies are rare, and ROC-AUC flatters a detector on rare classes.
public struct AnomalyTruthMetrics: Codable, Sendable, Equatable {
    /// Known anomalous invoices found in the scored history (ids of the truth file not in it are ignored).
    public var positives: Int
    public var rocAUC: Double
    public var prAUC: Double
    /// Recall among the flagged invoices, and precision of the flags.
    public var flagRecall: Double
    public var flagPrecision: Double

    public init(positives: Int, rocAUC: Double, prAUC: Double, flagRecall: Double, flagPrecision: Double) {
        self.positives = positives
        self.rocAUC = rocAUC
        self.prAUC = prAUC
        self.flagRecall = flagRecall
        self.flagPrecision = flagPrecision
    }
}
