/// One row of a reliability (calibration) table: test invoices whose predicted probability fell
/// in `[lower, upper)`, how many there were, their mean prediction and how often they were late.
///
/// A well-calibrated model has `observedRate ≈ meanPredicted` in every bin: among invoices given
/// 30 %, about 30 % are paid late. That is what lets a finance user read p_late as a probability.
public struct ReliabilityBin: Sendable, Codable, Equatable {
    public var lower: Double
    public var upper: Double
    public var count: Int
    public var meanPredicted: Double
    public var observedRate: Double

    public init(lower: Double, upper: Double, count: Int, meanPredicted: Double, observedRate: Double) {
        self.lower = lower
        self.upper = upper
        self.count = count
        self.meanPredicted = meanPredicted
        self.observedRate = observedRate
    }
}
