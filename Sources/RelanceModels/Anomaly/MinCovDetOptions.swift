/// Settings of the FastMCD search; the defaults follow Rousseeuw & Van Driessen (1999).
public struct MinCovDetOptions: Sendable, Codable, Equatable {
    /// Share h/n of the rows the raw estimate is computed on. nil → the maximal-breakdown choice
    /// h = ⌈(n + p + 1) / 2⌉ (scikit-learn's default), which resists up to ~50 % contamination;
    /// a larger fraction is more efficient on clean data but breaks down earlier.
    public var supportFraction: Double?
    /// Seed of the random starts: the same data and seed give the same estimate, bit for bit.
    public var seed: UInt64
    /// Random (p + 1)-point starts in total (spread over the subsets when n is large).
    public var trials: Int
    /// Size of each subset in the nested search for large n (the paper's 300).
    public var subsetSize: Int
    /// At most this many subsets (the paper's 5, so the merged set has at most 1500 rows).
    public var maximumSubsets: Int
    /// Best candidates kept per subset after two concentration steps.
    public var candidatesPerSubset: Int
    /// Best candidates kept on the merged set, then iterated to convergence on all rows.
    public var mergedCandidates: Int
    /// Cap on concentration steps per candidate in the final stage (they converge in a handful).
    public var maximumConcentrationSteps: Int
    /// Eigenvalues of a scatter below this fraction of the mean eigenvalue are raised to it (see
    /// `SymmetricMatrix.flooringEigenvalues(atLeast:)`); keeps determinants and distances finite
    /// when the support is flat in some direction. Tiny by default so a regular sample is untouched.
    public var relativeEigenvalueFloor: Double
    /// Reweighting keeps the rows whose corrected squared distance is below this χ²ₚ quantile.
    public var reweightingQuantile: Double

    public init(
        supportFraction: Double? = nil, seed: UInt64 = 0x5EED_2026, trials: Int = 500, subsetSize: Int = 300,
        maximumSubsets: Int = 5, candidatesPerSubset: Int = 10, mergedCandidates: Int = 10,
        maximumConcentrationSteps: Int = 100, relativeEigenvalueFloor: Double = 1e-10,
        reweightingQuantile: Double = 0.975
    ) {
        self.supportFraction = supportFraction
        self.seed = seed
        self.trials = trials
        self.subsetSize = subsetSize
        self.maximumSubsets = maximumSubsets
        self.candidatesPerSubset = candidatesPerSubset
        self.mergedCandidates = mergedCandidates
        self.maximumConcentrationSteps = maximumConcentrationSteps
        self.relativeEigenvalueFloor = relativeEigenvalueFloor
        self.reweightingQuantile = reweightingQuantile
    }
}

/// SplitMix64: a small, fast, seedable generator so robust fits are reproducible across runs and
/// platforms (the system generator is neither seedable nor stable).
struct MinCovDetRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<bound (bound > 0), Lemire's multiply-shift (bias < 2⁻³² for our bounds).
    mutating func below(_ bound: Int) -> Int {
        Int((UInt64(truncatingIfNeeded: next() >> 32) &* UInt64(bound)) >> 32)
    }
}
