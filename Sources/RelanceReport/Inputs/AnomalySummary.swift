/// The anomaly detector's score distribution on the scored invoices and the flagging threshold.
public struct AnomalySummary: Sendable, Codable, Equatable {
    /// Scores (e.g. robust Mahalanobis distances) binned.
    public var scores: BinnedDistribution
    public var threshold: Double
    /// Invoices at or above the threshold.
    public var flaggedCount: Int
    /// What the score is, in plain words (axis title), e.g. "Robust distance from usual invoices".
    public var scoreDescription: String?

    public init(scores: BinnedDistribution, threshold: Double, flaggedCount: Int, scoreDescription: String? = nil) {
        self.scores = scores
        self.threshold = threshold
        self.flaggedCount = flaggedCount
        self.scoreDescription = scoreDescription
    }
}
