/// The training distributions of a bundle's models, feature by feature (schema order), so that
/// scoring can run a drift check (population stability index) without the training data.
///
/// Each is counted on the **newest** ``newestShare`` (20 %) of the model's training rows — by
/// issue day for the late-payment model, by landmark day (due + grace + 1) for the severe-delay
/// model — with ``FeatureDistribution/defaultBins`` quantile bins. Why not every training row: a
/// history's early rows describe customers with little past (few paid invoices, small maxima,
/// short tenure), so against the whole history every feature that grows with the history's age
/// would "drift" every day. The newest rows are what the book looked like when the model was
/// trained, which is the comparison a drift check is for.
public struct TrainingDistributions: Codable, Sendable, Equatable {
    /// Share of the newest training rows the distributions were counted on.
    public var newestShare: Double
    public var latePayment: [FeatureDistribution]
    public var severeDelay: [FeatureDistribution]?

    public static let defaultNewestShare = 0.2

    public init(newestShare: Double = defaultNewestShare, latePayment: [FeatureDistribution], severeDelay: [FeatureDistribution]?) {
        self.newestShare = newestShare
        self.latePayment = latePayment
        self.severeDelay = severeDelay
    }

    /// The matrix rows of the newest `share` of `count` rows ordered by day (at least one row).
    public static func newestRows(count: Int, share: Double = defaultNewestShare) -> Range<Int> {
        let k = min(count, max(1, Int((Double(count) * share).rounded(.up))))
        return (count - k)..<count
    }
}
