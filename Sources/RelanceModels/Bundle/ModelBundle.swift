import Foundation
import LinearAlgebra
import RelanceData
import RelanceFeatures

/// Everything `relance train` produces, in one versioned, self-describing JSON file (`model.json`)
/// beside a short human-readable model card (`MODEL_CARD.md`).
///
/// A bundle holds the late-payment model (and its Platt calibrator when calibration helped), the
/// severe-delay model for overdue invoices, the anomaly detector, the feature schema and options
/// they were computed with, the training window, a fingerprint of the data and the held-out
/// metrics. Scoring loads it with ``load(from:)``, which refuses a bundle of another format version
/// or whose feature schema differs from what this build computes, so a model is never applied to
/// columns that mean something else.
///
/// Bundles are reproducible: the same data and options give byte-identical files. `createdAt` is
/// therefore the as-of day, not the wall-clock time of the run.
public struct ModelBundle: Codable, Sendable {
    /// The format this build writes and reads. Bump when a field changes meaning.
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    /// The relance version that trained it (e.g. `0.1.0`).
    public var relanceVersion: String
    /// The day the bundle describes (the as-of day, ISO), for reproducibility.
    public var createdAt: String
    /// The history was used as known at the end of this day.
    public var asOf: Day
    public var graceDays: Int
    /// The point-in-time feature options; scoring must build features with the same ones.
    public var featureOptions: FeatureOptions
    /// Issue days of the late-payment model's labelled rows.
    public var trainingWindow: TrainingWindow
    public var dataFingerprint: DataFingerprint
    /// Names, meanings and version of the payment-behaviour columns; standardisation (means and
    /// standard deviations) is in each model's `standardisation`, in this order.
    public var featureSchema: FeatureSchema
    public var lateModel: LogisticModel
    public var lateCalibrator: PlattCalibrator?
    public var severeDelay: SevereDelayModel?
    public var anomalyFeatureNames: [String]
    public var anomaly: AnomalyDetector
    public var metrics: BundleMetrics
    /// Per-feature training bins and proportions for the drift check at scoring time (optional:
    /// a bundle without them scores, but without a drift check).
    public var trainingDistributions: TrainingDistributions? = nil

    public init(
        relanceVersion: String, asOf: Day, featureOptions: FeatureOptions, trainingWindow: TrainingWindow,
        dataFingerprint: DataFingerprint, featureSchema: FeatureSchema, lateModel: LogisticModel,
        lateCalibrator: PlattCalibrator?, severeDelay: SevereDelayModel?, anomalyFeatureNames: [String],
        anomaly: AnomalyDetector, metrics: BundleMetrics
    ) {
        formatVersion = Self.currentFormatVersion
        self.relanceVersion = relanceVersion
        createdAt = asOf.iso
        self.asOf = asOf
        graceDays = featureOptions.graceDays
        self.featureOptions = featureOptions
        self.trainingWindow = trainingWindow
        self.dataFingerprint = dataFingerprint
        self.featureSchema = featureSchema
        self.lateModel = lateModel
        self.lateCalibrator = lateCalibrator
        self.severeDelay = severeDelay
        self.anomalyFeatureNames = anomalyFeatureNames
        self.anomaly = anomaly
        self.metrics = metrics
    }

    /// Probability of late payment for raw payment-behaviour rows (columns in ``featureSchema``
    /// order), calibrated when the bundle carries a calibrator.
    public func latePaymentProbabilities(for x: DenseMatrix, featureNames: [String]) throws -> [Double] {
        let eta = try lateModel.linearPredictor(for: x, featureNames: featureNames)
        if let c = lateCalibrator { return c.probabilities(linearPredictors: eta) }
        return eta.map { 1 / (1 + exp(-$0)) }
    }

    /// Probability that an overdue invoice is still unpaid ``SevereDelayModel/severeAfterDays``
    /// after its due date, for rows computed at the landmark or scoring day; nil without the model.
    public func severeDelayProbabilities(for x: DenseMatrix, featureNames: [String]) throws -> [Double]? {
        guard let s = severeDelay else { return nil }
        let eta = try s.model.linearPredictor(for: x, featureNames: featureNames)
        if let c = s.calibrator { return c.probabilities(linearPredictors: eta) }
        return eta.map { 1 / (1 + exp(-$0)) }
    }
}
