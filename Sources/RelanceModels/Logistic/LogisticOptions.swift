/// What to do with a feature that takes a single value in the training rows.
public enum ConstantFeaturePolicy: String, Codable, Sendable, CaseIterable {
    /// Leave it out of the fit (coefficient 0), name it in the fit report, carry on.
    /// The model keeps it in its schema so scoring matrices keep the same columns.
    case drop
    /// Refuse to fit (`ModelError.constantFeatures`), naming the features.
    case refuse
}

/// How ``LogisticRegression`` fits: penalty, stopping rules and guards.
///
/// The objective minimised is
///
///     f(β₀, β) = −Σᵢ wᵢ [yᵢ ηᵢ − log(1 + e^ηᵢ)] + (λ/2)‖β‖²,   ηᵢ = β₀ + Σⱼ βⱼ zᵢⱼ
///
/// where zᵢⱼ = (xᵢⱼ − meanⱼ) / sdⱼ uses the column mean and the *population* standard
/// deviation (ddof = 0, as scikit-learn's `StandardScaler`), wᵢ are row weights (1 by default)
/// and the intercept β₀ is not penalised. It is scikit-learn's `LogisticRegression` objective
/// (`C·Σloss + ½‖w‖²`) on the standardised design divided by C, so λ = 1/C.
/// `l2 = 0` gives the maximum-likelihood fit (statsmodels `Logit`) when it exists.
public struct LogisticOptions: Codable, Sendable, Equatable {
    /// λ, the L2 penalty on standardised coefficients. Default 1.0: negligible shrinkage once
    /// there are thousands of invoices (the log-likelihood grows with n, the penalty does not), yet
    /// it keeps the fit finite under separation and collinearity on small histories.
    public var l2: Double
    /// Newton iterations allowed before giving up (the report then says `converged: false`).
    public var maxIterations: Int
    /// Converged when max |∂f/∂θ| ≤ gradientTolerance · Σw (the mean per-row gradient).
    public var gradientTolerance: Double
    /// Also converged when an accepted step lowers f by at most this fraction of |f|.
    /// (A step is accepted when f does not increase by more than 1e-12·|f|, the rounding
    /// level of a sum over rows, so the penalised log-likelihood never decreases beyond rounding.)
    public var relativeTolerance: Double
    /// Halvings tried per iteration before the step is declared unable to lower f.
    public var maxStepHalvings: Int
    /// With `l2 = 0`, a standardised coefficient beyond this bound is read as divergence
    /// (separation). e^30 per standard deviation is not a real-world effect.
    public var separationBound: Double
    /// What to do with constant features.
    public var constantFeatures: ConstantFeaturePolicy
    /// A feature whose unexplained share of variance given the intercept and the earlier
    /// features (1 − R², row-weighted) is below this is collinear: refused with `l2 = 0`, noted
    /// in the report otherwise.
    public var collinearityTolerance: Double

    public init(l2: Double = 1.0, maxIterations: Int = 100, gradientTolerance: Double = 1e-10,
                relativeTolerance: Double = 1e-13, maxStepHalvings: Int = 40,
                separationBound: Double = 30, constantFeatures: ConstantFeaturePolicy = .drop,
                collinearityTolerance: Double = 1e-10) {
        self.l2 = l2
        self.maxIterations = maxIterations
        self.gradientTolerance = gradientTolerance
        self.relativeTolerance = relativeTolerance
        self.maxStepHalvings = maxStepHalvings
        self.separationBound = separationBound
        self.constantFeatures = constantFeatures
        self.collinearityTolerance = collinearityTolerance
    }

    /// The defaults (λ = 1).
    public static let standard = LogisticOptions()
    /// Maximum likelihood (λ = 0), as statsmodels `Logit`.
    public static let maximumLikelihood = LogisticOptions(l2: 0)

    func validate() throws {
        guard l2.isFinite, l2 >= 0 else { throw ModelError.invalidOption("l2 must be a finite number ≥ 0, got \(l2)") }
        guard maxIterations >= 1 else { throw ModelError.invalidOption("maxIterations must be ≥ 1") }
        guard gradientTolerance >= 0, relativeTolerance >= 0 else { throw ModelError.invalidOption("tolerances must be ≥ 0") }
        guard maxStepHalvings >= 0 else { throw ModelError.invalidOption("maxStepHalvings must be ≥ 0") }
        guard separationBound > 0 else { throw ModelError.invalidOption("separationBound must be > 0") }
    }
}
