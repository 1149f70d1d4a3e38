/// The chi-square distribution with k degrees of freedom: the law of the squared Mahalanobis
/// distance of a k-dimensional Gaussian point from its mean.
///
/// The anomaly detector uses ``cdf(_:)`` as the robust score (the share of a Gaussian population
/// that would be closer to the centre) and ``quantile(_:)`` for thresholds: a squared distance above
/// `quantile(0.999)` is rarer than 1 in 1000 under the model. MCD's consistency factor and
/// reweighting also need `quantile` (χ²ₖ median, 0.975 quantile) and the CDF with k + 2 degrees.
public struct ChiSquaredDistribution: Sendable, Codable, Equatable {
    public let degreesOfFreedom: Double

    public init(degreesOfFreedom: Double) {
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// P[X ≤ x].
    public func cdf(_ x: Double) -> Double {
        if x <= 0 { return 0 }
        return IncompleteGamma.regularizedLower(degreesOfFreedom / 2, x / 2)
    }

    /// P[X > x] = 1 − cdf(x), computed directly so tiny tail probabilities keep their precision.
    public func survival(_ x: Double) -> Double {
        if x <= 0 { return 1 }
        return IncompleteGamma.regularizedUpper(degreesOfFreedom / 2, x / 2)
    }

    /// (cdf(x), survival(x)) from one incomplete-gamma evaluation, bit for bit the values of the two
    /// separate calls: the anomaly detector needs both for every invoice.
    public func cdfAndSurvival(_ x: Double) -> (cdf: Double, survival: Double) {
        if x <= 0 { return (0, 1) }
        let b = IncompleteGamma.regularizedBoth(degreesOfFreedom / 2, x / 2, logGammaA: gammaLgamma(degreesOfFreedom / 2))
        return (b.lower, b.upper)
    }

    /// Density at x (for the Newton steps of ``quantile(_:)``).
    public func density(_ x: Double) -> Double {
        guard x > 0 else { return 0 }
        let a = degreesOfFreedom / 2
        return gammaExp((a - 1) * gammaLog(x / 2) - x / 2 - gammaLgamma(a)) / 2
    }

    /// The x with P[X ≤ x] = probability, for 0 < probability < 1 (0 and ∞ at the ends, NaN outside).
    ///
    /// Bracketing plus safeguarded Newton; for probabilities above 1/2 it solves on the survival
    /// function so a quantile like 0.9999 is as precise as a median.
    public func quantile(_ probability: Double) -> Double {
        guard probability >= 0, probability <= 1, degreesOfFreedom > 0 else { return .nan }
        if probability == 0 { return 0 }
        if probability == 1 { return .infinity }
        let upper = probability > 0.5
        let target = upper ? 1 - probability : probability
        // f(x) increasing in x, zero at the quantile.
        func f(_ x: Double) -> Double { upper ? target - survival(x) : cdf(x) - target }
        var lo = 0.0
        var hi = max(1.0, degreesOfFreedom)
        while f(hi) < 0 { lo = hi; hi *= 2; if hi > 1e300 { return .infinity } }
        var x = 0.5 * (lo + hi)
        for _ in 0..<300 {
            let fx = f(x)
            if fx == 0 { return x }
            if fx < 0 { lo = x } else { hi = x }
            let slope = density(x)
            var next = slope > 0 ? x - fx / slope : .nan
            if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }
            if abs(next - x) <= 1e-15 * max(1, x) { x = next; break }
            x = next
            if hi - lo <= 1e-15 * max(1, hi) { break }
        }
        return x
    }
}
