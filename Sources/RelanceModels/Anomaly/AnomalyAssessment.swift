/// What the anomaly detector says about each row of a feature matrix.
///
/// All arrays have one entry per row, in the matrix's row order.
public struct AnomalyAssessment: Sendable, Equatable {
    /// Invoice ids of the rows (copied from the matrix, for output).
    public var invoiceIds: [String]
    /// Combined score in [0, 1]: noisy-or of the robust evidence and the rule weights (see
    /// ``AnomalyDetector``). Use it to rank; use ``flags`` to explain.
    public var anomalyScore: [Double]
    /// χ²ₚ CDF of the squared robust distance: the share of a Gaussian core that is closer.
    public var robustScore: [Double]
    /// Squared Mahalanobis distance under the robust location and scatter.
    public var squaredDistance: [Double]
    /// Whether the multivariate robust profile applied (the customer had enough earlier invoices).
    /// When false, ``robustScore`` and ``squaredDistance`` are 0, except for a customer's first
    /// invoice, which carries its one-dimensional first-invoice profile (see ``AnomalyDetector``).
    public var robustAssessed: [Bool]
    /// Noisy-or of the fired rules' weights.
    public var ruleScore: [Double]
    /// Readable flags: rule flags (`duplicate_of:INV-1`, `amount_12x_usual`, …) then
    /// `unusual_profile` when the robust score reaches the detector's threshold.
    public var flags: [[String]]

    public var count: Int { anomalyScore.count }
}
