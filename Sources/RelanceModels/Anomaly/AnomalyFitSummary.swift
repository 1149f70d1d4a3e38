/// How an anomaly detector's robust part was fitted, for the model report.
public struct AnomalyFitSummary: Sendable, Codable, Equatable {
    /// Rows of the training matrix.
    public var rows: Int
    /// Rows the robust estimate was searched on (a seeded sample when `rows` is large).
    public var fitRows: Int
    /// h, the raw MCD support size.
    public var supportSize: Int
    /// Rows kept by the reweighting step.
    public var reweightedSupportSize: Int
    /// log det of the raw MCD scatter (standardised units).
    public var rawLogDeterminant: Double
    /// Consistency factor applied to the raw scatter.
    public var consistencyFactor: Double
    /// Eigenvalues of the final scatter raised by the floor (flat directions of the core).
    public var raisedEigenvalues: Int
    /// Concentration steps run in total.
    public var concentrationSteps: Int
    /// Share of the fit rows at or above the `unusual_profile` threshold.
    public var unusualProfileShare: Double
}
