import Foundation
import LinearAlgebra

/// Penalised Newton–Raphson (IRLS) for the logistic log-likelihood on a standardised design.
///
/// Shared by ``LogisticRegression`` and ``PlattCalibrator``. θ = (β₀, β₁…βₖ) on the design scale;
/// the intercept (design column 0) is not penalised. Each iteration: gradient Aᵀ(w∘(y − p)) − λβ,
/// Hessian AᵀVA + λI (V = w∘p(1 − p)), Cholesky solve (`dpotrf`/`dpotrs`), then step halving until
/// the penalised objective does not increase. The likelihood, Hessian and gradient at a trial point
/// come from one fused read of X (``LogisticPass``): the full step is evaluated with its Hessian,
/// which the next iteration then uses.
struct LogisticNewton {
    let design: StandardisedDesign
    /// Targets in [0, 1] (0/1 labels, or smoothed targets for Platt scaling).
    let targets: [Double]
    let weights: [Double]?
    let weightTotal: Double
    let options: LogisticOptions
    /// Names of the design columns after the intercept.
    let featureNames: [String]

    struct Outcome {
        var theta: [Double]
        var iterations: Int
        var converged: Bool
        var logLikelihood: Double
        /// At the intercept-only point (the cold start).
        var nullLogLikelihood: Double
        var penalisedObjective: Double
        var gradientNorm: Double
        var stepHalvings: Int
        /// √diag((AᵀVA + λI)⁻¹) at the solution, intercept first.
        var standardErrors: [Double]
        /// Warnings that did not stop the fit (collinearity under a penalty).
        var notes: [String]
    }

    /// How much of a fit's report must come out exactly as a cold start computes it.
    enum Rigour {
        /// Everything: collinearity judged on the intercept-only Hessian in the arithmetic of the
        /// sequential blocked Gram (`StandardisedDesign.weightedGram`), and coefficients polished by
        /// one more Newton step when the pending step would still move one by more than 1e-9 of its size.
        case full
        /// A fit used only for its predictions on other rows (held-out evaluation, calibration
        /// slice), with a penalty: collinearity notes, which nobody reads, are judged on the first
        /// Hessian computed, and the coefficients are left at the convergence tolerance.
        case predictionsOnly
    }

