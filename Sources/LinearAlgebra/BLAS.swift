import CLAPACK

/// Safe Swift entry points over the BLAS/LAPACK routines Relance uses.
///
/// Each function checks dimensions, converts to Fortran integers and turns LAPACK's `info` into
/// a ``LinearAlgebraError``. Which BLAS runs (reference or OpenBLAS) is decided by Debian's
/// alternatives at load time; results agree to ~1e-9.
public enum BLAS {
    /// XᵀWX for a row-major design `x` and non-negative row weights `w`, without a weighted copy of X.
    ///
    /// Rows are processed in blocks: each block is scaled by √w into a small scratch buffer and
    /// accumulated with `dsyrk` (β = 1). `weights == nil` means all ones. Negative weights are
    /// clamped to zero (they cannot come from a logistic variance).
    public static func weightedGram(_ x: DenseMatrix, weights: [Double]?, blockRows: Int = 8192) throws -> SymmetricMatrix {
        let p = x.columns, n = x.rows
        var result = SymmetricMatrix(zeros: p)
        guard p > 0 else { return result }
        if let w = weights { precondition(w.count == n, "one weight per row") }
        var pF = try fortranInt(p)
        var ldc = pF
        var alpha = 1.0, beta = 1.0
        let block = max(1, min(blockRows, n))
        var scratch = [Double](repeating: 0, count: block * p)
        var start = 0
        try x.values.withUnsafeBufferPointer { xv in
            try result.storage.withUnsafeMutableBufferPointer { c in
                try scratch.withUnsafeMutableBufferPointer { s in
                    while start < n {
                        let m = min(block, n - start)
                        var k = try fortranInt(m)
                        var lda = pF
                        if let w = weights {
                            for r in 0..<m {
                                let sw = max(0, w[start + r]).squareRoot()
                                let src = (start + r) * p, dst = r * p
                                for j in 0..<p { s[dst + j] = xv[src + j] * sw }
                            }
                            dsyrk_("L", "N", &pF, &k, &alpha, s.baseAddress, &lda, &beta, c.baseAddress, &ldc, 1, 1)
                        } else {
                            dsyrk_("L", "N", &pF, &k, &alpha, xv.baseAddress! + start * p, &lda, &beta, c.baseAddress, &ldc, 1, 1)
                        }
                        start += m
                    }
                }
            }
        }
        result.mirrorLowerColumnMajor()
        return result
    }

    /// y = X·b for a row-major X (p columns) and a vector b of length p.
    ///
    /// Row-major n×p is column-major p×n, so X·b is one `dgemv` with "T"; see
    /// ``multiply(_:_:rows:)``, which this calls for all rows.
    public static func multiply(_ x: DenseMatrix, _ b: [Double]) throws -> [Double] {
        try multiply(x, b, rows: 0..<x.rows)
    }

    /// Xᵀ·v for a row-major X and a vector v with one entry per row.
    public static func transposeMultiply(_ x: DenseMatrix, _ v: [Double]) throws -> [Double] {
        precondition(v.count == x.rows, "vector length must equal the row count")
        var y = [Double](repeating: 0, count: x.columns)
        guard x.rows > 0, x.columns > 0 else { return y }
        var m = try fortranInt(x.columns), n = try fortranInt(x.rows)
        var lda = m, inc: Int32 = 1, incy: Int32 = 1
        var alpha = 1.0, beta = 0.0
        x.values.withUnsafeBufferPointer { a in
            v.withUnsafeBufferPointer { vp in
                y.withUnsafeMutableBufferPointer { yp in
                    dgemv_("N", &m, &n, &alpha, a.baseAddress, &lda, vp.baseAddress, &inc, &beta, yp.baseAddress, &incy, 1)
                }
            }
        }
        return y
    }
}
