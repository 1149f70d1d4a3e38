import CLAPACK

/// A raw row-major matrix seen as the standardised design `[1, (X[:, c] − shift_c) · scale_c]`
/// over a chosen subset of its columns, without ever materialising that design.
///
/// Fitting on standardised inputs usually means an n×p standardised copy (plus an intercept
/// column, often a second copy). Here the shift and scale are applied on the fly: the weighted
/// Gram matrix is accumulated block by block from a small scratch buffer (which `weightedGram`
/// needs anyway for the √w scaling), and products with vectors loop over the raw rows. Centring
/// happens before squaring, so there is none of the cancellation that comes from correcting a raw
/// Gram matrix afterwards (XᵀX − n·μμᵀ loses digits when |mean| ≫ sd).
///
/// Column 0 of the design is the intercept when `includesIntercept` is true; design column
/// `k + offset` is raw column `columns[k]`.
public struct StandardisedDesign: Sendable {
    /// The raw matrix (shared storage, never copied).
    public let base: DenseMatrix
    /// Raw column indices used, in design order.
    public let columns: [Int]
    /// Subtracted from each used column (usually its mean).
    public let shift: [Double]
    /// Multiplies each centred column (usually 1 / standard deviation).
    public let scale: [Double]
    /// Whether design column 0 is a column of ones.
    public let includesIntercept: Bool
    /// The raw rows this design covers (all of them unless made with `rowRange:`); design row `i`
    /// is raw row `rowRange.lowerBound + i`.
    public let rowRange: Range<Int>

    public init(base: DenseMatrix, columns: [Int], shift: [Double], scale: [Double], includesIntercept: Bool) {
        self.init(base: base, rowRange: 0..<base.rows, columns: columns, shift: shift, scale: scale, includesIntercept: includesIntercept)
    }

    /// The design over the contiguous rows `rowRange` of `base` only — a time-ordered training
    /// prefix or a held-out tail — without copying them out of the shared raw matrix.
    public init(base: DenseMatrix, rowRange: Range<Int>, columns: [Int], shift: [Double], scale: [Double], includesIntercept: Bool) {
        precondition(columns.count == shift.count && columns.count == scale.count, "one shift and scale per column")
        precondition(columns.allSatisfy { $0 >= 0 && $0 < base.columns }, "column index out of range")
        precondition(rowRange.lowerBound >= 0 && rowRange.upperBound <= base.rows, "row range out of bounds")
        self.base = base
        self.rowRange = rowRange
        self.columns = columns
        self.shift = shift
        self.scale = scale
        self.includesIntercept = includesIntercept
    }

    /// Number of design rows (the raw rows in `rowRange`).
    public var rows: Int { rowRange.count }
    /// Number of design columns, intercept included.
    public var order: Int { columns.count + (includesIntercept ? 1 : 0) }

    /// AᵀWA for the standardised design A and non-negative row weights (`nil` = all ones).
    ///
    /// Blocks of `blockRows` rows are written, standardised and scaled by √w, into a scratch buffer
    /// of `blockRows × order` values and accumulated with `dsyrk` (β = 1): memory beyond the raw
    /// matrix is one block, whatever n is.
    public func weightedGram(weights: [Double]?, blockRows: Int = 8192) throws -> SymmetricMatrix {
        try weightedGram(weights: weights, transposeProduct: nil, blockRows: blockRows).gram
    }

