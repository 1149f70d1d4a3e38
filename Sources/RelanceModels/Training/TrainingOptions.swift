import RelanceData
import RelanceFeatures

/// What `relance train` fits and how: the as-of day, the feature knobs, the penalty and the
/// time-based hold-outs.
///
/// Everything that changes the fitted bundle lives here, so the same options on the same data
/// always give the same bundle (no wall-clock time or randomness enters).
public struct TrainingOptions: Sendable, Equatable {
    /// The day the history is known up to (inclusive): later issues, payments and events are ignored.
    public var asOf: Day
    /// Point-in-time feature knobs (grace days above all); stored in the bundle for scoring.
    public var features: FeatureOptions
    /// λ of both logistic models (see ``LogisticOptions``).
    public var l2: Double
    /// Share of the labelled rows, the most recently issued ones, held out for evaluation.
    public var holdOutFraction: Double
    /// Share of the training rows, the most recent ones, held out to decide and fit Platt calibration.
    public var calibrationFraction: Double
    /// An overdue invoice is "severe" when still unpaid this many days after its due date.
    public var severeAfterDays: Int
    /// Anomaly detector settings (feature options included).
    public var anomaly: AnomalyDetectorOptions
    /// Invoice ids known to be anomalous (the generator's ground truth), only for validation:
    /// when given, the anomaly detector's ROC-AUC and PR-AUC against them are reported.
    public var anomalyTruth: Set<String>?

    public init(
        asOf: Day, features: FeatureOptions = FeatureOptions(), l2: Double = 1.0, holdOutFraction: Double = 0.2,
        calibrationFraction: Double = 0.2, severeAfterDays: Int = 30,
        anomaly: AnomalyDetectorOptions = AnomalyDetectorOptions(), anomalyTruth: Set<String>? = nil
    ) {
        self.asOf = asOf
        self.features = features
        self.l2 = l2
        self.holdOutFraction = holdOutFraction
        self.calibrationFraction = calibrationFraction
        self.severeAfterDays = severeAfterDays
        self.anomaly = anomaly
        self.anomalyTruth = anomalyTruth
    }

    /// A description of the first option that cannot work, or nil.
    func validationProblem() -> String? {
        if asOf.isMissing { return "the as-of day is missing" }
        if !(l2.isFinite && l2 >= 0) { return "--l2 must be a finite number ≥ 0, got \(l2)" }
        if !(holdOutFraction > 0 && holdOutFraction < 1) { return "hold-out fraction must be in (0, 1), got \(holdOutFraction)" }
        if !(calibrationFraction > 0 && calibrationFraction < 1) {
            return "calibration fraction must be in (0, 1), got \(calibrationFraction)"
        }
        if severeAfterDays < 1 || severeAfterDays > 3650 { return "severe delay must be between 1 and 3650 days" }
        if features.graceDays < 0 || features.graceDays > 3650 { return "--grace-days must be between 0 and 3650" }
        return nil
    }
}
