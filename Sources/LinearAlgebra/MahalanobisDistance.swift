extension Cholesky {
    /// Squared Mahalanobis distances (x − location)ᵀ A⁻¹ (x − location) of every row of `x`, where A
    /// is the factorised matrix (a covariance).
    ///
    /// One forward substitution with L per row, over a packed row-major copy of L and a single
    /// scratch vector, so scoring a million rows allocates nothing per row. Used by the robust
    /// covariance (MCD) concentration steps and by the anomaly detector.
    public func squaredMahalanobisDistances(_ x: DenseMatrix, location: [Double]) -> [Double] {
        precondition(x.columns == order && location.count == order, "dimensions must match the factor")
        var out = [Double](repeating: 0, count: x.rows)
        guard order > 0, x.rows > 0 else { return out }
        let p = order
        let packed = packedInverseDiagonalFactor()
        var z = [Double](repeating: 0, count: p)
        x.values.withUnsafeBufferPointer { xv in
            packed.withUnsafeBufferPointer { l in
                location.withUnsafeBufferPointer { mu in
                    z.withUnsafeMutableBufferPointer { zp in
                        out.withUnsafeMutableBufferPointer { o in
                            for r in 0..<x.rows {
                                o[r] = Self.squaredDistance(xv.baseAddress! + r * p, location: mu, packed: l, scratch: zp, order: p)
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// L packed row-major (row i holds L[i,0...i]) with the diagonal stored inverted: the layout
    /// the per-row forward substitution reads in order.
    func packedInverseDiagonalFactor() -> [Double] {
        let p = order
        var packed = [Double](repeating: 0, count: p * (p + 1) / 2)
        var k = 0
        for i in 0..<p {
            for j in 0...i {
                let v = factor[j * p + i]  // column-major (i, j)
                packed[k] = i == j ? 1 / v : v
                k += 1
            }
        }
        return packed
    }

    /// (x − location)ᵀ A⁻¹ (x − location) for one row: one forward substitution with L, into `scratch`.
    @inline(__always)
    static func squaredDistance(
        _ row: UnsafePointer<Double>, location mu: UnsafeBufferPointer<Double>, packed l: UnsafeBufferPointer<Double>,
        scratch zp: UnsafeMutableBufferPointer<Double>, order p: Int
    ) -> Double {
        var s = 0.0
        var off = 0
        for i in 0..<p {
            var acc = row[i] - mu[i]
            for j in 0..<i { acc -= l[off + j] * zp[j] }
            let zi = acc * l[off + i]
            zp[i] = zi
            s += zi * zi
            off += i + 1
        }
        return s
    }
}