    /// Runs Newton from `start`. `interceptOnly` is the intercept-only start β₀ = logit(rate): a
    /// cold start is exactly that point; a warm start (`start` elsewhere, e.g. the coefficients of
    /// a fit on fewer rows) still judges collinearity and the null log-likelihood there, so the
    /// report does not depend on where Newton started.
    func run(
        start: [Double], interceptOnly b0: Double, warm: Bool, rigour: Rigour = .full, progress: ((Int, Double) -> Void)?
    ) throws -> Outcome {
        let q = design.order
        let lambda = options.l2
        let pass = LogisticPass(design: design, targets: targets, weights: weights)
        var theta = start
        var current: LogisticPass.Totals
        var collinearityHessian: SymmetricMatrix? = nil
        if rigour == .full || lambda == 0 {
            // The intercept-only Hessian exactly as the sequential blocked Gram computes it, so the
            // collinearity verdict (a threshold on Cholesky pivots) never depends on the start or on
            // how a parallel pass split the rows.
            // It is one sequential read of X: computed on its own thread while the first (parallel)
            // pass runs, so no core waits for it.
            let e0 = exp(-abs(b0))
            let p0 = b0 >= 0 ? 1 / (1 + e0) : e0 / (1 + e0)
            let gramOutcome = HandOff<Result<SymmetricMatrix, Error>>()
            let gramDone = DispatchGroup()
            let design = self.design, weights = self.weights
            DispatchQueue.global(qos: .userInitiated).async(group: gramDone) {
                gramOutcome.put(Result {
                    try weights.map { w in try design.weightedGram(weights: w.map { $0 * p0 * (1 - p0) }) }
                        ?? design.weightedGram(constantWeight: p0 * (1 - p0))
                })
            }
            let first = Result { try pass.run(theta: theta, mode: warm ? .full : .gradient, interceptOnly: warm ? b0 : nil) }
            gramDone.wait()
            guard let h0Result = gramOutcome.take() else { throw ModelError.singularHessian("internal: no intercept-only Hessian") }
            let h0 = try h0Result.get()
            collinearityHessian = h0
            current = try first.get()
            // A cold start is at that point: h0 is its Hessian.
            if !warm { current.hessian = h0 }
        } else {
            current = try pass.run(theta: theta, mode: .full, interceptOnly: warm ? b0 : nil)
        }
        let nullLL = warm ? current.interceptOnlyLogLikelihood ?? current.logLikelihood : current.logLikelihood
        var ll = current.logLikelihood
        var f = -ll + penalty(theta)
        var iterations = 0, halvings = 0
        var converged = false, stalled = false
        var gradientNorm = Double.infinity
        var notes: [String] = []
        var finalFactor: Cholesky? = nil
        var finalGradient: [Double] = []
        var previousNorm: Double? = nil
        let tolerance = options.gradientTolerance * max(weightTotal, 1)

        /// The penalised gradient and its largest component at θ.
        func penalisedGradient(_ totals: LogisticPass.Totals, _ theta: [Double]) -> ([Double], Double) {
            var gradient = totals.gradient
            for j in 1..<max(q, 1) { gradient[j] -= lambda * theta[j] }
            return (gradient, gradient.reduce(0) { max($0, abs($1)) })
        }

        /// The penalised Hessian's Cholesky factor at θ.
        func factorisedHessian(_ totals: LogisticPass.Totals) throws -> Cholesky {
            guard var hessian = totals.hessian else { throw ModelError.singularHessian("internal: no Hessian at the current point") }
            for j in 1..<max(q, 1) { hessian[j, j] += lambda }
            do {
                return try Cholesky(hessian)
            } catch LinearAlgebraError.notPositiveDefinite(_, let minor) {
                let involved = minor >= 2 && minor - 2 < featureNames.count ? [featureNames[minor - 2]] : []
                if lambda == 0 {
                    throw singleFeatureSeparation() ?? ModelError.separation(
                        features: involved, detail: "the information matrix became singular after \(iterations) iterations (fitted probabilities at 0 or 1)")
                }
                throw ModelError.singularHessian("the penalised information matrix is not positive definite at \(involved.first.map { "feature '\($0)'" } ?? "the intercept")")
            }
        }

        while true {
            if iterations == 0, let h = collinearityHessian ?? current.hessian {
                // At the intercept-only start every row has the same variance, so this Hessian is
                // (a multiple of) the weighted Gram matrix of [1, Z]: judge collinearity on it.
                if let error = try collinearity(h) {
                    if lambda == 0 { throw error }
                    notes.append("\(error.description.components(separatedBy: ": its coefficient").first ?? error.description); the L2 penalty shares the effect between them")
                }
            }
            // Hessian and gradient at the current θ come from the pass that evaluated it. A pass
            // predicted to be the last brings no Hessian: the previous factor then stands in.
            let (gradient, norm) = penalisedGradient(current, theta)
            gradientNorm = norm
            finalGradient = gradient
            if current.hessian != nil { finalFactor = try factorisedHessian(current) }
            guard let factor = finalFactor else { throw ModelError.singularHessian("internal: no Hessian factor") }
            if gradientNorm <= tolerance || stalled {
                converged = true
                break
            }
            if iterations >= options.maxIterations { break }
            let delta = try factor.solve(gradient)

            // The full step is usually accepted, so its pass computes the Hessian and gradient
            // there too; a halved step is judged on the likelihood alone, then evaluated in full.
            // A fit kept only for its predictions skips the Hessian of a point Newton's quadratic
            // convergence (g' ≈ g³/g₋₁²) predicts to be converged: nothing would use it.
            var trialMode = LogisticPass.Mode.full
            if rigour == .predictionsOnly, current.hessian != nil, let previous = previousNorm, previous > 0,
               norm * norm * norm / (previous * previous) <= 0.1 * tolerance {
                trialMode = .gradient
            }
            previousNorm = norm
            var step = 1.0
            var accepted: (theta: [Double], totals: LogisticPass.Totals, ll: Double, f: Double)? = nil
            for attempt in 0...options.maxStepHalvings {
                if attempt > 0 { step *= 0.5; halvings += 1 }
                var candidate = theta
                for j in 0..<q { candidate[j] += step * delta[j] }
                let trial = try pass.run(theta: candidate, mode: attempt == 0 ? trialMode : .likelihood)
                let candidateLL = trial.logLikelihood
                let candidateF = -candidateLL + penalty(candidate)
                // "Never increases" up to the rounding of a sum of n terms: near the optimum the
                // true decrease of a Newton step is below that noise and must not be rejected.
                if candidateF.isFinite && candidateF <= f + 1e-12 * max(abs(f), 1) {
                    accepted = (candidate, trial, candidateLL, candidateF)
                    break
                }
            }
            guard let next = accepted else {
                // No step lowers f: we are at the optimum to rounding, or the problem is broken.
                converged = gradientNorm <= 1e-6 * max(weightTotal, 1)
                break
            }
            let relativeChange = (f - next.f) / max(abs(next.f), 1)
            theta = next.theta
            ll = next.ll
            f = next.f
            current = next.totals.gradient.isEmpty ? try pass.run(theta: theta, mode: .full) : next.totals
            iterations += 1
            progress?(iterations, ll)
            if lambda == 0 { try checkSeparation(theta: theta, logLikelihood: ll) }
            if relativeChange <= options.relativeTolerance { stalled = true }
        }
        guard let finalFactor else { throw ModelError.singularHessian("internal: no Hessian factor") }

        // Polish: the tolerance stops Newton wherever the gradient first falls below it, which after
        // a warm start can leave a small coefficient a few 1e-8 of itself from the optimum that a
        // cold start (whose last step happened to overshoot the tolerance further) reaches. One more
        // step with the factor at hand brings it to rounding level; it is kept only if f does not
        // rise. The step is ~1e-9 of the coefficients, so the Hessian (standard errors) is left as
        // it was at the previous point: only likelihood and gradient are evaluated.
        if rigour == .full && converged && iterations < options.maxIterations {
            let delta = try finalFactor.solve(finalGradient)
            if (0..<q).contains(where: { abs(delta[$0]) > 1e-9 * abs(theta[$0]) }) {
                var candidate = theta
                for j in 0..<q { candidate[j] += delta[j] }
                let trial = try pass.run(theta: candidate, mode: .gradient)
                let candidateF = -trial.logLikelihood + penalty(candidate)
                let (_, norm) = penalisedGradient(trial, candidate)
                if candidateF.isFinite && candidateF <= f + 1e-12 * max(abs(f), 1) && norm <= gradientNorm {
                    theta = candidate
                    ll = trial.logLikelihood
                    f = candidateF
                    gradientNorm = norm
                    iterations += 1
                    progress?(iterations, ll)
                    if lambda == 0 { try checkSeparation(theta: theta, logLikelihood: ll) }
                }
            }
        }

        // Curvature at the solution: standard errors, and the test for quasi-separation that a
        // converged-looking fit can hide (coefficients still drifting, but too slowly for f to notice).
        var standardErrors = [Double](repeating: .infinity, count: q)
        let inverse = try finalFactor.inverse()
        for j in 0..<q { standardErrors[j] = max(inverse[j, j], 0).squareRoot() }
        if lambda == 0 {
            // A standardised coefficient's standard error is about 1/√(Σw·p(1−p)) for real data
            // (√Σw·se of order 1–30); under separation it grows like e^{|η|/2}.
            let scaleFree = standardErrors.dropFirst().map { $0 * max(weightTotal, 1).squareRoot() }
            let exploding = scaleFree.indices.filter { scaleFree[$0] > 1e4 }
            if !exploding.isEmpty {
                throw singleFeatureSeparation() ?? ModelError.separation(
                    features: exploding.sorted { scaleFree[$0] > scaleFree[$1] }.map { featureNames[$0] },
                    detail: "some rows are fitted with probability 0 or 1 and their coefficients' standard errors explode")
            }
        }
        return Outcome(theta: theta, iterations: iterations, converged: converged, logLikelihood: ll,
                       nullLogLikelihood: nullLL, penalisedObjective: f, gradientNorm: gradientNorm, stepHalvings: halvings,
                       standardErrors: standardErrors, notes: notes)
    }

