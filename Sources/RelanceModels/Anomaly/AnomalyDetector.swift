#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// A fitted anomaly detector for invoices: a robust covariance (MCD) of the continuous anomaly
/// features, plus explicit rules for what a covariance cannot see (duplicates, spikes against the
/// customer's own history, unusual terms, large first invoices, round amounts).
///
/// ```swift
/// let features = try AnomalyFeatures.compute(dataset.invoices, customerCount: dataset.customerCount)
/// let detector = try AnomalyDetector.fit(features)
/// let result = try detector.assess(features)   // result.anomalyScore[i], result.flags[i]
/// ```
///
/// **Robust part.** The chosen columns are standardised (median, 1.4826·MAD; the standard deviation
/// when the MAD is 0), a ``MinCovDet`` is fitted on at most ``AnomalyDetectorOptions/fitSampleSize``
/// rows, and every row gets its squared Mahalanobis distance d² under the robust location and
/// scatter. The robust score is the χ²ₚ CDF of d² (p = number of robust features). A row is flagged
/// `unusual_profile` when d² ≥ ``squaredDistanceThreshold`` = max(χ²ₚ quantile of
/// ``AnomalyDetectorOptions/flagQuantile`` (0.999), the fit rows' empirical 99.5 % quantile): the
/// robust score is then ≥ 0.999 *and* the row is among the 0.5 % most unusual profiles of the
/// training data (see ``AnomalyDetectorOptions/maximumUnusualShare`` for why). Invoices of customers
/// with fewer than ``AnomalyDetectorOptions/minimumHistoryForProfile`` earlier invoices get no
/// multivariate score and no `unusual_profile` flag. A first invoice gets a one-dimensional profile
/// instead: its amount relative to the population's first invoices, z = (v − median) / (1.4826·MAD)
/// over the training first invoices, counted only when positive; its `squaredDistance` is z² and
/// its `robustScore` the χ²₁ CDF of z² (the rule `new_customer_large_first_invoice` names it).
///
/// **Combined score.** Evidence from the robust part is measured in "thresholds of surprise":
/// e = log₁₀(1 / P[χ²ₚ > d²]) / log₁₀(1 / P[χ²ₚ > threshold]), so e = 1 exactly at the flag
/// threshold and grows by one each time the tail probability shrinks by the same factor again. It enters as if e independent
/// flags of weight ``AnomalyDetectorOptions/robustWeight`` had fired: r = 1 − (1 − w)ᵉ. The final
/// score is the noisy-or with the rules: `anomalyScore = 1 − (1 − r)·(1 − ruleScore)`, where
/// `ruleScore = 1 − Π(1 − wₖ)` over the fired rules (``AnomalyRules``). The score is continuous (it
/// ranks), in [0, 1], and a single strong rule (a duplicate, 0.95) dominates a mild profile.
///
/// **Schema.** The detector keeps the feature names it was fitted on and refuses a matrix whose
/// names differ (``AnomalyDetectorError/schemaMismatch(expected:found:)``). It is `Codable`:
/// location, scatter, standardisation, threshold, options and fit summary are stored; the Cholesky
/// factor is recomputed on decoding.
public struct AnomalyDetector: Sendable, Codable {
    /// Version of the stored form; bumped when a field changes meaning.
    public static let formatVersion = 1

    public let formatVersion: Int
    /// The full schema of the feature matrix (names in column order).
    public let featureNames: [String]
    /// The columns the robust covariance uses, by name and index.
    public let robustFeatures: [String]
    public let robustColumns: [Int]
    /// Standardisation of the robust columns: (x − center) / scale.
    public let center: [Double]
    public let scale: [Double]
    /// Robust location and scatter, in standardised units (scatter row-major p×p).
    public let location: [Double]
    public let scatter: [Double]
    /// d² at or above which a row is flagged `unusual_profile`.
    public let squaredDistanceThreshold: Double
    /// Robust centre (median) and scale (1.4826·MAD) of `new_customer_log_amount_vs_population` over
    /// the training first invoices: the one-dimensional profile of a first invoice. Scale 0 when
    /// fewer than 10 first invoices were seen (then first invoices get no profile score).
    public let firstInvoiceCenter: Double
    public let firstInvoiceScale: Double
    public let options: AnomalyDetectorOptions
    public let summary: AnomalyFitSummary
    private let cholesky: Cholesky

    private enum CodingKeys: String, CodingKey {
        case formatVersion, featureNames, robustFeatures, robustColumns, center, scale, location, scatter,
             squaredDistanceThreshold, firstInvoiceCenter, firstInvoiceScale, options, summary
    }

