#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Minimum Covariance Determinant: a location and scatter estimated from the h rows whose
/// covariance has the smallest determinant, so a minority of far-away rows (fraud, data errors)
/// cannot pull the estimate the way they pull the classical mean and covariance.
///
/// Found with FastMCD (Rousseeuw & Van Driessen, Technometrics 41, 1999):
/// 1. **Starts.** Random (p + 1)-row subsets, extended one random row at a time while their
///    covariance is singular; each start is improved by *concentration steps* (C-steps): take the
///    h rows closest in Mahalanobis distance to the current estimate and re-estimate from them —
///    the determinant never increases.
/// 2. **Nested search for large n.** With n > 2 × 300 rows, the rows are shuffled into up to 5
///    subsets of 300; each runs its share of the starts with two C-steps and keeps its 10 best; the
///    50 candidates get two C-steps on the merged ≤ 1500 rows, the 10 best are iterated to
///    convergence on all rows, and the lowest determinant wins.
/// 3. **Consistency and reweighting** as scikit-learn's `MinCovDet` (1.9): raw distances are divided
///    by the factor c(α) = α / F_{χ²ₚ₊₂}(χ²ₚ quantile α), α = h/n (Croux & Haesbroeck 1999,
///    Pison et al. 2002); rows with corrected d² below the χ²ₚ 0.975 quantile are kept; their
///    mean and covariance (× c(0.975)) are the final estimate.
///
/// Covariances are "empirical" (divided by the row count), as in scikit-learn. A scatter with an
/// eigenvalue below ``MinCovDetOptions/relativeEigenvalueFloor`` × mean eigenvalue has it raised
/// (counted in ``raisedEigenvalues``) so Cholesky factors and determinants exist even when the
/// support is flat in some direction. For very large inputs, fit on a random subsample and compute
/// the distances of all rows with `Cholesky.squaredMahalanobisDistances` (the anomaly detector
/// does this).
public struct MinCovDet: Sendable {
    /// Number of columns p.
    public let dimension: Int
    /// h: the number of rows the raw estimate is computed from.
    public let supportSize: Int
    /// Raw MCD location (mean of the best h rows).
    public let rawLocation: [Double]
    /// Raw MCD covariance of the best h rows, before the consistency factor (as scikit-learn's
    /// `raw_covariance_`).
    public let rawCovariance: SymmetricMatrix
    /// log det of the (floored) raw covariance: the objective FastMCD minimised.
    public let rawLogDeterminant: Double
    /// Which rows formed the raw h-subset.
    public let rawSupport: [Bool]
    /// Consistency factor c(h/n) applied to the raw distances before reweighting.
    public let consistencyFactor: Double
    /// Reweighted location.
    public let location: [Double]
    /// Reweighted covariance, consistency-corrected (eigenvalues floored if it was singular).
    public let covariance: SymmetricMatrix
    /// Rows kept by the reweighting step.
    public let support: [Bool]
    /// Squared Mahalanobis distances of the fitted rows under (``location``, ``covariance``).
    public let squaredDistances: [Double]
    /// Concentration steps run in total (all candidates, all stages).
    public let concentrationSteps: Int
    /// Eigenvalues raised by the floor in the final covariance.
    public let raisedEigenvalues: Int

