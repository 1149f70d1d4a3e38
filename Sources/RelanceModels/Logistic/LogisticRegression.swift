import Foundation
import LinearAlgebra

/// Fits the late-payment logistic regression: standardised inputs, unpenalised intercept, L2
/// penalty, Newton–Raphson (IRLS) with LAPACK.
///
/// The objective and the meaning of λ are documented on ``LogisticOptions``. Inputs are
/// standardised internally with the column means and population standard deviations; the model
/// stores both so predictions take raw inputs. The standardised design is never materialised:
/// ``LinearAlgebra/StandardisedDesign`` centres and scales each block of rows on the fly inside
/// the blocked `dsyrk`, so memory beyond X is one 8192-row block.
///
/// ```swift
/// let model = try LogisticRegression.fit(design, labels: late, featureNames: names,
///                                        options: .standard) { iteration, logLikelihood in
///     print("iteration \(iteration): log-likelihood \(logLikelihood)")
/// }
/// let p = try model.probabilities(for: openInvoices, featureNames: names)
/// ```
///
/// Degenerate data is refused with a ``ModelError`` that names the problem: non-finite values
/// (row and feature), labels other than 0/1, one class only, no more rows than parameters,
/// constant features (dropped and reported by default, see ``ConstantFeaturePolicy``), and — only
/// without a penalty, where no unique maximum exists — collinear features and (quasi-)separation.
/// With λ > 0 collinearity is only noted in the report, since the fit stays well defined.
/// Collinearity is judged on the first Newton Hessian, which at the intercept-only start is a
/// multiple of the row-weighted Gram matrix of [1, Z] (so no extra pass over X is spent on it).
///
/// Cost per Newton iteration: one fused, blocked read of X that gives the trial point's
/// likelihood, Hessian and gradient together (``LogisticPass``, chunks on every core, deterministic);
/// plus two passes for the column statistics. Memory beyond X: one 8192-row scratch block per core.
public enum LogisticRegression {
    /// Fits the model; see the type documentation.
    ///
    /// - Parameters:
    ///   - x: n×p raw feature values, row-major (one row per invoice).
    ///   - labels: one 0/1 label per row (1 = paid late).
    ///   - featureNames: p distinct names; the model will refuse matrices with other names or order.
    ///   - options: penalty and stopping rules.
    ///   - rowWeights: optional non-negative weight per row (e.g. class weights); standardisation
    ///     stays unweighted.
    ///   - progress: called after each accepted Newton step with (iteration, log-likelihood).
    public static func fit(
        _ x: DenseMatrix, labels: [Double], featureNames: [String],
        options: LogisticOptions = .standard, rowWeights: [Double]? = nil,
        progress: ((Int, Double) -> Void)? = nil
    ) throws -> LogisticModel {
        try options.validate()
        guard labels.count == x.rows else {
            throw ModelError.dimensionMismatch("\(labels.count) labels for \(x.rows) rows")
        }
        for (i, y) in labels.enumerated() where y != 0 && y != 1 {
            throw ModelError.invalidLabel(row: i + 1, value: y)
        }
        return try fitTargets(x, targets: labels, featureNames: featureNames, options: options,
                              rowWeights: rowWeights, progress: progress)
    }

    /// Fits the model on the contiguous rows `rows` of `x` only, exactly as `fit` would on a
    /// matrix holding just those rows, without copying them: time-ordered training uses a prefix
    /// of one shared matrix for each of its fits. `labels` (and `rowWeights`) have one entry per
    /// row of the range; rows in errors count from the range's start.
    ///
    /// `warmStart`: a model with the same feature names (typically fitted on a prefix of these
    /// rows) whose coefficients start Newton's method instead of the intercept-only point. The
    /// optimum is unique, so the fit converges to the same coefficients (to the convergence
    /// tolerance) in fewer iterations; the report (null log-likelihood, collinearity notes) is still
    /// judged at the intercept-only point. Ignored when its names differ or it is not finite.
    public static func fit(
        _ x: DenseMatrix, rows: Range<Int>, labels: [Double], featureNames: [String],
        options: LogisticOptions = .standard, rowWeights: [Double]? = nil, warmStart: LogisticModel? = nil,
        progress: ((Int, Double) -> Void)? = nil
    ) throws -> LogisticModel {
        try checkLabelledRows(x, rows: rows, labels: labels, options: options)
        return try fitTargets(x, rowRange: rows, targets: labels, featureNames: featureNames, options: options,
                              rowWeights: rowWeights, warmStart: warmStart, progress: progress)
    }

