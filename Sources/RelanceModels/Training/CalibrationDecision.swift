/// Whether Platt calibration was applied to a model's probabilities, and the evidence for it.
///
/// The decision never looks at the test rows. The most recent ``TrainingOptions/calibrationFraction``
/// of the training rows are set aside; a model is fitted on the earlier training rows and scores
/// them. Platt scaling is fitted on the first (older) half of that slice and judged on the second
/// (newer) half: it is kept only when it lowers the log loss there, because a Platt fit judged on
/// its own rows always looks like an improvement. When kept, it is refitted on the whole slice.
public struct CalibrationDecision: Codable, Sendable, Equatable {
    /// Whether the bundle's probabilities go through the calibrator.
    public var applied: Bool
    /// Rows of the calibration slice (older half fits, newer half judges).
    public var sliceRows: Int
    /// Log loss on the judging half without and with the candidate calibration (nil when it could not be computed).
    public var checkLogLossBefore: Double?
    public var checkLogLossAfter: Double?
    /// The calibrator fitted on the whole slice (present when applied).
    public var calibrator: PlattCalibrator?
    /// Why it was (not) applied, in one sentence.
    public var reason: String

    public init(
        applied: Bool, sliceRows: Int, checkLogLossBefore: Double?, checkLogLossAfter: Double?,
        calibrator: PlattCalibrator?, reason: String
    ) {
        self.applied = applied
        self.sliceRows = sliceRows
        self.checkLogLossBefore = checkLogLossBefore
        self.checkLogLossAfter = checkLogLossAfter
        self.calibrator = calibrator
        self.reason = reason
    }
}