    /// Fits the detector on a feature matrix (normally the whole training history).
    ///
    /// - Throws: ``AnomalyDetectorError`` for a missing feature, non-finite values, too few rows or
    ///   invalid options.
    public static func fit(_ features: AnomalyFeatureMatrix, options requested: AnomalyDetectorOptions = AnomalyDetectorOptions()) throws -> AnomalyDetector {
        var options = requested
        options.featureOptions = features.options
        guard options.flagQuantile > 0, options.flagQuantile < 1 else {
            throw AnomalyDetectorError.invalidOptions("flagQuantile must be in (0, 1), got \(options.flagQuantile)")
        }
        guard options.robustWeight >= 0, options.robustWeight < 1 else {
            throw AnomalyDetectorError.invalidOptions("robustWeight must be in [0, 1), got \(options.robustWeight)")
        }
        guard !options.robustFeatures.isEmpty else { throw AnomalyDetectorError.invalidOptions("no robust features") }
        var columns: [Int] = []
        for name in options.robustFeatures {
            guard let j = features.column(named: name) else { throw AnomalyDetectorError.missingFeature(name) }
            columns.append(j)
        }
        // The rules must find their columns too: fail at fit time, not at scoring time.
        _ = try options.rules.evaluate(AnomalyFeatureMatrix(
            names: features.names, invoiceRows: [], invoiceIds: [], values: [], duplicateOriginalId: []))
        guard options.maximumUnusualShare > 0, options.maximumUnusualShare <= 1 else {
            throw AnomalyDetectorError.invalidOptions("maximumUnusualShare must be in (0, 1], got \(options.maximumUnusualShare)")
        }
        let p = columns.count
        let n = features.rows
        guard options.fitSampleSize >= p + 2 else {
            throw AnomalyDetectorError.invalidOptions("fitSampleSize must be at least \(p + 2)")
        }
        let eligible = try Self.profileRows(features, minimumHistory: options.minimumHistoryForProfile)
        var sample = (0..<n).filter { eligible[$0] }
        guard sample.count >= p + 2 else { throw AnomalyDetectorError.tooFewRows(rows: sample.count, needed: p + 2) }

        // Seeded uniform sample of rows (sorted, so the fit does not depend on draw order).
        if sample.count > options.fitSampleSize {
            var rng = MinCovDetRandom(seed: options.mcd.seed ^ 0xA0A0_5A5A_F00D_CAFE)
            for t in 0..<options.fitSampleSize { sample.swapAt(t, t + rng.below(sample.count - t)) }
            sample = Array(sample[0..<options.fitSampleSize]).sorted()
        }
        let raw = try gather(features, rows: sample, columns: columns)

        // Robust standardisation per column.
        var center = [Double](repeating: 0, count: p), scale = [Double](repeating: 1, count: p)
        var column = [Double](repeating: 0, count: sample.count)
        for j in 0..<p {
            for r in 0..<sample.count { column[r] = raw[r, j] }
            let med = median(&column)
            var mean = 0.0
            for r in 0..<sample.count { mean += raw[r, j] }
            mean /= Double(sample.count)
            var ss = 0.0
            for r in 0..<sample.count { ss += (raw[r, j] - mean) * (raw[r, j] - mean); column[r] = abs(raw[r, j] - med) }
            let mad = 1.4826 * median(&column)
            let sd = (ss / Double(sample.count)).squareRoot()
            let tiny = 1e-12 * max(1, abs(med))
            center[j] = med
            scale[j] = mad > tiny ? mad : (sd > tiny ? sd : 1)
        }
        let x = standardise(raw, center: center, scale: scale)
        let mcd = try MinCovDet.fit(x, options: options.mcd)
        let chol: Cholesky
        do { chol = try Cholesky(mcd.covariance) } catch {
            throw AnomalyDetectorError.degenerateScatter("the robust scatter has no Cholesky factor")
        }
        var threshold = ChiSquaredDistribution(degreesOfFreedom: Double(p)).quantile(options.flagQuantile)
        if options.maximumUnusualShare < 1 {
            var d = mcd.squaredDistances
            let k = min(d.count - 1, Int((Double(d.count) * (1 - options.maximumUnusualShare)).rounded(.up)))
            let empirical = d.withUnsafeMutableBufferPointer { OrderStatistic.select(kth: k, in: $0) }
            threshold = max(threshold, empirical)
        }
        let flagged = mcd.squaredDistances.filter { $0 >= threshold }.count
        let (firstCenter, firstScale) = try firstInvoiceProfile(features)
        let summary = AnomalyFitSummary(
            rows: n, fitRows: sample.count, supportSize: mcd.supportSize,
            reweightedSupportSize: mcd.support.filter { $0 }.count, rawLogDeterminant: mcd.rawLogDeterminant,
            consistencyFactor: mcd.consistencyFactor, raisedEigenvalues: mcd.raisedEigenvalues,
            concentrationSteps: mcd.concentrationSteps, unusualProfileShare: Double(flagged) / Double(sample.count))
        return AnomalyDetector(
            formatVersion: formatVersion, featureNames: features.names, robustFeatures: options.robustFeatures,
            robustColumns: columns, center: center, scale: scale, location: mcd.location,
            scatter: mcd.covariance.storage, squaredDistanceThreshold: threshold, firstInvoiceCenter: firstCenter,
            firstInvoiceScale: firstScale, options: options, summary: summary, cholesky: chol)
    }

