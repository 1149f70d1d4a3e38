import Foundation

/// The handful of distributions the history simulation draws from.
///
/// Written out here rather than taken from the standard library so that every draw consumes a
/// fixed, documented number of 64-bit words: `Int.random(in:using:)` may change its rejection
/// strategy between toolchains, which would silently change every generated file.
extension SplitMix64 {
    /// Uniform in [0, 1) with 53 bits of precision.
    @inlinable public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform integer in `range` (closed); the tiny modulo bias is irrelevant for simulation.
    @inlinable public mutating func int(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int(next() % width)
    }

    /// True with probability `p`.
    @inlinable public mutating func chance(_ p: Double) -> Bool { uniform() < p }

    /// Standard normal draw (Box–Muller, one value per call; two words consumed).
    @inlinable public mutating func normal() -> Double {
        let u1 = max(uniform(), 1e-300)
        let u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Log-normal draw whose logarithm has mean `mu` and standard deviation `sigma`.
    @inlinable public mutating func logNormal(mu: Double, sigma: Double) -> Double {
        exp(mu + sigma * normal())
    }

    /// Exponential draw with the given mean.
    @inlinable public mutating func exponential(mean: Double) -> Double {
        -mean * log(max(1 - uniform(), 1e-300))
    }

    /// Poisson draw: Knuth's product method for small means, a rounded normal approximation above 30.
    @inlinable public mutating func poisson(_ mean: Double) -> Int {
        if mean <= 0 { return 0 }
        if mean > 30 {
            return max(0, Int((mean + mean.squareRoot() * normal()).rounded()))
        }
        let limit = exp(-mean)
        var product = uniform()
        var count = 0
        while product > limit {
            count += 1
            product *= uniform()
        }
        return count
    }

    /// Index drawn from unnormalised `weights`.
    @inlinable public mutating func pick(_ weights: [Double]) -> Int {
        var total = 0.0
        for w in weights { total += w }
        var u = uniform() * total
        for (i, w) in weights.enumerated() {
            u -= w
            if u < 0 { return i }
        }
        return weights.count - 1
    }

    /// A uniformly chosen element of a non-empty array.
    @inlinable public mutating func element<T>(_ items: [T]) -> T {
        items[Int(next() % UInt64(items.count))]
    }
}
