import RelanceData

/// Everything the model section of the report shows, as plain values the lead fills from the
/// model bundle: how the model was trained, how it scores against a naive baseline on the
/// time-based test split, and why it says what it says.
///
/// Kept independent of the model types on purpose: the report renders what it is given and
/// computes nothing about the model, so it cannot drift from the bundle's own figures.
public struct ModelReportInput: Sendable, Codable, Equatable {
    /// First and last issue day of the training window.
    public var trainFrom: Day
    public var trainTo: Day
    /// First and last issue day of the test window (after the training window), when known.
    public var testFrom: Day?
    public var testTo: Day?
    public var trainCount: Int
    public var testCount: Int
    /// Share of test invoices that were paid late.
    public var testLateRate: Double?
    /// Model version or bundle id, shown in the header of the section.
    public var modelVersion: String?
    public var model: ClassifierMetrics
    public var baseline: ClassifierMetrics
    /// What the naive baseline is, in plain words (shown in the legend and the metrics table),
    /// e.g. "customer's past late rate".
    public var baselineDescription: String
    public var rocModel: [ChartPoint]
    public var rocBaseline: [ChartPoint]
    public var reliability: [CalibrationBin]
    /// Predicted probabilities of test invoices that were paid late / on time, over common bins.
    public var scoresLate: BinnedDistribution
    public var scoresOnTime: BinnedDistribution
    public var coefficients: [CoefficientRow]
    public var intercept: Double?
    public var anomaly: AnomalySummary?
    public var convergence: ConvergenceSummary

    public init(trainFrom: Day, trainTo: Day, testFrom: Day? = nil, testTo: Day? = nil, trainCount: Int,
                testCount: Int, testLateRate: Double? = nil, modelVersion: String? = nil,
                model: ClassifierMetrics, baseline: ClassifierMetrics, baselineDescription: String,
                rocModel: [ChartPoint], rocBaseline: [ChartPoint], reliability: [CalibrationBin],
                scoresLate: BinnedDistribution, scoresOnTime: BinnedDistribution,
                coefficients: [CoefficientRow], intercept: Double? = nil, anomaly: AnomalySummary? = nil,
                convergence: ConvergenceSummary) {
        self.trainFrom = trainFrom
        self.trainTo = trainTo
        self.testFrom = testFrom
        self.testTo = testTo
        self.trainCount = trainCount
        self.testCount = testCount
        self.testLateRate = testLateRate
        self.modelVersion = modelVersion
        self.model = model
        self.baseline = baseline
        self.baselineDescription = baselineDescription
        self.rocModel = rocModel
        self.rocBaseline = rocBaseline
        self.reliability = reliability
        self.scoresLate = scoresLate
        self.scoresOnTime = scoresOnTime
        self.coefficients = coefficients
        self.intercept = intercept
        self.anomaly = anomaly
        self.convergence = convergence
    }
}