    /// Fits the MCD to the rows of `x`.
    ///
    /// - Throws: ``AnomalyDetectorError/tooFewRows(rows:needed:)`` with fewer than p + 2 rows,
    ///   ``AnomalyDetectorError/nonFiniteValue(row:feature:)`` for a NaN or infinity,
    ///   ``AnomalyDetectorError/invalidOptions(_:)`` for an out-of-range support fraction,
    ///   ``AnomalyDetectorError/degenerateScatter(_:)`` when all rows of every support coincide.
    public static func fit(_ x: DenseMatrix, options: MinCovDetOptions = MinCovDetOptions()) throws -> MinCovDet {
        let n = x.rows, p = x.columns
        guard p >= 1 else { throw AnomalyDetectorError.invalidOptions("no columns to fit") }
        guard n >= p + 2 else { throw AnomalyDetectorError.tooFewRows(rows: n, needed: p + 2) }
        if let k = x.values.firstIndex(where: { !$0.isFinite }) {
            throw AnomalyDetectorError.nonFiniteValue(row: k / p, feature: "column \(k % p)")
        }
        let h: Int
        if let f = options.supportFraction {
            guard f > 0, f <= 1 else { throw AnomalyDetectorError.invalidOptions("supportFraction must be in (0, 1], got \(f)") }
            h = max(p + 1, min(n, Int(f * Double(n))))
        } else {
            h = min(n, Int((0.5 * Double(n + p + 1)).rounded(.up)))
        }
        guard options.trials >= 1, options.subsetSize > p + 1, options.maximumSubsets >= 1,
              options.candidatesPerSubset >= 1, options.mergedCandidates >= 1,
              options.relativeEigenvalueFloor > 0, options.reweightingQuantile > 0, options.reweightingQuantile < 1
        else { throw AnomalyDetectorError.invalidOptions("MCD search settings out of range") }

        var search = MinCovDetSearch(floor: options.relativeEigenvalueFloor, rng: MinCovDetRandom(seed: options.seed))
        let raw = try search.fastMCD(x, h: h, options: options)

        // Consistency at the normal model, then reweighting (scikit-learn 1.9 MinCovDet).
        let chiP = ChiSquaredDistribution(degreesOfFreedom: Double(p))
        let chiP2 = ChiSquaredDistribution(degreesOfFreedom: Double(p + 2))
        func consistency(_ alpha: Double) -> Double {
            alpha >= 1 ? 1 : alpha / chiP2.cdf(chiP.quantile(alpha))
        }
        let c = consistency(Double(h) / Double(n))
        let rawDistances = raw.cholesky.squaredMahalanobisDistances(x, location: raw.location)
        let cut = chiP.quantile(options.reweightingQuantile)
        var kept: [Int32] = []
        kept.reserveCapacity(n)
        for i in 0..<n where rawDistances[i] / c < cut { kept.append(Int32(i)) }
        var final: MinCovDetEstimate
        if kept.count > p {
            final = try search.estimate(x, rows: kept, scale: consistency(options.reweightingQuantile))
        } else {
            // Too few rows survive to reweight (heavily degenerate data): keep the corrected raw fit.
            kept = raw.rows
            final = try search.estimate(x, rows: kept, scale: c)
        }
        var support = [Bool](repeating: false, count: n)
        for i in kept { support[Int(i)] = true }
        var rawSupport = [Bool](repeating: false, count: n)
        for i in raw.rows { rawSupport[Int(i)] = true }
        let distances = final.cholesky.squaredMahalanobisDistances(x, location: final.location)
        return MinCovDet(
            dimension: p, supportSize: h, rawLocation: raw.location, rawCovariance: raw.unflooredCovariance,
            rawLogDeterminant: raw.logDeterminant, rawSupport: rawSupport, consistencyFactor: c,
            location: final.location, covariance: final.covariance, support: support,
            squaredDistances: distances, concentrationSteps: search.steps, raisedEigenvalues: final.raised)
    }
}

/// One candidate (location, scatter) with what a C-step needs: its Cholesky factor and log det.
struct MinCovDetEstimate {
    var location: [Double]
    /// Scatter with tiny eigenvalues floored (what distances and determinants use).
    var covariance: SymmetricMatrix
    var unflooredCovariance: SymmetricMatrix
    var cholesky: Cholesky
    var logDeterminant: Double
    var raised: Int
    /// The rows (of the matrix it was estimated on) it came from.
    var rows: [Int32]
}

/// The mutable state of one FastMCD run: random source, eigenvalue floor, step counter.
struct MinCovDetSearch {
    let floor: Double
    var rng: MinCovDetRandom
    var steps = 0

    init(floor: Double, rng: MinCovDetRandom) {
        self.floor = floor
        self.rng = rng
    }