    /// AᵀWA and, in the same pass over X, Aᵀv (empty when `vector` is nil).
    ///
    /// Newton's method needs both the Hessian and the gradient at every iterate; computing them
    /// together reads X once instead of twice.
    public func weightedGram(weights: [Double]?, transposeProduct vector: [Double]?, blockRows: Int = 8192) throws -> (gram: SymmetricMatrix, product: [Double]) {
        let q = order, n = rows, p = base.columns
        var result = SymmetricMatrix(zeros: q)
        var product = [Double](repeating: 0, count: vector == nil ? 0 : q)
        guard q > 0, n > 0 else { return (result, product) }
        if let w = weights { precondition(w.count == n, "one weight per row") }
        if let v = vector { precondition(v.count == n, "one vector entry per row") }
        var qF = try fortranInt(q)
        var ldc = qF, lda = qF
        var alpha = 1.0, beta = 1.0
        let block = max(1, min(blockRows, n))
        var scratch = [Double](repeating: 0, count: block * q)
        let off = includesIntercept ? 1 : 0
        let k = columns.count
        let ones = [Double](repeating: 1, count: block)
        let first = rowRange.lowerBound
        // The usual case: every raw column used, in order. Then a row is a contiguous run and the
        // inner loops vectorise (same operations per element, so the same values).
        let allColumns = k == p && columns.elementsEqual(0..<p)
        try base.values.withUnsafeBufferPointer { xv in
            try result.storage.withUnsafeMutableBufferPointer { c in
                try scratch.withUnsafeMutableBufferPointer { s in
                    try product.withUnsafeMutableBufferPointer { acc in
                        try columns.withUnsafeBufferPointer { cols in
                            try shift.withUnsafeBufferPointer { mu in
                                try scale.withUnsafeBufferPointer { sc in
                                    var start = 0
                                    while start < n {
                                        let m = min(block, n - start)
                                        if allColumns {
                                            Self.fillContiguous(
                                                xv: xv, s: s, acc: acc, mu: mu, sc: sc, weights: weights, vector: vector,
                                                rowStart: first + start, vectorStart: start, rows: m, p: p, q: q, off: off)
                                            var mF = try fortranInt(m)
                                            dsyrk_("L", "N", &qF, &mF, &alpha, s.baseAddress, &lda, &beta, c.baseAddress, &ldc, 1, 1)
                                            start += m
                                            continue
                                        }
                                        for r in 0..<m {
                                            let sw = weights.map { max(0, $0[start + r]).squareRoot() } ?? ones[r]
                                            let src = (first + start + r) * p, dst = r * q
                                            if off == 1 { s[dst] = sw }
                                            if let v = vector {
                                                let vi = v[start + r]
                                                if off == 1 { acc[0] += vi }
                                                for j in 0..<k {
                                                    let t = (xv[src + cols[j]] - mu[j]) * sc[j]
                                                    s[dst + off + j] = t * sw
                                                    acc[off + j] += t * vi
                                                }
                                            } else {
                                                for j in 0..<k {
                                                    s[dst + off + j] = (xv[src + cols[j]] - mu[j]) * sc[j] * sw
                                                }
                                            }
                                        }
                                        var mF = try fortranInt(m)
                                        dsyrk_("L", "N", &qF, &mF, &alpha, s.baseAddress, &lda, &beta, c.baseAddress, &ldc, 1, 1)
                                        start += m
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        result.mirrorLowerColumnMajor()
        return (result, product)
    }

    /// One block of the scratch design for `weightedGram` when every raw column is used in order:
    /// row r of the block is `[√w, (x − μ)·s·√w]`, and `acc` gains `[v, (x − μ)·s·v]` — the same
    /// arithmetic as the general loop, on contiguous rows.
    @inline(__always)
    private static func fillContiguous(
        xv: UnsafeBufferPointer<Double>, s: UnsafeMutableBufferPointer<Double>, acc: UnsafeMutableBufferPointer<Double>,
        mu: UnsafeBufferPointer<Double>, sc: UnsafeBufferPointer<Double>, weights: [Double]?, vector: [Double]?,
        rowStart: Int, vectorStart: Int, rows m: Int, p: Int, q: Int, off: Int
    ) {
        guard let x0 = xv.baseAddress, let s0 = s.baseAddress, let m0 = mu.baseAddress, let c0 = sc.baseAddress else { return }
        let a0 = acc.baseAddress
        func body(_ w: UnsafePointer<Double>?, _ v: UnsafePointer<Double>?) {
            for r in 0..<m {
                let sw = w.map { max(0, $0[vectorStart + r]).squareRoot() } ?? 1
                let src = x0 + (rowStart + r) * p, dst = s0 + r * q
                if off == 1 { dst[0] = sw }
                let out = dst + off
                if let v, let a0 {
                    let vi = v[vectorStart + r]
                    if off == 1 { a0[0] += vi }
                    let a = a0 + off
                    for j in 0..<p {
                        let t = (src[j] - m0[j]) * c0[j]
                        out[j] = t * sw
                        a[j] += t * vi
                    }
                } else {
                    for j in 0..<p { out[j] = (src[j] - m0[j]) * c0[j] * sw }
                }
            }
        }
        switch (weights, vector) {
        case let (w?, v?): w.withUnsafeBufferPointer { wp in v.withUnsafeBufferPointer { vp in body(wp.baseAddress, vp.baseAddress) } }
        case let (w?, nil): w.withUnsafeBufferPointer { wp in body(wp.baseAddress, nil) }
        case let (nil, v?): v.withUnsafeBufferPointer { vp in body(nil, vp.baseAddress) }
        case (nil, nil): body(nil, nil)
        }
    }

    /// A·b: one value per row (the linear predictor when b holds coefficients on the design scale).
    ///
    /// Computed as a `dgemv` on the raw matrix with the coefficients mapped back to the raw scale
    /// (bⱼ·scaleⱼ) and a constant offset, so the cost is one pass over X.
    public func multiply(_ b: [Double]) throws -> [Double] {
        let (raw, constant) = rawCoefficients(b)
        var y = try BLAS.multiply(base, raw, rows: rowRange)
        if constant != 0 {
            y.withUnsafeMutableBufferPointer { yp in
                for i in 0..<yp.count { yp[i] += constant }
            }
        }
        return y
    }

    /// Aᵀv: one value per design column, with each raw value centred before it is multiplied.
    public func transposeMultiply(_ v: [Double]) -> [Double] {
        precondition(v.count == rows, "vector length must equal the row count")
        let off = includesIntercept ? 1 : 0
        let k = columns.count, p = base.columns, n = rows, first = rowRange.lowerBound
        var acc = [Double](repeating: 0, count: k)
        var total = 0.0
        base.values.withUnsafeBufferPointer { xv in
            v.withUnsafeBufferPointer { vp in
                columns.withUnsafeBufferPointer { cols in
                    shift.withUnsafeBufferPointer { mu in
                        acc.withUnsafeMutableBufferPointer { a in
                            for i in 0..<n {
                                let vi = vp[i]
                                total += vi
                                let row = (first + i) * p
                                for j in 0..<k { a[j] += (xv[row + cols[j]] - mu[j]) * vi }
                            }
                        }
                    }
                }
            }
        }
        var out = [Double](repeating: 0, count: order)
        if off == 1 { out[0] = total }
        for j in 0..<k { out[off + j] = acc[j] * scale[j] }
        return out
    }
}
