extension SymmetricMatrix {
    /// This matrix with every eigenvalue below `minimum` raised to `minimum` (V·max(Λ, minimum)·Vᵀ),
    /// and how many eigenvalues were raised.
    ///
    /// A robust scatter estimated on half the data can be singular when a feature is constant on
    /// that half (terms of 30 days for most invoices): it then has no Cholesky factor and no
    /// determinant. Raising only the tiny eigenvalues keeps every well-estimated direction exactly as
    /// it was and gives the degenerate ones a small, documented variance, a ridge applied only where
    /// needed. Uses ``SymmetricEigen`` (LAPACK `dsyevd`).
    public func flooringEigenvalues(atLeast minimum: Double) throws -> (matrix: SymmetricMatrix, raised: Int, eigenvalues: [Double]) {
        let e = try SymmetricEigen(self)
        let p = order
        var raised = 0
        var lambda = e.values
        for k in 0..<p where lambda[k] < minimum {
            lambda[k] = minimum
            raised += 1
        }
        guard raised > 0 else { return (self, 0, e.values) }
        var out = SymmetricMatrix(zeros: p)
        e.vectors.withUnsafeBufferPointer { v in
            out.storage.withUnsafeMutableBufferPointer { o in
                for k in 0..<p {
                    let lk = lambda[k]
                    let vk = v.baseAddress! + k * p
                    for i in 0..<p {
                        let a = lk * vk[i]
                        for j in 0...i { o[i * p + j] += a * vk[j] }
                    }
                }
                for i in 0..<p { for j in 0..<i { o[j * p + i] = o[i * p + j] } }
            }
        }
        return (out, raised, lambda)
    }
}