    /// Mean and empirical covariance (× `scale`) of `rows` of `x`, floored and factorised.
    func estimate(_ x: DenseMatrix, rows: [Int32], scale: Double = 1) throws -> MinCovDetEstimate {
        let p = x.columns
        let m = rows.count
        var mean = [Double](repeating: 0, count: p)
        var cov = SymmetricMatrix(zeros: p)
        x.values.withUnsafeBufferPointer { xv in
            mean.withUnsafeMutableBufferPointer { mu in
                for r in rows {
                    let row = xv.baseAddress! + Int(r) * p
                    for j in 0..<p { mu[j] += row[j] }
                }
                for j in 0..<p { mu[j] /= Double(m) }
                var centred = [Double](repeating: 0, count: p)
                cov.storage.withUnsafeMutableBufferPointer { c in
                    centred.withUnsafeMutableBufferPointer { z in
                        for r in rows {
                            let row = xv.baseAddress! + Int(r) * p
                            for j in 0..<p { z[j] = row[j] - mu[j] }
                            for i in 0..<p {
                                let zi = z[i]
                                for j in 0...i { c[i * p + j] += zi * z[j] }
                            }
                        }
                        let w = scale / Double(m)
                        for i in 0..<p {
                            for j in 0...i {
                                let v = c[i * p + j] * w
                                c[i * p + j] = v
                                c[j * p + i] = v
                            }
                        }
                    }
                }
            }
        }
        var trace = 0.0
        for i in 0..<p { trace += cov[i, i] }
        guard trace > 0, trace.isFinite else {
            throw AnomalyDetectorError.degenerateScatter("the \(m) rows of a support coincide")
        }
        // dsyevd says whether (and where) the scatter is flat; dpotrf then gives the factor used for
        // distances and the log-determinant FastMCD minimises.
        let (floored, raised, _) = try cov.flooringEigenvalues(atLeast: floor * trace / Double(p))
        let chol: Cholesky
        do {
            chol = try Cholesky(floored)
        } catch {
            throw AnomalyDetectorError.degenerateScatter("the scatter has no Cholesky factor even after flooring its eigenvalues")
        }
        return MinCovDetEstimate(
            location: mean, covariance: floored, unflooredCovariance: cov, cholesky: chol,
            logDeterminant: chol.logDeterminant, raised: raised, rows: rows)
    }

    /// A random start: p + 1 random rows, extended one row at a time while the scatter is singular.
    mutating func randomStart(_ x: DenseMatrix, h: Int, permutation: inout [Int32]) throws -> MinCovDetEstimate {
        let n = x.rows, p = x.columns
        var taken = 0
        func draw() -> Int32 {
            let j = taken + rng.below(n - taken)
            permutation.swapAt(taken, j)
            taken += 1
            return permutation[taken - 1]
        }
        var rows: [Int32] = []
        rows.reserveCapacity(p + 1)
        for _ in 0...p { rows.append(draw()) }
        // Singular means "no Cholesky factor of the plain covariance" (cheap to test), not "below
        // the floor": discrete features would otherwise extend every start to h rows.
        while rows.count < h && taken < n && !Self.hasCholesky(x, rows: rows) {
            rows.append(draw())
        }
        return try estimate(x, rows: rows)
    }

    /// Whether the plain covariance of `rows` is numerically positive definite.
    static func hasCholesky(_ x: DenseMatrix, rows: [Int32]) -> Bool {
        let p = x.columns, m = Double(rows.count)
        var mean = [Double](repeating: 0, count: p)
        for r in rows { for j in 0..<p { mean[j] += x[Int(r), j] / m } }
        var cov = SymmetricMatrix(zeros: p)
        for r in rows {
            for i in 0..<p {
                let zi = x[Int(r), i] - mean[i]
                for j in 0...i { cov.storage[i * p + j] += zi * (x[Int(r), j] - mean[j]) }
            }
        }
        var trace = 0.0
        for i in 0..<p { trace += cov.storage[i * p + i] }
        guard trace > 0 else { return false }
        for i in 0..<p { for j in 0..<i { cov.storage[j * p + i] = cov.storage[i * p + j] } }
        guard let c = try? Cholesky(cov) else { return false }
        // A pivot that is pure rounding noise is singular too.
        return c.logDeterminant > Double(p) * gammaLog(1e-12 * trace / Double(p))
    }

    /// One concentration step: the h rows of `x` closest to `e`, re-estimated.
    mutating func concentrate(_ x: DenseMatrix, from e: MinCovDetEstimate, h: Int) throws -> MinCovDetEstimate {
        steps += 1
        let d = e.cholesky.squaredMahalanobisDistances(x, location: e.location)
        return try estimate(x, rows: Self.smallest(d, count: h))
    }

