/// Test-set metrics of one late-payment classifier (the model, or the naive baseline it must beat).
///
/// All are computed on the time-based test split. Lower is better for ``brier`` and ``logLoss``,
/// higher for the others. ``liftTopDecile`` is the late rate among the 10 % highest-scored test
/// invoices divided by the overall late rate: how much better than random the team's first calls are.
public struct ClassifierMetrics: Sendable, Codable, Equatable {
    public var rocAUC: Double
    public var prAUC: Double
    public var brier: Double
    public var logLoss: Double
    public var liftTopDecile: Double

    public init(rocAUC: Double, prAUC: Double, brier: Double, logLoss: Double, liftTopDecile: Double) {
        self.rocAUC = rocAUC
        self.prAUC = prAUC
        self.brier = brier
        self.logLoss = logLoss
        self.liftTopDecile = liftTopDecile
    }

    enum CodingKeys: String, CodingKey {
        case rocAUC = "roc_auc", prAUC = "pr_auc", brier, logLoss = "log_loss", liftTopDecile = "lift_top_decile"
    }
}
