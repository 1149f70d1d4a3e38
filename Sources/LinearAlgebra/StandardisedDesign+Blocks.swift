import CLAPACK

/// Block-level pieces of a pass over a standardised design, for callers that fuse several
/// per-row computations into one read of X (Newton's method for a GLM: linear predictor, working
/// weights, log-likelihood, gradient and Hessian, block by block while the block is in cache).
///
/// `weightedGram(weights:transposeProduct:)` needs the weights of every row before it starts, so a
/// Newton iteration reads X twice (once for η = Xβ, once for XᵀWX). These entry points work on one
/// block of design rows at a time with caller-owned buffers: compute the block's η, derive its
/// weights, then accumulate its share of AᵀWA and Aᵀv — and, because each call touches only the
/// given rows and buffers, disjoint blocks can run on different threads with per-thread buffers.
extension StandardisedDesign {
    /// The coefficients of `b` (design scale, intercept first when the design has one) mapped to
    /// the raw columns, and the constant that absorbs the intercept and the shifts: A·b = X·raw + constant.
    /// The same mapping `multiply(_:)` uses.
    public func rawCoefficients(_ b: [Double]) -> (raw: [Double], constant: Double) {
        precondition(b.count == order, "vector length must equal the design order")
        let off = includesIntercept ? 1 : 0
        var raw = [Double](repeating: 0, count: base.columns)
        var constant = includesIntercept ? b[0] : 0
        for (j, c) in columns.enumerated() {
            let r = b[off + j] * scale[j]
            raw[c] += r
            constant -= r * shift[j]
        }
        return (raw, constant)
    }

    /// A·b for the design rows `rows` only, written to `out` (`rows.count` values), given the
    /// mapping from ``rawCoefficients(_:)``. One `dgemv` on the raw rows in place.
    public func linearPredictor(
        raw: UnsafePointer<Double>, constant: Double, rows: Range<Int>, into out: UnsafeMutablePointer<Double>
    ) throws {
        precondition(rows.lowerBound >= 0 && rows.upperBound <= self.rows, "row range out of bounds")
        let count = rows.count
        guard count > 0 else { return }
        guard base.columns > 0 else {
            for i in 0..<count { out[i] = constant }
            return
        }
        var m = try fortranInt(base.columns), n = try fortranInt(count)
        var lda = m, inc: Int32 = 1, incy: Int32 = 1
        var alpha = 1.0, beta = 0.0
        let first = rowRange.lowerBound + rows.lowerBound
        base.values.withUnsafeBufferPointer { a in
            dgemv_("T", &m, &n, &alpha, a.baseAddress! + first * base.columns, &lda, raw, &inc, &beta, out, &incy, 1)
        }
        if constant != 0 {
            for i in 0..<count { out[i] += constant }
        }
    }

