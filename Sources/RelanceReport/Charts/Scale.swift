import Foundation

/// A linear map from data values (the domain) to SVG coordinates (the range), with "nice" ticks.
///
/// Charts share this so that every axis ticks at round numbers (0, 0.2, 0.4 … or 0, 5 000,
/// 10 000 …) and bars, points and tick marks use the same arithmetic. The range may be inverted
/// (`rangeStart > rangeEnd`), which is how y axes grow upwards in SVG's top-down coordinates.
public struct Scale: Sendable, Equatable {
    public var domainStart: Double
    public var domainEnd: Double
    public var rangeStart: Double
    public var rangeEnd: Double

    public init(domain: ClosedRange<Double>, range: (Double, Double)) {
        self.domainStart = domain.lowerBound
        self.domainEnd = domain.upperBound
        self.rangeStart = range.0
        self.rangeEnd = range.1
    }

    /// The coordinate of `value`; a degenerate domain (start == end) maps everything to the range's middle.
    public func callAsFunction(_ value: Double) -> Double {
        let span = domainEnd - domainStart
        guard span != 0, span.isFinite else { return (rangeStart + rangeEnd) / 2 }
        return rangeStart + (value - domainStart) / span * (rangeEnd - rangeStart)
    }

    /// The tick step for about `count` ticks over `span`: 1, 2 or 5 times a power of ten.
    ///
    /// Same rule as d3's `tickIncrement`: start at the power of ten below `span / count`, then move
    /// up to 2×, 5× or 10× when that brings the number of ticks closer to `count`.
    public static func niceStep(span: Double, count: Int) -> Double {
        guard span > 0, span.isFinite, count > 0 else { return 1 }
        let raw = span / Double(count)
        let power = pow(10, floor(log10(raw)))
        let error = raw / power
        let factor: Double = error >= sqrt(50) ? 10 : error >= sqrt(10) ? 5 : error >= sqrt(2) ? 2 : 1
        return factor * power
    }

    /// A copy whose domain is widened outwards to multiples of the nice step, so the axis starts
    /// and ends on a tick. A zero-width domain is widened to a unit around its value.
    public func niced(count: Int = 5) -> Scale {
        var lo = domainStart, hi = domainEnd
        if lo == hi { lo -= lo == 0 ? 0 : abs(lo) * 0.5; hi += hi == 0 ? 1 : abs(hi) * 0.5 }
        if lo > hi { swap(&lo, &hi) }
        let step = Scale.niceStep(span: hi - lo, count: count)
        var s = self
        s.domainStart = (lo / step).rounded(.down) * step
        s.domainEnd = (hi / step).rounded(.up) * step
        // A second pass: widening can change the best step (e.g. 0…97 → 0…100).
        let step2 = Scale.niceStep(span: s.domainEnd - s.domainStart, count: count)
        s.domainStart = (s.domainStart / step2).rounded(.down) * step2
        s.domainEnd = (s.domainEnd / step2).rounded(.up) * step2
        return s
    }

    /// Tick values: every multiple of the nice step inside the domain, computed from integer
    /// multiples so that `0.1 * 3` prints as `0.3`, not `0.30000000000000004`.
    public func ticks(count: Int = 5) -> [Double] {
        let lo = min(domainStart, domainEnd), hi = max(domainStart, domainEnd)
        guard hi > lo, lo.isFinite, hi.isFinite else { return lo.isFinite ? [lo] : [] }
        let step = Scale.niceStep(span: hi - lo, count: count)
        let first = (lo / step - 1e-9).rounded(.up)
        let last = (hi / step + 1e-9).rounded(.down)
        guard last >= first, last - first < 1000 else { return [] }
        return stride(from: first, through: last, by: 1).map { k in
            // Divide by the inverse step when it is an integer, which rounds exactly for 0.1, 0.2 …
            let inverse = 1 / step
            return inverse.rounded() == inverse && inverse > 1 ? k / inverse : k * step
        }
    }

    /// Fraction digits needed to print ticks of this step without noise (step 0.25 → 2, 5 → 0).
    public static func fractionDigits(forStep step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        var digits = 0
        var scaled = step
        while digits < 6 && abs(scaled - scaled.rounded()) > 1e-9 * max(1, abs(scaled)) {
            scaled *= 10
            digits += 1
        }
        return digits
    }

    /// The fraction digits for this scale's ticks.
    public func tickFractionDigits(count: Int = 5) -> Int {
        Scale.fractionDigits(forStep: Scale.niceStep(span: abs(domainEnd - domainStart), count: count))
    }
}
