/// How a logistic fit got where it is: the figures statsmodels prints in its results summary.
///
/// Read `converged` before trusting the coefficients; `gradientNorm` near zero and a small
/// `iterations` count (Newton usually needs 5–10) are the signs of a clean fit.
public struct LogisticFitReport: Codable, Sendable, Equatable {
    /// Newton iterations taken (steps accepted).
    public var iterations: Int
    /// Whether a stopping rule (gradient or relative change) was met.
    public var converged: Bool
    /// Σᵢ wᵢ [yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ)] at the solution.
    public var logLikelihood: Double
    /// Log-likelihood of the intercept-only model (statsmodels `llnull`).
    public var nullLogLikelihood: Double
    /// The minimised objective −logLikelihood + (λ/2)‖β‖².
    public var penalisedObjective: Double
    /// max |∂f/∂θ| at the solution (intercept included), on the standardised scale.
    public var gradientNorm: Double
    /// Step halvings needed over the whole fit (0 for a well-behaved problem).
    public var stepHalvings: Int
    /// λ used.
    public var l2: Double
    /// Training rows and how many were labelled 1 (late; targets above ½ for smoothed targets).
    public var rows: Int
    public var positives: Int
    /// Σ of row weights (equals `rows` without weights).
    public var weightTotal: Double
    /// Features left out because they were constant (policy `.drop`).
    public var droppedConstantFeatures: [String]
    /// Standard error of the standardised intercept and of each standardised coefficient (one per
    /// input feature, 0 for a dropped one): √diag of the inverse (penalised) information matrix at
    /// the solution. With λ = 0 these are statsmodels' `bse` on the standardised design; with λ > 0
    /// they are the usual ridge approximation and understate nothing important at large n.
    public var interceptStandardError: Double
    public var standardErrors: [Double]
    /// Warnings that did not stop the fit: too few rows of the rarer class per feature, and
    /// collinearity (only with λ > 0, where the fit is still well defined).
    public var notes: [String]

    /// McFadden's pseudo-R²: 1 − ℓ / ℓ₀ (statsmodels `prsquared`).
    public var pseudoRSquared: Double {
        nullLogLikelihood < 0 ? 1 - logLikelihood / nullLogLikelihood : 0
    }
}