    /// C-steps from `start` until the determinant stops decreasing (or `maximumSteps`).
    mutating func iterate(_ x: DenseMatrix, from start: MinCovDetEstimate, h: Int, maximumSteps: Int) throws -> MinCovDetEstimate {
        var current = try concentrate(x, from: start, h: h)
        var k = 1
        while k < maximumSteps {
            let next = try concentrate(x, from: current, h: h)
            k += 1
            let improved = next.logDeterminant < current.logDeterminant - 1e-12 * max(1, abs(current.logDeterminant))
            if next.logDeterminant < current.logDeterminant { current = next }
            if !improved { break }
        }
        return current
    }

    /// The `keep` best candidates after `maximumSteps` C-steps from each start.
    mutating func select(
        _ x: DenseMatrix, h: Int, starts: [MinCovDetEstimate], maximumSteps: Int, keep: Int
    ) throws -> [MinCovDetEstimate] {
        var out: [MinCovDetEstimate] = []
        for s in starts { out.append(try iterate(x, from: s, h: h, maximumSteps: maximumSteps)) }
        return Self.best(out, keep: keep)
    }

    mutating func randomStarts(_ x: DenseMatrix, h: Int, count: Int) throws -> [MinCovDetEstimate] {
        var permutation = (0..<x.rows).map { Int32($0) }
        var out: [MinCovDetEstimate] = []
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(try randomStart(x, h: h, permutation: &permutation)) }
        return out
    }

    mutating func fastMCD(_ x: DenseMatrix, h: Int, options: MinCovDetOptions) throws -> MinCovDetEstimate {
        let n = x.rows
        let finalSteps = max(1, options.maximumConcentrationSteps)
        if n <= 2 * options.subsetSize {
            let starts = try randomStarts(x, h: h, count: options.trials)
            let candidates = try select(x, h: h, starts: starts, maximumSteps: 2, keep: options.mergedCandidates)
            return try select(x, h: h, starts: candidates, maximumSteps: finalSteps, keep: 1)[0]
        }
        // Nested search: subsets of `subsetSize` rows drawn without replacement.
        let k = max(1, min(options.maximumSubsets, n / options.subsetSize))
        var permutation = (0..<n).map { Int32($0) }
        for t in 0..<(k * options.subsetSize) {
            let j = t + rng.below(n - t)
            permutation.swapAt(t, j)
        }
        let fraction = Double(h) / Double(n)
        let hSub = Int((Double(options.subsetSize) * fraction).rounded(.up))
        let trialsPerSubset = max(1, options.trials / k)
        var pooled: [MinCovDetEstimate] = []
        for s in 0..<k {
            let rows = permutation[(s * options.subsetSize)..<((s + 1) * options.subsetSize)].map { Int($0) }
            let sub = x.selectingRows(rows)
            let starts = try randomStarts(sub, h: hSub, count: trialsPerSubset)
            pooled += try select(sub, h: hSub, starts: starts, maximumSteps: 2, keep: options.candidatesPerSubset)
        }
        let mergedRows = permutation[0..<(k * options.subsetSize)].map { Int($0) }
        let merged = x.selectingRows(mergedRows)
        let hMerged = Int((Double(merged.rows) * fraction).rounded(.up))
        let candidates = try select(merged, h: hMerged, starts: pooled, maximumSteps: 2, keep: options.mergedCandidates)
        return try select(x, h: h, starts: candidates, maximumSteps: finalSteps, keep: 1)[0]
    }

    /// The `keep` lowest-determinant estimates, ties broken by order (deterministic).
    static func best(_ all: [MinCovDetEstimate], keep: Int) -> [MinCovDetEstimate] {
        let order = all.indices.sorted {
            all[$0].logDeterminant != all[$1].logDeterminant ? all[$0].logDeterminant < all[$1].logDeterminant : $0 < $1
        }
        return order.prefix(keep).map { all[$0] }
    }

    /// Indices of the `count` smallest values (ties: lowest index first), via quickselect: O(n).
    static func smallest(_ d: [Double], count: Int) -> [Int32] {
        let n = d.count
        if count >= n { return (0..<n).map { Int32($0) } }
        var work = d
        let threshold = work.withUnsafeMutableBufferPointer { OrderStatistic.select(kth: count - 1, in: $0) }
        var out: [Int32] = []
        out.reserveCapacity(count)
        for i in 0..<n where d[i] < threshold { out.append(Int32(i)) }
        var i = 0
        while out.count < count && i < n {
            if d[i] == threshold { out.append(Int32(i)) }
            i += 1
        }
        return out
    }
}