    /// The first feature that is (almost) a linear combination of the intercept and earlier
    /// features, judged on an unpenalised Hessian H = c·AᵀWA with the intercept first.
    ///
    /// The Cholesky pivot Lₖₖ² / Hₖₖ equals 1 − R²ₖ of design column k regressed on columns 0..<k;
    /// the partners are the non-negligible coefficients of that regression (the intercept is
    /// left out of the list: an empty list means "constant given the intercept").
    ///
    /// Never throws a ``LinearAlgebra/LinearAlgebraError``: a design with two exact collinearities
    /// (a one-hot group with every level, plus a second such group) has, at the earlier one, a
    /// pivot that is rounding noise of either sign. `dpotrf` on the whole H may round it above 0
    /// and stop at the later column, while `dpotrf` on the leading block, which sums in another
    /// order (OpenBLAS factors blocks above order 32 and small ones column by column), rounds it
    /// below 0. The earlier column is then the first collinear one, and it is the one named.
    func collinearity(_ h: SymmetricMatrix) throws -> ModelError? {
        let q = h.order
        guard q >= 2 else { return nil }
        var failing: Int? = nil
        do {
            let diagonal = try Cholesky(h).diagonal
            failing = (1..<q).first { diagonal[$0] * diagonal[$0] < options.collinearityTolerance * h[$0, $0] }
        } catch LinearAlgebraError.notPositiveDefinite(_, let minor) {
            failing = minor - 1
        }
        guard var k = failing, k >= 1 else { return nil }
        // Regress column k on columns 0..<k; if their block does not factor, an earlier column
        // is (numerically) collinear: regress that one instead. k falls at every turn.
        var leading: Cholesky? = nil
        while leading == nil {
            do {
                leading = try Cholesky(h.leading(k))
            } catch LinearAlgebraError.notPositiveDefinite(_, let minor) where minor >= 2 && minor <= k {
                k = minor - 1
            } catch LinearAlgebraError.notPositiveDefinite {
                throw ModelError.singularHessian("the information matrix is not positive definite at the intercept")
            } catch {
                throw ModelError.singularHessian("\(error)")
            }
        }
        guard let factor = leading else { return nil }
        let rhs = (0..<k).map { h[$0, k] }
        let c: [Double]
        do {
            c = try factor.solve(rhs)
        } catch {
            throw ModelError.singularHessian("\(error)")
        }
        let size = (0..<k).map { abs(c[$0]) * (h[$0, $0] / h[k, k]).squareRoot() }
        let partners = (1..<max(k, 1)).filter { size[$0] > 1e-6 }.sorted { size[$0] > size[$1] }
        return .collinearFeatures(feature: featureNames[k - 1], combinationOf: partners.map { featureNames[$0 - 1] })
    }

