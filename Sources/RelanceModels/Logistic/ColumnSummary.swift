import Foundation
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
    ///
    /// Wide designs are split by *columns* over the cores: each part runs the same sequential sums
    /// over the rows for its own columns, so the results are bit for bit those of one thread (a split
    /// by rows would change the order of the additions, hence the means' last bits and, through the
    /// standardisation, every fit's rounding).
    static func compute(_ x: DenseMatrix, rows rowRange: Range<Int>, featureNames: [String]) throws -> ColumnSummary {
        let n = rowRange.count, p = x.columns, first = rowRange.lowerBound
        var sums = [Double](repeating: 0, count: p)
        var mins = [Double](repeating: .infinity, count: p)
        var maxs = [Double](repeating: -.infinity, count: p)
        var squares = [Double](repeating: 0, count: p)
        let parts = n * p >= 1 << 18 ? max(1, min(ProcessInfo.processInfo.activeProcessorCount, p / 8, 4)) : 1
        let bounds = (0...parts).map { $0 * p / parts }
        x.values.withUnsafeBufferPointer { v in
            sums.withUnsafeMutableBufferPointer { s in
                mins.withUnsafeMutableBufferPointer { lo in
                    maxs.withUnsafeMutableBufferPointer { hi in
                        squares.withUnsafeMutableBufferPointer { sq in
                            let v0 = v.baseAddress!, s0 = s.baseAddress!, lo0 = lo.baseAddress!, hi0 = hi.baseAddress!, sq0 = sq.baseAddress!
                            let part = { (k: Int) in
                                let c0 = bounds[k], width = bounds[k + 1] - c0
                                guard width > 0 else { return }
                                let sk = s0 + c0, lk = lo0 + c0, hk = hi0 + c0, qk = sq0 + c0
                                // No per-cell test here (so the loop vectorises): a non-finite cell
                                // makes its column's sum non-finite, and only then are the rows searched.
                                for i in 0..<n {
                                    let row = v0 + (first + i) * p + c0
                                    for j in 0..<width {
                                        let value = row[j]
                                        sk[j] += value
                                        if value < lk[j] { lk[j] = value }
                                        if value > hk[j] { hk[j] = value }
                                    }
                                }
                                // Two passes (mean, then squared deviations) for accuracy.
                                let count = Double(max(n, 1))
                                var means = [Double](repeating: 0, count: width)
                                for j in 0..<width { means[j] = sk[j] / count }
                                means.withUnsafeBufferPointer { m in
                                    let m0 = m.baseAddress!
                                    for i in 0..<n {
                                        let row = v0 + (first + i) * p + c0
                                        for j in 0..<width {
                                            let d = row[j] - m0[j]
                                            qk[j] += d * d
                                        }
                                    }
                                }
                            }
                            if parts == 1 {
                                part(0)
                            } else {
                                DispatchQueue.concurrentPerform(iterations: parts, execute: part)
                            }
                        }
                    }
                }
            }
        }
        if sums.contains(where: { !$0.isFinite }) {
            var bad: (Int, Int)? = nil
            x.values.withUnsafeBufferPointer { v in
                rows: for i in 0..<n {
                    let base = (first + i) * p
                    for j in 0..<p where !v[base + j].isFinite { bad = (i, j); break rows }
                }
            }
            if let (i, j) = bad { throw ModelError.nonFiniteValue(row: i + 1, feature: featureNames[j]) }
        }
        let count = Double(max(n, 1))
        let means = sums.map { $0 / count }
        let sds = squares.map { ($0 / count).squareRoot() }
        return ColumnSummary(means: means, sds: sds, minimums: mins, maximums: maxs)
    }

    /// A column is constant when every value is equal, or when its spread is rounding noise
    /// relative to its magnitude.
    func isConstant(_ j: Int) -> Bool {
        minimums[j] == maximums[j] || sds[j] <= 1e-12 * max(abs(means[j]), Double.leastNormalMagnitude)
    }
}