    private init(
        formatVersion: Int, featureNames: [String], robustFeatures: [String], robustColumns: [Int], center: [Double],
        scale: [Double], location: [Double], scatter: [Double], squaredDistanceThreshold: Double,
        firstInvoiceCenter: Double, firstInvoiceScale: Double, options: AnomalyDetectorOptions,
        summary: AnomalyFitSummary, cholesky: Cholesky
    ) {
        self.firstInvoiceCenter = firstInvoiceCenter
        self.firstInvoiceScale = firstInvoiceScale
        self.formatVersion = formatVersion
        self.featureNames = featureNames
        self.robustFeatures = robustFeatures
        self.robustColumns = robustColumns
        self.center = center
        self.scale = scale
        self.location = location
        self.scatter = scatter
        self.squaredDistanceThreshold = squaredDistanceThreshold
        self.options = options
        self.summary = summary
        self.cholesky = cholesky
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try c.decode(Int.self, forKey: .formatVersion)
        guard formatVersion == Self.formatVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .formatVersion, in: c,
                debugDescription: "anomaly detector format \(formatVersion) is not supported (expected \(Self.formatVersion)); refit the detector")
        }
        featureNames = try c.decode([String].self, forKey: .featureNames)
        robustFeatures = try c.decode([String].self, forKey: .robustFeatures)
        robustColumns = try c.decode([Int].self, forKey: .robustColumns)
        center = try c.decode([Double].self, forKey: .center)
        scale = try c.decode([Double].self, forKey: .scale)
        location = try c.decode([Double].self, forKey: .location)
        scatter = try c.decode([Double].self, forKey: .scatter)
        squaredDistanceThreshold = try c.decode(Double.self, forKey: .squaredDistanceThreshold)
        firstInvoiceCenter = try c.decode(Double.self, forKey: .firstInvoiceCenter)
        firstInvoiceScale = try c.decode(Double.self, forKey: .firstInvoiceScale)
        options = try c.decode(AnomalyDetectorOptions.self, forKey: .options)
        summary = try c.decode(AnomalyFitSummary.self, forKey: .summary)
        let p = robustColumns.count
        let names = featureNames, columns = robustColumns, robust = robustFeatures
        guard robust.count == p, center.count == p, scale.count == p, location.count == p,
              scatter.count == p * p, columns.allSatisfy({ $0 >= 0 && $0 < names.count }),
              zip(columns, robust).allSatisfy({ names[$0] == $1 }) else {
            throw DecodingError.dataCorruptedError(forKey: .scatter, in: c, debugDescription: "anomaly detector dimensions are inconsistent")
        }
        do {
            cholesky = try Cholesky(SymmetricMatrix(order: p, storage: scatter))
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .scatter, in: c, debugDescription: "stored scatter is not positive definite")
        }
    }

    /// Squared robust Mahalanobis distances of every row; 0 for rows whose customer has fewer than
    /// ``AnomalyDetectorOptions/minimumHistoryForProfile`` earlier invoices (not assessed).
    ///
    /// - Throws: ``AnomalyDetectorError/schemaMismatch(expected:found:)`` or
    ///   ``AnomalyDetectorError/nonFiniteValue(row:feature:)``.
    public func squaredDistances(_ features: AnomalyFeatureMatrix) throws -> [Double] {
        try checkSchema(features)
        let eligible = try Self.profileRows(features, minimumHistory: options.minimumHistoryForProfile)
        return try squaredDistances(features, eligible: eligible)
    }

    /// The distances of the `eligible` rows, 0 for the others: each row's robust columns are read,
    /// checked and standardised straight into the distance computation (the same arithmetic as
    /// gathering and standardising a copy first, without the two n × p copies). A row that is not
    /// eligible is given the location itself, whose distance is exactly +0: one array of distances
    /// in row order, with no list of eligible rows and no second array to scatter them into.
    private func squaredDistances(_ features: AnomalyFeatureMatrix, eligible: [Bool]) throws -> [Double] {
        let p = robustColumns.count, stride = features.columns
        var bad: (Int, Int)?
        let d = features.values.withUnsafeBufferPointer { v in
            eligible.withUnsafeBufferPointer { eligible in
                robustColumns.withUnsafeBufferPointer { columns in
                    center.withUnsafeBufferPointer { c in
                        scale.withUnsafeBufferPointer { s in
                            location.withUnsafeBufferPointer { mu in
                                cholesky.squaredMahalanobisDistances(count: features.rows, location: location) { r, x in
                                    guard eligible[r] else {
                                        for j in 0..<p { x[j] = mu[j] }
                                        return
                                    }
                                    let base = r * stride
                                    for j in 0..<p {
                                        let value = v[base + columns[j]]
                                        if !value.isFinite && bad == nil { bad = (r, columns[j]) }
                                        x[j] = (value - c[j]) / s[j]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if let (r, c) = bad { throw AnomalyDetectorError.nonFiniteValue(row: r, feature: features.names[c]) }
        return d
    }

    static func firstInvoiceColumns(_ f: AnomalyFeatureMatrix) throws -> (isNew: Int, vsPopulation: Int) {
        let a = AnomalyFeatures.Column.newCustomer.name, b = AnomalyFeatures.Column.newCustomerLogAmountVsPopulation.name
        guard let i = f.column(named: a) else { throw AnomalyDetectorError.missingFeature(a) }
        guard let j = f.column(named: b) else { throw AnomalyDetectorError.missingFeature(b) }
        return (i, j)
    }

    /// Median and 1.4826·MAD of the first invoices' amount vs the population (scale 0 if < 10 rows).
    private static func firstInvoiceProfile(_ f: AnomalyFeatureMatrix) throws -> (Double, Double) {
        let (isNew, vs) = try firstInvoiceColumns(f)
        var values: [Double] = []
        for r in 0..<f.rows where f[r, isNew] == 1 && f[r, vs].isFinite { values.append(f[r, vs]) }
        guard values.count >= 10 else { return (0, 0) }
        let med = median(&values)
        for k in values.indices { values[k] = abs(values[k] - med) }
        let mad = 1.4826 * median(&values)
        return (med, mad > 1e-12 ? mad : 0)
    }

    /// Rows whose customer has enough earlier invoices for the robust profile.
    static func profileRows(_ f: AnomalyFeatureMatrix, minimumHistory: Int) throws -> [Bool] {
        let name = AnomalyFeatures.Column.log1pPriorInvoiceCount.name
        guard let j = f.column(named: name) else { throw AnomalyDetectorError.missingFeature(name) }
        // The column holds log(1 + count); compare in that scale (exact for whole counts).
        let cut = detectorLog1p(Double(max(0, minimumHistory))) - 1e-9
        return (0..<f.rows).map { f[$0, j] >= cut }
    }

    /// Scores and flags every row of `features`.
    public func assess(_ features: AnomalyFeatureMatrix) throws -> AnomalyAssessment {
        try checkSchema(features)
        let assessed = try Self.profileRows(features, minimumHistory: options.minimumHistoryForProfile)
        var d2 = try squaredDistances(features, eligible: assessed)
        var rules = try options.rules.evaluate(features)
        let chi = ChiSquaredDistribution(degreesOfFreedom: Double(robustColumns.count))
        let unit = -detectorLog10(max(chi.survival(squaredDistanceThreshold), Double.leastNormalMagnitude))
        let keepPerUnit = 1 - options.robustWeight
        let n = features.rows
        var score = [Double](repeating: 0, count: n)
        var robust = [Double](repeating: 0, count: n)
        // Taken out of `rules` (not copied): appending `unusual_profile` to a row's flags must not
        // copy the array of every row's flags.
        var flags: [[String]] = []
        swap(&flags, &rules.flags)
        let first = try Self.firstInvoiceColumns(features)
        // CDF and tail of χ²ₚ (and χ²₁) from one incomplete-gamma evaluation per row, lgamma hoisted:
        // the same values as `cdf` and `survival`, at half the cost.
        let halfP = Double(robustColumns.count) / 2, logGammaHalfP = gammaLgamma(halfP)
        let logGammaHalf = gammaLgamma(0.5)
        @inline(__always) func both(_ d: Double, _ a: Double, _ lg: Double) -> (cdf: Double, survival: Double) {
            if d <= 0 { return (0, 1) }
            let b = IncompleteGamma.regularizedBoth(a, d / 2, logGammaA: lg)
            return (b.lower, b.upper)
        }
        for i in 0..<n {
            guard assessed[i] else {
                var r = 0.0
                if firstInvoiceScale > 0 && features[i, first.isNew] == 1 {
                    // One-dimensional profile: only a first invoice larger than usual first invoices counts.
                    let z = max(0, (features[i, first.vsPopulation] - firstInvoiceCenter) / firstInvoiceScale)
                    d2[i] = z * z
                    let (cdf, survival) = both(d2[i], 0.5, logGammaHalf)
                    robust[i] = cdf
                    let tail = max(survival, Double.leastNormalMagnitude)
                    r = 1 - detectorPow(keepPerUnit, -detectorLog10(tail) / unit)
                }
                score[i] = 1 - (1 - r) * (1 - rules.score[i])
                continue
            }
            let (cdf, survival) = both(d2[i], halfP, logGammaHalfP)
            robust[i] = cdf
            let tail = max(survival, Double.leastNormalMagnitude)
            let evidence = -detectorLog10(tail) / unit
            let r = 1 - detectorPow(keepPerUnit, evidence)
            score[i] = 1 - (1 - r) * (1 - rules.score[i])
            if d2[i] >= squaredDistanceThreshold { flags[i].append("unusual_profile") }
        }
        return AnomalyAssessment(
            invoiceIds: features.invoiceIds, anomalyScore: score, robustScore: robust, squaredDistance: d2,
            robustAssessed: assessed, ruleScore: rules.score, flags: flags)
    }

    private func checkSchema(_ features: AnomalyFeatureMatrix) throws {
        guard features.names == featureNames else {
            throw AnomalyDetectorError.schemaMismatch(expected: featureNames, found: features.names)
        }
        guard features.options == options.featureOptions else {
            throw AnomalyDetectorError.featureOptionsMismatch(expected: options.featureOptions, found: features.options)
        }
    }

    /// The robust columns of `rows`, checked finite.
    private static func gather(_ f: AnomalyFeatureMatrix, rows: [Int], columns: [Int]) throws -> DenseMatrix {
        let p = columns.count, stride = f.columns
        var out = [Double](repeating: 0, count: rows.count * p)
        var bad: (Int, Int)?
        f.values.withUnsafeBufferPointer { v in
            out.withUnsafeMutableBufferPointer { o in
                for (k, r) in rows.enumerated() {
                    for (j, c) in columns.enumerated() {
                        let x = v[r * stride + c]
                        if !x.isFinite && bad == nil { bad = (r, c) }
                        o[k * p + j] = x
                    }
                }
            }
        }
        if let (r, c) = bad { throw AnomalyDetectorError.nonFiniteValue(row: r, feature: f.names[c]) }
        return DenseMatrix(rows: rows.count, columns: p, values: out)
    }

    private static func standardise(_ x: DenseMatrix, center: [Double], scale: [Double]) -> DenseMatrix {
        var out = x
        let p = x.columns
        out.values.withUnsafeMutableBufferPointer { v in
            for r in 0..<x.rows {
                for j in 0..<p { v[r * p + j] = (v[r * p + j] - center[j]) / scale[j] }
            }
        }
        return out
    }

    /// Median of `a` (reorders it).
    private static func median(_ a: inout [Double]) -> Double {
        let n = a.count
        guard n > 0 else { return 0 }
        return a.withUnsafeMutableBufferPointer { b in
            let hi = OrderStatistic.select(kth: n / 2, in: b)
            if n % 2 == 1 { return hi }
            var lo = -Double.infinity
            for k in 0..<(n / 2) { lo = max(lo, b[k]) }
            return 0.5 * (lo + hi)
        }
    }
}

#if canImport(Glibc)
@inline(__always) fileprivate func detectorLog10(_ x: Double) -> Double { Glibc.log10(x) }
@inline(__always) fileprivate func detectorPow(_ x: Double, _ y: Double) -> Double { Glibc.pow(x, y) }
@inline(__always) fileprivate func detectorLog1p(_ x: Double) -> Double { Glibc.log1p(x) }
#else
@inline(__always) fileprivate func detectorLog10(_ x: Double) -> Double { Foundation.log10(x) }
@inline(__always) fileprivate func detectorPow(_ x: Double, _ y: Double) -> Double { Foundation.pow(x, y) }
@inline(__always) fileprivate func detectorLog1p(_ x: Double) -> Double { Foundation.log1p(x) }
#endif