    func penalty(_ theta: [Double]) -> Double {
        guard options.l2 > 0 else { return 0 }
        var s = 0.0
        for j in 1..<max(theta.count, 1) { s += theta[j] * theta[j] }
        return 0.5 * options.l2 * s
    }

    /// Without a penalty, diverging coefficients or a log-likelihood reaching 0 mean the maximum
    /// does not exist: stop and say which features are responsible.
    func checkSeparation(theta: [Double], logLikelihood ll: Double) throws {
        let coefficients = Array(theta.dropFirst())
        let largest = coefficients.reduce(0) { max($0, abs($1)) }
        let perfect = ll > -1e-9 * max(weightTotal, 1)
        guard largest > options.separationBound || perfect else { return }
        if let single = singleFeatureSeparation() { throw single }
        let involved = coefficients.indices
            .filter { abs(coefficients[$0]) >= 0.25 * largest }
            .sorted { abs(coefficients[$0]) > abs(coefficients[$1]) }
            .map { featureNames[$0] }
        let detail = perfect
            ? "every training row is fitted with probability 0 or 1 (log-likelihood \(ll))"
            : String(format: "standardised coefficients diverge (largest |β| = %.1f per standard deviation)", largest)
        throw ModelError.separation(features: involved, detail: detail)
    }

    /// A feature on which every late row lies on one side of every on-time row.
    func singleFeatureSeparation() -> ModelError? {
        let k = featureNames.count, n = design.rows, p = design.base.columns, first = design.rowRange.lowerBound
        for j in 0..<k {
            let c = design.columns[j]
            var lo1 = Double.infinity, hi1 = -Double.infinity, lo0 = Double.infinity, hi0 = -Double.infinity
            for i in 0..<n where (weights?[i] ?? 1) > 0 {
                let v = design.base.values[(first + i) * p + c]
                if targets[i] >= 1 { lo1 = min(lo1, v); hi1 = max(hi1, v) } else if targets[i] <= 0 { lo0 = min(lo0, v); hi0 = max(hi0, v) }
            }
            guard lo1.isFinite, lo0.isFinite else { continue }
            if hi0 <= lo1 {
                return .separation(features: [featureNames[j]], detail: "'\(featureNames[j])' alone separates the classes: every late row has \(featureNames[j]) ≥ \(lo1) and every on-time row has \(featureNames[j]) ≤ \(hi0)")
            }
            if hi1 <= lo0 {
                return .separation(features: [featureNames[j]], detail: "'\(featureNames[j])' alone separates the classes: every late row has \(featureNames[j]) ≤ \(hi1) and every on-time row has \(featureNames[j]) ≥ \(lo0)")
            }
        }
        return nil
    }
}

/// 1 / (1 + e^−η), accurate in both tails.
@inline(__always) func logistic(_ eta: Double) -> Double {
    if eta >= 0 { return 1 / (1 + exp(-eta)) }
    let e = exp(eta)
    return e / (1 + e)
}

/// log(1 + e^η) without overflow.
@inline(__always) func softplus(_ eta: Double) -> Double {
    eta > 0 ? eta + log1p(exp(-eta)) : log1p(exp(eta))
}
