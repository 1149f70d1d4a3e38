#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// The regularised incomplete gamma functions P(a, x) and Q(a, x) = 1 − P(a, x).
///
/// Needed for the chi-square distribution (χ²ₖ CDF at x is P(k/2, x/2)) that turns a squared
/// Mahalanobis distance into a score; written here rather than pulled from a dependency.
/// Method (Numerical Recipes §6.2): the power series for x < a + 1, where it converges fast and P is
/// not close to 1, and Lentz's continued fraction for Q otherwise, so each of P and Q is computed
/// directly where it is small and keeps its relative precision in the tails (Q ≈ 1e-300 is fine).
/// Agrees with scipy to ~1e-15 absolute on the committed fixture (test: `AnomalyChiSquaredTests`).
public enum IncompleteGamma {
    /// P(a, x) = γ(a, x) / Γ(a), for a > 0, x ≥ 0. NaN for invalid arguments.
    public static func regularizedLower(_ a: Double, _ x: Double) -> Double {
        guard a > 0, x >= 0, !x.isNaN else { return .nan }
        if x == 0 { return 0 }
        if x.isInfinite { return 1 }
        return x < a + 1 ? series(a, x) : 1 - continuedFraction(a, x)
    }

    /// Q(a, x) = Γ(a, x) / Γ(a) = 1 − P(a, x), accurate when small.
    public static func regularizedUpper(_ a: Double, _ x: Double) -> Double {
        guard a > 0, x >= 0, !x.isNaN else { return .nan }
        if x == 0 { return 1 }
        if x.isInfinite { return 0 }
        return x < a + 1 ? 1 - series(a, x) : continuedFraction(a, x)
    }

    /// (P(a, x), Q(a, x)) from one evaluation: the same values `regularizedLower` and
    /// `regularizedUpper` return (each computes one of the two and takes the other as 1 − it), for
    /// callers that need both, e.g. a score and its tail probability for every row.
    /// `logGammaA` must be `lgamma(a)` (hoisted out of per-row loops).
    public static func regularizedBoth(_ a: Double, _ x: Double, logGammaA: Double) -> (lower: Double, upper: Double) {
        guard a > 0, x >= 0, !x.isNaN else { return (.nan, .nan) }
        if x == 0 { return (0, 1) }
        if x.isInfinite { return (1, 0) }
        if x < a + 1 {
            let p = series(a, x, logGammaA: logGammaA)
            return (p, 1 - p)
        }
        let q = continuedFraction(a, x, logGammaA: logGammaA)
        return (1 - q, q)
    }

    /// e^{−x} x^a / Γ(a), the common prefactor, in log space to avoid overflow.
    @inline(__always)
    static func logPrefactor(_ a: Double, _ x: Double) -> Double {
        -x + a * gammaLog(x) - gammaLgamma(a)
    }

    private static func series(_ a: Double, _ x: Double) -> Double {
        series(a, x, logGammaA: gammaLgamma(a))
    }

    private static func series(_ a: Double, _ x: Double, logGammaA: Double) -> Double {
        var ap = a
        var term = 1 / a
        var sum = term
        for _ in 0..<100_000 {
            ap += 1
            term *= x / ap
            sum += term
            if abs(term) < abs(sum) * 1e-17 { break }
        }
        return sum * gammaExp(-x + a * gammaLog(x) - logGammaA)
    }

    private static func continuedFraction(_ a: Double, _ x: Double) -> Double {
        continuedFraction(a, x, logGammaA: gammaLgamma(a))
    }

    private static func continuedFraction(_ a: Double, _ x: Double, logGammaA: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        var i = 1.0
        while i < 100_000 {
            let an = -i * (i - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
            i += 1
        }
        return gammaExp(-x + a * gammaLog(x) - logGammaA) * h
    }
}

#if canImport(Glibc)
@inline(__always) func gammaLog(_ x: Double) -> Double { Glibc.log(x) }
@inline(__always) func gammaExp(_ x: Double) -> Double { Glibc.exp(x) }
@inline(__always) func gammaLgamma(_ x: Double) -> Double { Glibc.lgamma(x) }
#else
@inline(__always) func gammaLog(_ x: Double) -> Double { Foundation.log(x) }
@inline(__always) func gammaExp(_ x: Double) -> Double { Foundation.exp(x) }
@inline(__always) func gammaLgamma(_ x: Double) -> Double { Foundation.lgamma(x) }
#endif
