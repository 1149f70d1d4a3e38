/// One point of a ROC curve: the rates obtained when every row scoring at least `threshold` is
/// flagged late.
public struct ROCPoint: Codable, Sendable, Equatable {
    public var falsePositiveRate: Double
    public var truePositiveRate: Double
    /// The score cut-off; `nil` for the starting point (0, 0), where nothing is flagged
    /// (scikit-learn writes `inf` there, which JSON cannot hold).
    public var threshold: Double?

    public init(falsePositiveRate: Double, truePositiveRate: Double, threshold: Double?) {
        self.falsePositiveRate = falsePositiveRate
        self.truePositiveRate = truePositiveRate
        self.threshold = threshold
    }
}
