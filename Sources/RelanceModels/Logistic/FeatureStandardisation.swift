/// Per-feature centring and scaling learned at fit time and re-applied to every scored row.
///
/// `sds` are population standard deviations (ddof = 0). A dropped constant feature keeps its
/// mean and has sd 0; its coefficient is 0 so it never contributes.
public struct FeatureStandardisation: Codable, Sendable, Equatable {
    public var means: [Double]
    public var sds: [Double]

    public init(means: [Double], sds: [Double]) {
        self.means = means
        self.sds = sds
    }

    /// zⱼ = (xⱼ − meanⱼ) / sdⱼ, and 0 for a feature with sd 0.
    public func standardise(_ value: Double, feature j: Int) -> Double {
        sds[j] > 0 ? (value - means[j]) / sds[j] : 0
    }
}
