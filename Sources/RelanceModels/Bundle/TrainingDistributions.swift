/// The training distributions of a bundle's models, feature by feature (schema order), so that
/// scoring can run a drift check (population stability index) without the training data.
///
/// `latePayment` describes the late-payment model's training rows (as of their issue days);
/// `severeDelay` the severe-delay model's landmark rows (as of due + grace + 1), when that model
/// was trained. Bins are ``FeatureDistribution/defaultBins`` training quantiles.
public struct TrainingDistributions: Codable, Sendable, Equatable {
    public var latePayment: [FeatureDistribution]
    public var severeDelay: [FeatureDistribution]?

    public init(latePayment: [FeatureDistribution], severeDelay: [FeatureDistribution]?) {
        self.latePayment = latePayment
        self.severeDelay = severeDelay
    }
}
