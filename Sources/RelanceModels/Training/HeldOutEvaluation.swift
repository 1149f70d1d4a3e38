/// How a model did on the most recent labelled rows it never saw, next to a naive baseline.
///
/// The model scored here is fitted on the training rows only (issued before the test rows); the
/// bundle's model is then refitted on every labelled row. `model` holds the metrics of the
/// probabilities the bundle delivers (calibrated when ``CalibrationDecision/applied``),
/// `uncalibrated` those of the raw model when calibration was applied. The baseline scores each row
/// with the customer's prior late share (`late_share_shrunk`, known at the row's as-of day).
public struct HeldOutEvaluation: Codable, Sendable, Equatable {
    /// Issue days (landmark days for the severe-delay model) of the training and test rows.
    public var trainWindow: TrainingWindow
    public var testWindow: TrainingWindow
    public var model: BinaryClassificationMetrics
    public var uncalibrated: BinaryClassificationMetrics?
    /// The delivered probabilities on the matured held-out rows only: those whose outcome was bound
    /// to be known at the as-of day (due + grace, or due + 30 for severe delay, before it). The
    /// newest held-out rows are labelled only when already paid or already overdue, which skews
    /// them towards on time; this slice is free of that and is the one to read calibration on.
    /// Nil when fewer than 10 such rows or only one class.
    public var matured: BinaryClassificationMetrics?
    /// Log loss of the uncalibrated model on the matured rows (when calibration was applied).
    public var maturedUncalibratedLogLoss: Double?
    public var baseline: BinaryClassificationMetrics
    public var calibration: CalibrationDecision
    /// Mean log loss of the final (refitted) model over every labelled row.
    public var trainLogLoss: Double
    /// λ, Newton iterations and convergence of the final fit.
    public var l2: Double
    public var iterations: Int
    public var converged: Bool

    public init(
        trainWindow: TrainingWindow, testWindow: TrainingWindow, model: BinaryClassificationMetrics,
        uncalibrated: BinaryClassificationMetrics?, matured: BinaryClassificationMetrics?,
        maturedUncalibratedLogLoss: Double?, baseline: BinaryClassificationMetrics,
        calibration: CalibrationDecision, trainLogLoss: Double, l2: Double, iterations: Int, converged: Bool
    ) {
        self.trainWindow = trainWindow
        self.testWindow = testWindow
        self.model = model
        self.uncalibrated = uncalibrated
        self.matured = matured
        self.maturedUncalibratedLogLoss = maturedUncalibratedLogLoss
        self.baseline = baseline
        self.calibration = calibration
        self.trainLogLoss = trainLogLoss
        self.l2 = l2
        self.iterations = iterations
        self.converged = converged
    }

    public var trainRows: Int { trainWindow.rows }
    public var testRows: Int { testWindow.rows }
}
