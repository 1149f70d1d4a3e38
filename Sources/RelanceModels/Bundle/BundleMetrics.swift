/// Every figure of a training run that a report or a reviewer needs, stored in the bundle.
public struct BundleMetrics: Codable, Sendable {
    /// The late-payment model on its held-out rows.
    public var late: HeldOutEvaluation
    /// The severe-delay model on its held-out rows (nil when it could not be trained).
    public var severeDelay: HeldOutEvaluation?
    /// Why the severe-delay model is missing, when it is.
    public var severeDelaySkipped: String?
    public var anomaly: AnomalyEvaluation
    /// Labelled rows of each model (all of them, before the split).
    public var labelledRows: Int
    public var severeDelayLabelledRows: Int
    /// Invoices issued on or before the as-of day whose label was still unknown (censored).
    public var censoredRows: Int

    public init(
        late: HeldOutEvaluation, severeDelay: HeldOutEvaluation?, severeDelaySkipped: String?, anomaly: AnomalyEvaluation,
        labelledRows: Int, severeDelayLabelledRows: Int, censoredRows: Int
    ) {
        self.late = late
        self.severeDelay = severeDelay
        self.severeDelaySkipped = severeDelaySkipped
        self.anomaly = anomaly
        self.labelledRows = labelledRows
        self.severeDelayLabelledRows = severeDelayLabelledRows
        self.censoredRows = censoredRows
    }
}
