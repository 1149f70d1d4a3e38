/// One row of a reliability (calibration) table: rows grouped by predicted probability.
///
/// A calibrated model has `meanPredicted ≈ observedRate` in every bin.
public struct ReliabilityBin: Codable, Sendable, Equatable {
    public var count: Int
    public var meanPredicted: Double
    public var observedRate: Double

    public init(count: Int, meanPredicted: Double, observedRate: Double) {
        self.count = count
        self.meanPredicted = meanPredicted
        self.observedRate = observedRate
    }
}