    /// The checks every labelled fit makes first: valid options, rows inside the matrix, one 0/1
    /// label per row.
    private static func checkLabelledRows(_ x: DenseMatrix, rows: Range<Int>, labels: [Double], options: LogisticOptions) throws {
        try options.validate()
        guard rows.lowerBound >= 0, rows.upperBound <= x.rows else {
            throw ModelError.dimensionMismatch("rows \(rows.lowerBound)..<\(rows.upperBound) of a \(x.rows)-row matrix")
        }
        guard labels.count == rows.count else {
            throw ModelError.dimensionMismatch("\(labels.count) labels for \(rows.count) rows")
        }
        for (i, y) in labels.enumerated() where y != 0 && y != 1 {
            throw ModelError.invalidLabel(row: i + 1, value: y)
        }
    }

    /// `fit(_:rows:labels:…)` as training runs it: `rigour` `.predictionsOnly` for a model used only
    /// for its predictions on other rows (held-out and calibration fits, see
    /// `LogisticNewton.Rigour`), and the column summary of `rows` when already computed (training
    /// computes those of its nested prefixes in one read, ``ColumnSummary/computePrefixes``).
    static func fitRows(
        _ x: DenseMatrix, rows: Range<Int>, labels: [Double], featureNames: [String], options: LogisticOptions,
        warmStart: LogisticModel?, rigour: LogisticNewton.Rigour, summary: ColumnSummary?,
        progress: ((Int, Double) -> Void)?
    ) throws -> LogisticModel {
        try checkLabelledRows(x, rows: rows, labels: labels, options: options)
        return try fitTargets(x, rowRange: rows, targets: labels, featureNames: featureNames, options: options,
                              rowWeights: nil, warmStart: warmStart, rigour: rigour, summary: summary, progress: progress)
    }

    /// The fit for targets in [0, 1] (0/1 labels, or Platt's smoothed targets).
    static func fitTargets(
        _ x: DenseMatrix, targets: [Double], featureNames: [String], options: LogisticOptions,
        rowWeights: [Double]?, progress: ((Int, Double) -> Void)?
    ) throws -> LogisticModel {
        try fitTargets(x, rowRange: 0..<x.rows, targets: targets, featureNames: featureNames, options: options,
                       rowWeights: rowWeights, progress: progress)
    }

