/// One row of a reliability (calibration) table: test invoices grouped by predicted probability,
/// how many there were, their mean prediction and how often they were late.
///
/// A well-calibrated model has `observedRate ≈ meanPredicted` in every bin: among invoices given
/// 30 %, about 30 % are paid late. That is what lets a finance user read p_late as a probability.
/// `lower`/`upper` are the bin's probability bounds for fixed-width bins; they are nil for
/// equal-count (quantile) bins such as `RelanceModels.ReliabilityBin`'s, whose counts are all
/// alike, and the chart then draws no count bars. (Named apart from `ReliabilityBin` so both
/// modules can be imported together.)
public struct CalibrationBin: Sendable, Codable, Equatable {
    public var lower: Double?
    public var upper: Double?
    public var count: Int
    public var meanPredicted: Double
    public var observedRate: Double

    public init(lower: Double? = nil, upper: Double? = nil, count: Int, meanPredicted: Double, observedRate: Double) {
        self.lower = lower
        self.upper = upper
        self.count = count
        self.meanPredicted = meanPredicted
        self.observedRate = observedRate
    }
}
