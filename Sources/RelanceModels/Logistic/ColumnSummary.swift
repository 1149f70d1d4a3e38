import LinearAlgebra

/// Per-column mean, population standard deviation and range of a design, with the first
/// non-finite cell reported by row and feature name.
struct ColumnSummary {
    var means: [Double]
    var sds: [Double]
    var minimums: [Double]
    var maximums: [Double]

    /// Two passes over the rows (mean, then squared deviations) for accuracy.
    static func compute(_ x: DenseMatrix, featureNames: [String]) throws -> ColumnSummary {
        try compute(x, rows: 0..<x.rows, featureNames: featureNames)
    }

    /// The summary of the contiguous rows `rowRange` only (reported rows count from its start).
    static func compute(_ x: DenseMatrix, rows rowRange: Range<Int>, featureNames: [String]) throws -> ColumnSummary {
        let n = rowRange.count, p = x.columns, first = rowRange.lowerBound
        var sums = [Double](repeating: 0, count: p)
        var mins = [Double](repeating: .infinity, count: p)
        var maxs = [Double](repeating: -.infinity, count: p)
        var bad: (Int, Int)? = nil
        x.values.withUnsafeBufferPointer { v in
            sums.withUnsafeMutableBufferPointer { s in
                mins.withUnsafeMutableBufferPointer { lo in
                    maxs.withUnsafeMutableBufferPointer { hi in
                        rows: for i in 0..<n {
                            let base = (first + i) * p
                            for j in 0..<p {
                                let value = v[base + j]
                                if !value.isFinite { bad = (i, j); break rows }
                                s[j] += value
                                if value < lo[j] { lo[j] = value }
                                if value > hi[j] { hi[j] = value }
                            }
                        }
                    }
                }
            }
        }
        if let (i, j) = bad { throw ModelError.nonFiniteValue(row: i + 1, feature: featureNames[j]) }
        let count = Double(max(n, 1))
        let means = sums.map { $0 / count }
        var squares = [Double](repeating: 0, count: p)
        x.values.withUnsafeBufferPointer { v in
            squares.withUnsafeMutableBufferPointer { s in
                means.withUnsafeBufferPointer { m in
                    for i in 0..<n {
                        let base = (first + i) * p
                        for j in 0..<p {
                            let d = v[base + j] - m[j]
                            s[j] += d * d
                        }
                    }
                }
            }
        }
        let sds = squares.map { ($0 / count).squareRoot() }
        return ColumnSummary(means: means, sds: sds, minimums: mins, maximums: maxs)
    }

    /// A column is constant when every value is equal, or when its spread is rounding noise
    /// relative to its magnitude.
    func isConstant(_ j: Int) -> Bool {
        minimums[j] == maximums[j] || sds[j] <= 1e-12 * max(abs(means[j]), Double.leastNormalMagnitude)
    }
}
