/// How the IRLS/Newton fit ended, as statsmodels reports it.
public struct ConvergenceSummary: Sendable, Codable, Equatable {
    public var iterations: Int
    public var converged: Bool
    public var finalLogLikelihood: Double?
    public var gradientNorm: Double?
    /// L2 penalty strength used.
    public var l2Penalty: Double?

    public init(iterations: Int, converged: Bool, finalLogLikelihood: Double? = nil, gradientNorm: Double? = nil,
                l2Penalty: Double? = nil) {
        self.iterations = iterations
        self.converged = converged
        self.finalLogLikelihood = finalLogLikelihood
        self.gradientNorm = gradientNorm
        self.l2Penalty = l2Penalty
    }
}
