/// Read-outs of a Cholesky factor used to diagnose near-singular systems.
extension Cholesky {
    /// The diagonal of L (A = LLᵀ), all positive.
    ///
    /// `diagonal[k]²` is the variance of column k of A's "design" left after projecting out
    /// columns 0..<k (for a correlation matrix, 1 − R²ₖ), so a tiny entry names the column that is
    /// (nearly) a combination of earlier ones even when `dpotrf` itself did not fail.
    public var diagonal: [Double] {
        (0..<order).map { factor[$0 * order + $0] }
    }
}

extension SymmetricMatrix {
    /// The leading `k × k` block (rows and columns 0..<k).
    public func leading(_ k: Int) -> SymmetricMatrix {
        precondition(k >= 0 && k <= order, "block size out of range")
        var out = SymmetricMatrix(zeros: k)
        for j in 0..<k {
            for i in 0..<k { out.storage[j * k + i] = storage[j * order + i] }
        }
        return out
    }
}
