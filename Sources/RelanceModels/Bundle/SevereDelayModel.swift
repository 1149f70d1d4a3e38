/// The second model of a bundle: for an invoice already overdue, the probability that it is still
/// unpaid ``severeAfterDays`` days after its due date.
///
/// Rows are landmarks: an invoice not paid by `due + grace` is described as of its landmark day
/// `due + grace + 1` (through the same ``PointInTimeFeatureBuilder`` path as every other row, so
/// only what was known that day enters), and labelled severe when paid after `due + severeAfterDays`
/// or still open at the as-of day past that; paid earlier is not severe; open and not yet past it
/// is unknown (censored, left out). Scoring applies it to invoices that are overdue today.
public struct SevereDelayModel: Codable, Sendable {
    /// Days after the due date from which an unpaid invoice counts as severe (default 30).
    public var severeAfterDays: Int
    public var model: LogisticModel
    public var calibrator: PlattCalibrator?

    public init(severeAfterDays: Int, model: LogisticModel, calibrator: PlattCalibrator?) {
        self.severeAfterDays = severeAfterDays
        self.model = model
        self.calibrator = calibrator
    }
}