    /// The fit on the rows `rowRange` of `x` (see `fit(_:rows:labels:…)`).
    static func fitTargets(
        _ x: DenseMatrix, rowRange: Range<Int>, targets: [Double], featureNames: [String], options: LogisticOptions,
        rowWeights: [Double]?, warmStart: LogisticModel? = nil, rigour: LogisticNewton.Rigour = .full,
        summary precomputed: ColumnSummary? = nil, progress: ((Int, Double) -> Void)?
    ) throws -> LogisticModel {
        try options.validate()
        let n = rowRange.count, p = x.columns
        guard featureNames.count == p else {
            throw ModelError.dimensionMismatch("\(featureNames.count) feature names for \(p) columns")
        }
        guard targets.count == n else { throw ModelError.dimensionMismatch("\(targets.count) labels for \(n) rows") }
        // Nothing below means anything on an empty or one-row design.
        guard n >= 2 else { throw ModelError.tooFewRows(rows: n, parameters: p + 1) }
        var seen = Set<String>()
        for name in featureNames where !seen.insert(name).inserted { throw ModelError.duplicateFeature(name) }
        for (i, y) in targets.enumerated() where !(y >= 0 && y <= 1) {
            throw ModelError.invalidLabel(row: i + 1, value: y)
        }
        var weightTotal = Double(n)
        if let w = rowWeights {
            guard w.count == n else { throw ModelError.dimensionMismatch("\(w.count) weights for \(n) rows") }
            for (i, v) in w.enumerated() where !(v.isFinite && v >= 0) { throw ModelError.invalidWeight(row: i + 1, value: v) }
            weightTotal = w.reduce(0, +)
            guard weightTotal > 0 else { throw ModelError.invalidOption("row weights sum to zero") }
        }
        let summary = try precomputed ?? ColumnSummary.compute(x, rows: rowRange, featureNames: featureNames)

        // Classes present (a class whose rows all have weight 0 does not count).
        var positiveWeight = 0.0, negativeWeight = 0.0, positives = 0
        for i in 0..<n {
            let w = rowWeights?[i] ?? 1
            positiveWeight += w * targets[i]
            negativeWeight += w * (1 - targets[i])
            if targets[i] > 0.5 { positives += 1 }
        }
        if positiveWeight <= 0 || negativeWeight <= 0 {
            throw ModelError.singleClass(label: positiveWeight > 0 ? 1 : 0, rows: n)
        }

        // Constant features.
        let constant = (0..<p).filter { summary.isConstant($0) }
        if !constant.isEmpty && options.constantFeatures == .refuse {
            throw ModelError.constantFeatures(constant.map { featureNames[$0] })
        }
        let active = (0..<p).filter { !summary.isConstant($0) }
        guard !active.isEmpty else { throw ModelError.noUsableFeatures }
        let parameters = active.count + 1
        guard n > parameters else { throw ModelError.tooFewRows(rows: n, parameters: parameters) }
        let activeNames = active.map { featureNames[$0] }
        let shift = active.map { summary.means[$0] }
        let scale = active.map { 1 / summary.sds[$0] }

        let design = StandardisedDesign(base: x, rowRange: rowRange, columns: active, shift: shift, scale: scale, includesIntercept: true)
        let newton = LogisticNewton(design: design, targets: targets, weights: rowWeights, weightTotal: weightTotal,
                                    options: options, featureNames: activeNames)
        // Events per parameter: below ~10 rows of the rarer class per coefficient, estimates are
        // unstable (Peduzzi et al. 1996). Not an error — say it.
        let rarer = Int(min(positiveWeight, negativeWeight).rounded())
        var notes: [String] = []
        if Double(rarer) < 10 * Double(active.count) {
            notes.append("only \(rarer) \(positiveWeight <= negativeWeight ? "late" : "on-time") rows for \(active.count) features (fewer than 10 per feature): coefficients will be unstable; use fewer features or more history")
        }
        let rate = positiveWeight / weightTotal
        let interceptOnly = log(rate / (1 - rate))
        var start = [Double](repeating: 0, count: parameters)
        start[0] = interceptOnly
        var warm = false
        if let previous = warmStart, previous.featureNames == featureNames,
           previous.rawIntercept.isFinite, previous.rawCoefficients.allSatisfy(\.isFinite) {
            // The previous raw-scale coefficients on this fit's standardised scale.
            var candidate = [Double](repeating: 0, count: parameters)
            candidate[0] = previous.rawIntercept
            for (k, j) in active.enumerated() {
                candidate[k + 1] = previous.rawCoefficients[j] * summary.sds[j]
                candidate[0] += previous.rawCoefficients[j] * summary.means[j]
            }
            if candidate.allSatisfy(\.isFinite) {
                start = candidate
                warm = true
            }
        }
        let outcome = try newton.run(start: start, interceptOnly: interceptOnly, warm: warm, rigour: rigour, progress: progress)
        let nullLL = outcome.nullLogLikelihood

        // Back to one entry per input feature, on both scales.
        var coefficients = [Double](repeating: 0, count: p)
        var rawCoefficients = [Double](repeating: 0, count: p)
        var rawIntercept = outcome.theta[0]
        var standardErrors = [Double](repeating: 0, count: p)
        for (k, j) in active.enumerated() {
            coefficients[j] = outcome.theta[k + 1]
            standardErrors[j] = outcome.standardErrors[k + 1]
            rawCoefficients[j] = outcome.theta[k + 1] / summary.sds[j]
            rawIntercept -= rawCoefficients[j] * summary.means[j]
        }
        let sds = (0..<p).map { constant.contains($0) ? 0 : summary.sds[$0] }
        let report = LogisticFitReport(
            iterations: outcome.iterations, converged: outcome.converged,
            logLikelihood: outcome.logLikelihood, nullLogLikelihood: nullLL,
            penalisedObjective: outcome.penalisedObjective, gradientNorm: outcome.gradientNorm,
            stepHalvings: outcome.stepHalvings, l2: options.l2, rows: n, positives: positives,
            weightTotal: weightTotal, droppedConstantFeatures: constant.map { featureNames[$0] },
            interceptStandardError: outcome.standardErrors[0], standardErrors: standardErrors, notes: notes + outcome.notes)
        return LogisticModel(
            featureNames: featureNames,
            standardisation: FeatureStandardisation(means: summary.means, sds: sds),
            intercept: outcome.theta[0], coefficients: coefficients,
            rawIntercept: rawIntercept, rawCoefficients: rawCoefficients, report: report)
    }
}
