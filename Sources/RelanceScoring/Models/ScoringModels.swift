import RelanceFeatures

/// Everything `relance score` needs from a trained bundle, as plain values: the late-payment model
/// (and its optional Platt calibrator), the optional severe-delay model for invoices already past
/// due, the optional anomaly detector, the feature options the models were trained with, and the
/// training distributions the drift check compares today's rows with.
///
/// Scoring depends on this value, not on the bundle's file layout, so the bundle can change how it
/// stores things without touching scoring. Build it from a bundle (`ScoringModels(bundle)`), or
/// directly in tests.
///
/// **Why two probability models.** The late-payment model answers "will this invoice be paid after
/// its due date + grace?", asked on the day it was issued. Once an invoice is past due + grace it
/// *is* late, so that question has nothing left to say. For those invoices the list shows the
/// severe-delay model instead: "will it still be unpaid `severeDelayDays` days past due?", trained
/// with the same feature code on rows taken at the landmark day due + grace + 1 (features as of
/// that day: only what was known then). See ``ScoreBasis``.
public struct ScoringModels: Sendable {
    /// The feature schema the models were trained on (names, order and version).
    public var featureSchema: FeatureSchema
    /// The feature options used for training; scoring must compute features the same way.
    public var featureOptions: FeatureOptions
    /// P(paid after due + grace), fitted on rows described as of their issue day.
    public var latePayment: LogisticModel
    /// Re-calibration of ``latePayment``'s probabilities (held-out Platt scaling), if trained.
    public var latePaymentCalibration: PlattCalibrator?
    /// P(still unpaid ``severeDelayDays`` after the due date | unpaid at due + grace + 1).
    public var severeDelay: LogisticModel?
    public var severeDelayCalibration: PlattCalibrator?
    /// The severe-delay horizon in days past the due date (30 by default).
    public var severeDelayDays: Int
    /// The anomaly detector (robust profile + rules); nil scores every invoice 0 with no flags.
    public var anomalyDetector: AnomalyDetector?
    /// Options of the anomaly features the detector was fitted on.
    public var anomalyFeatureOptions: AnomalyFeatureOptions
    /// Training distribution of each late-payment feature (schema order), for the drift check.
    public var latePaymentDistribution: [FeatureDistribution]?
    /// Training distribution of each severe-delay feature (rows at the landmark day), if stored.
    public var severeDelayDistribution: [FeatureDistribution]?

    public init(
        featureSchema: FeatureSchema = .paymentBehaviour, featureOptions: FeatureOptions = FeatureOptions(),
        latePayment: LogisticModel, latePaymentCalibration: PlattCalibrator? = nil,
        severeDelay: LogisticModel? = nil, severeDelayCalibration: PlattCalibrator? = nil,
        severeDelayDays: Int = 30, anomalyDetector: AnomalyDetector? = nil,
        anomalyFeatureOptions: AnomalyFeatureOptions = AnomalyFeatureOptions(),
        latePaymentDistribution: [FeatureDistribution]? = nil, severeDelayDistribution: [FeatureDistribution]? = nil
    ) {
        self.featureSchema = featureSchema
        self.featureOptions = featureOptions
        self.latePayment = latePayment
        self.latePaymentCalibration = latePaymentCalibration
        self.severeDelay = severeDelay
        self.severeDelayCalibration = severeDelayCalibration
        self.severeDelayDays = severeDelayDays
        self.anomalyDetector = anomalyDetector
        self.anomalyFeatureOptions = anomalyFeatureOptions
        self.latePaymentDistribution = latePaymentDistribution
        self.severeDelayDistribution = severeDelayDistribution
    }

    /// Refuses models that the feature code of this build cannot feed: a schema version or a
    /// feature list that differs from `current` (normally ``FeatureSchema/paymentBehaviour``), a
    /// model whose features differ from the schema, an anomaly detector fitted on other anomaly
    /// features, or a stored distribution that does not describe the schema.
    public func checkCompatible(with current: FeatureSchema = .paymentBehaviour) throws {
        guard featureSchema.version == current.version else {
            throw ScoringError.schemaVersionMismatch(bundle: featureSchema.version, supported: current.version)
        }
        if let problem = Self.firstDifference(featureSchema.names, current.names) {
            throw ScoringError.featureMismatch(model: "feature schema", problem: problem)
        }
        if let problem = Self.firstDifference(latePayment.featureNames, current.names) {
            throw ScoringError.featureMismatch(model: "late-payment model", problem: problem)
        }
        if let severe = severeDelay, let problem = Self.firstDifference(severe.featureNames, current.names) {
            throw ScoringError.featureMismatch(model: "severe-delay model", problem: problem)
        }
        if let detector = anomalyDetector, let problem = Self.firstDifference(detector.featureNames, AnomalyFeatures.names) {
            throw ScoringError.featureMismatch(model: "anomaly detector", problem: problem)
        }
        guard severeDelayDays > featureOptions.graceDays else {
            throw ScoringError.invalidModels("the severe-delay horizon (\(severeDelayDays) days) must be longer than the grace period (\(featureOptions.graceDays) days)")
        }
        for (label, distribution) in [("late-payment", latePaymentDistribution), ("severe-delay", severeDelayDistribution)] {
            guard let distribution else { continue }
            if let problem = Self.firstDifference(distribution.map(\.name), current.names) {
                throw ScoringError.featureMismatch(model: "\(label) training distribution", problem: problem)
            }
            if let problem = distribution.lazy.compactMap(\.validationProblem).first {
                throw ScoringError.invalidModels("\(label) training distribution: \(problem)")
            }
        }
    }

    /// Where two name lists first differ, in words, or nil when they are equal.
    static func firstDifference(_ found: [String], _ expected: [String]) -> String? {
        for i in 0..<max(found.count, expected.count) {
            let e = i < expected.count ? expected[i] : nil, f = i < found.count ? found[i] : nil
            if e == f { continue }
            switch (e, f) {
            case let (e?, f?): return "feature \(i + 1) is '\(f)' where this version expects '\(e)'"
            case let (e?, nil): return "feature \(i + 1) '\(e)' is missing"
            case let (nil, f?): return "feature \(i + 1) '\(f)' is unknown to this version"
            case (nil, nil): break
            }
        }
        return nil
    }
}