    /// Adds the design rows `rows` to a weighted Gram matrix and (optionally) a transpose product:
    /// `gram += AᵀWA` (lower triangle, column-major, `order × order`, via `dsyrk` with β = 1) and
    /// `product += Aᵀv`, for the rows' weights `weights[0..<rows.count]` (negative ones count as 0)
    /// and vector entries `vector[0..<rows.count]`. Without `gram` only the product is accumulated
    /// (no scratch is written).
    ///
    /// `scratch` must hold `rows.count × order` values. The arithmetic per row is that of
    /// `weightedGram(weights:transposeProduct:)`: row `[√w, (x − shift)·scale·√w]`. Callers mirror
    /// the triangle when they are done (``SymmetricMatrix/init(lowerColumnMajor:order:)``).
    public func accumulateWeightedGram(
        rows: Range<Int>, weights: UnsafePointer<Double>?, vector: UnsafePointer<Double>?,
        scratch: UnsafeMutablePointer<Double>?, gram: UnsafeMutablePointer<Double>?, product: UnsafeMutablePointer<Double>?
    ) throws {
        precondition(rows.lowerBound >= 0 && rows.upperBound <= self.rows, "row range out of bounds")
        precondition(gram == nil || (weights != nil && scratch != nil), "a Gram matrix needs weights and scratch")
        precondition(product == nil || vector != nil, "a product needs a vector")
        let m = rows.count, q = order, p = base.columns, k = columns.count
        guard m > 0, q > 0, gram != nil || product != nil else { return }
        let off = includesIntercept ? 1 : 0
        let first = rowRange.lowerBound + rows.lowerBound
        let allColumns = k == p && columns.elementsEqual(0..<p)
        base.values.withUnsafeBufferPointer { xv in
            columns.withUnsafeBufferPointer { cols in
                shift.withUnsafeBufferPointer { mu in
                    scale.withUnsafeBufferPointer { sc in
                        // With no columns (an intercept-only design) the column buffers may have
                        // no storage; the loops below then never read them.
                        guard let x0 = xv.baseAddress else { return }
                        let none = UnsafeMutablePointer<Double>.allocate(capacity: 1), noIndex = UnsafeMutablePointer<Int>.allocate(capacity: 1)
                        defer { none.deallocate(); noIndex.deallocate() }
                        let m0 = mu.baseAddress ?? UnsafePointer(none), c0 = sc.baseAddress ?? UnsafePointer(none)
                        let cl = cols.baseAddress ?? UnsafePointer(noIndex)
                        if gram == nil, let product, let vector {
                            // Product only: Aᵀv.
                            let a = product + off
                            for r in 0..<m {
                                let src = x0 + (first + r) * p
                                let vi = vector[r]
                                if off == 1 { product[0] += vi }
                                if allColumns {
                                    for j in 0..<k { a[j] += (src[j] - m0[j]) * c0[j] * vi }
                                } else {
                                    for j in 0..<k { a[j] += (src[cl[j]] - m0[j]) * c0[j] * vi }
                                }
                            }
                            return
                        }
                        guard let weights, let scratch else { return }
                        for r in 0..<m {
                            let sw = max(0, weights[r]).squareRoot()
                            let src = x0 + (first + r) * p, dst = scratch + r * q
                            if off == 1 { dst[0] = sw }
                            let out = dst + off
                            if let product {
                                let vi = vector![r]
                                if off == 1 { product[0] += vi }
                                let a = product + off
                                if allColumns {
                                    for j in 0..<k {
                                        let t = (src[j] - m0[j]) * c0[j]
                                        out[j] = t * sw
                                        a[j] += t * vi
                                    }
                                } else {
                                    for j in 0..<k {
                                        let t = (src[cl[j]] - m0[j]) * c0[j]
                                        out[j] = t * sw
                                        a[j] += t * vi
                                    }
                                }
                            } else if allColumns {
                                for j in 0..<k { out[j] = (src[j] - m0[j]) * c0[j] * sw }
                            } else {
                                for j in 0..<k { out[j] = (src[cl[j]] - m0[j]) * c0[j] * sw }
                            }
                        }
                    }
                }
            }
        }
        guard let gram, let scratch else { return }
        var qF = try fortranInt(q), mF = try fortranInt(m)
        var lda = qF, ldc = qF
        var alpha = 1.0, beta = 1.0
        dsyrk_("L", "N", &qF, &mF, &alpha, scratch, &lda, &beta, gram, &ldc, 1, 1)
    }

    /// AᵀWA with the same weight `w` on every row, bit for bit what
    /// `weightedGram(weights: [Double](repeating: w, count: rows))` returns (same 8192-row blocks in
    /// order, same arithmetic), without an n-long weight vector.
    ///
    /// A logistic fit judges collinearity on the Hessian at its intercept-only start, which has
    /// this form; a fit started elsewhere (warm start) still needs that matrix, exactly, so that its
    /// diagnostics do not depend on the start.
    public func weightedGram(constantWeight w: Double, blockRows: Int = 8192) throws -> SymmetricMatrix {
        let q = order, n = rows
        guard q > 0, n > 0 else { return SymmetricMatrix(zeros: q) }
        let block = max(1, min(blockRows, n))
        var lower = [Double](repeating: 0, count: q * q)
        var scratch = [Double](repeating: 0, count: block * q)
        let weights = [Double](repeating: w, count: block)
        try lower.withUnsafeMutableBufferPointer { c in
            try scratch.withUnsafeMutableBufferPointer { s in
                try weights.withUnsafeBufferPointer { wp in
                    var start = 0
                    while start < n {
                        let m = min(block, n - start)
                        try accumulateWeightedGram(
                            rows: start..<(start + m), weights: wp.baseAddress, vector: nil, scratch: s.baseAddress,
                            gram: c.baseAddress, product: nil)
                        start += m
                    }
                }
            }
        }
        return SymmetricMatrix(lowerColumnMajor: lower, order: q)
    }
}

extension SymmetricMatrix {
    /// The full symmetric matrix from a column-major lower triangle (as `dsyrk`/`dpotrf` leave it).
    public init(lowerColumnMajor lower: [Double], order: Int) {
        self.init(order: order, storage: lower)
        mirrorLowerColumnMajor()
    }
}
