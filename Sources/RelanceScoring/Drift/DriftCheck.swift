#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif
import RelanceFeatures

/// Compares today's feature distributions with the training ones, feature by feature, with the
/// population stability index (PSI).
///
/// For each feature the training distribution (``FeatureDistribution``: 10 training-quantile bins,
/// stored in the bundle) is compared with today's rows counted in the same bins:
/// `PSI = Σₖ (aₖ − eₖ) · ln(aₖ / eₖ)`, with `eₖ` the training share and `aₖ` today's share of bin
/// `k`, each floored at ``proportionFloor`` (0.0001) so an empty bin does not make the index infinite.
/// Thresholds are the usual credit-scoring convention: below ``warnThreshold`` (0.1) stable, from
/// 0.1 to ``alertThreshold`` (0.25) a moderate shift (warn), from 0.25 a significant shift (alert).
///
/// Some features cannot be compared this way and are skipped by default (``defaultExcluded``):
/// the due-month features (one day's open invoices all fall due within a few weeks, while the
/// training rows span whole years, so they would "drift" every day by construction) and the
/// population late share (the same value for every row of a day). With fewer than
/// ``minimumRows`` rows today the check is not run: a PSI on a handful of rows is noise.
public struct DriftCheck: Sendable {
    public var warnThreshold: Double = 0.1
    public var alertThreshold: Double = 0.25
    public var proportionFloor: Double = 0.0001
    public var minimumRows: Int = 100
    public var excluded: Set<String> = DriftCheck.defaultExcluded

    public static let defaultExcluded: Set<String> = [
        PaymentFeature.dueMonthSin.name, PaymentFeature.dueMonthCos.name, PaymentFeature.dueInAugust.name,
        PaymentFeature.dueInDecember.name, PaymentFeature.populationLateShare.name,
    ]

    public init() {}

    /// PSI of today's bin shares against the training ones.
    public func psi(training e: [Double], current a: [Double]) -> Double {
        var total = 0.0
        for k in 0..<min(e.count, a.count) {
            let ek = max(e[k], proportionFloor), ak = max(a[k], proportionFloor)
            total += (ak - ek) * log(ak / ek)
        }
        return total
    }

    public func level(_ psi: Double) -> FeatureDrift.Level {
        psi >= alertThreshold ? .alert : psi >= warnThreshold ? .warn : .stable
    }

    /// The drift of every non-excluded feature of `matrix` (restricted to `rows`, matrix row
    /// indices; all rows when nil) against `training` (matched by name). Nil when there are fewer
    /// than ``minimumRows`` rows.
    public func run(_ matrix: FeatureMatrix, rows: [Int]? = nil, training: [FeatureDistribution], model: String) -> DriftReport? {
        let selected = rows ?? Array(0..<matrix.rowCount)
        guard selected.count >= minimumRows else { return nil }
        let p = matrix.columnCount
        let index = Dictionary(matrix.featureNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        // The compared features and their columns, then one pass over the rows counting every
        // feature at once: the matrix is row-major, so a pass per feature would stream the whole
        // matrix through the cache once per feature.
        let compared = training.filter { !excluded.contains($0.name) }.compactMap { d in index[d.name].map { (d, $0) } }
        // Flat tables: feature f's bin edges are lanes of edges[edgeStart[f]..<edgeStart[f + 1]]
        // (padded with +∞ to whole vectors of 8), its bin counts
        // counts[countStart[f] ..< countStart[f] + edge count + 1].
        var edges: [SIMD8<Double>] = [], edgeStart = [0], countStart = [0], column: [Int] = []
        for (d, j) in compared {
            var k = 0
            while k < d.edges.count {
                var lane = SIMD8<Double>(repeating: .infinity)
                for l in 0..<min(8, d.edges.count - k) { lane[l] = d.edges[k + l] }
                edges.append(lane)
                k += 8
            }
            edgeStart.append(edges.count)
            countStart.append(countStart[countStart.count - 1] + d.edges.count + 1)
            column.append(j)
        }
        var counts = [Int](repeating: 0, count: countStart[countStart.count - 1])
        var finite = [Int](repeating: 0, count: compared.count)
        let one = SIMD8<Int64>(repeating: 1), zero = SIMD8<Int64>(repeating: 0)
        matrix.values.withUnsafeBufferPointer { v in
            edges.withUnsafeBufferPointer { edges in
                edgeStart.withUnsafeBufferPointer { edgeStart in
                    countStart.withUnsafeBufferPointer { countStart in
                        column.withUnsafeBufferPointer { column in
                            counts.withUnsafeMutableBufferPointer { counts in
                                finite.withUnsafeMutableBufferPointer { finite in
                                    for r in selected {
                                        let row = r * p
                                        for f in 0..<column.count {
                                            let x = v[row + column[f]]
                                            guard x.isFinite else { continue }
                                            // FeatureDistribution.bin(of:), the first edge not below x,
                                            // is the number of edges below x (the edges increase; the
                                            // +∞ padding never is): counted eight at a time without a
                                            // branch (a binary search mispredicts about every other step).
                                            let xs = SIMD8<Double>(repeating: x)
                                            var below = zero
                                            for k in edgeStart[f]..<edgeStart[f + 1] {
                                                below &+= zero.replacing(with: one, where: edges[k] .< xs)
                                            }
                                            counts[countStart[f] + Int(below.wrappedSum())] += 1
                                            finite[f] += 1
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        var drifts: [FeatureDrift] = []
        for f in compared.indices {
            let distribution = compared[f].0
            let n = finite[f]
            guard n > 0 else { continue }
            let current = counts[countStart[f]..<countStart[f + 1]].map { Double($0) / Double(n) }
            let value = psi(training: distribution.proportions, current: current)
            drifts.append(FeatureDrift(
                feature: distribution.name, psi: value, level: level(value),
                trainingProportions: distribution.proportions, currentProportions: current))
        }
        return DriftReport(model: model, rowCount: selected.count, features: drifts,
                           warnThreshold: warnThreshold, alertThreshold: alertThreshold)
    }
}
