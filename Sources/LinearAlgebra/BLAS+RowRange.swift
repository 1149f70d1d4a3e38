import CLAPACK

extension BLAS {
    /// y = X[rows]·b: the product for the contiguous rows `rows` of a row-major X only, read in
    /// place (a time-ordered prefix or tail needs no copy). Same `dgemv` as `multiply(_:_:)`.
    public static func multiply(_ x: DenseMatrix, _ b: [Double], rows: Range<Int>) throws -> [Double] {
        precondition(b.count == x.columns, "vector length must equal the column count")
        precondition(rows.lowerBound >= 0 && rows.upperBound <= x.rows, "row range out of bounds")
        var y = [Double](repeating: 0, count: rows.count)
        guard rows.count > 0, x.columns > 0 else { return y }
        var m = try fortranInt(x.columns), n = try fortranInt(rows.count)
        var lda = m, inc: Int32 = 1, incy: Int32 = 1
        var alpha = 1.0, beta = 0.0
        x.values.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { bp in
                y.withUnsafeMutableBufferPointer { yp in
                    dgemv_("T", &m, &n, &alpha, a.baseAddress! + rows.lowerBound * x.columns, &lda, bp.baseAddress, &inc,
                           &beta, yp.baseAddress, &incy, 1)
                }
            }
        }
        return y
    }
}
