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
    static func compute(_ x: DenseMatrix, rows rowRange: Range<Int>, featureNames: [String]) throws -> ColumnSummary {
        do {
            // The one-range case of the nested ranges: the same sums, in the same order.
            return try computePrefixes(x, start: rowRange.lowerBound, ends: [rowRange.upperBound], featureNames: featureNames)[0]
        } catch ModelError.nonFiniteValue {
            // Only now are the rows searched, for the first bad cell.
            let p = x.columns
            var bad: (Int, Int)? = nil
            x.values.withUnsafeBufferPointer { v in
                rows: for i in 0..<rowRange.count {
                    let base = (rowRange.lowerBound + i) * p
                    for j in 0..<p where !v[base + j].isFinite { bad = (i, j); break rows }
                }
            }
            if let (i, j) = bad { throw ModelError.nonFiniteValue(row: i + 1, feature: featureNames[j]) }
            throw ModelError.nonFiniteValue(row: 0, feature: "(rows \(rowRange.lowerBound)..<\(rowRange.upperBound))")
        }
    }

    /// A column is constant when every value is equal, or when its spread is rounding noise
    /// relative to its magnitude.
    func isConstant(_ j: Int) -> Bool {
        minimums[j] == maximums[j] || sds[j] <= 1e-12 * max(abs(means[j]), Double.leastNormalMagnitude)
    }
}

extension ColumnSummary {
    /// The summaries of the nested row ranges `start..<ends[k]` (`ends` ascending), bit for bit what
    /// each range summarised alone gives, from two reads of the longest range instead of two per
    /// range (`compute(_:rows:featureNames:)` is the one-range case).
    ///
    /// Wide designs are split by *columns* over the cores: each part runs the same sequential sums
    /// over the rows for its own columns, so the results are bit for bit those of one thread (a split
    /// by rows would change the order of the additions, hence the means' last bits and, through the
    /// standardisation, every fit's rounding).
    ///
    /// Why this is exact: a column sum (and minimum, maximum) is accumulated row by row from `start`,
    /// so its value after `ends[k]` rows *is* the sum of the shorter range; the squared deviations
    /// need each range's own mean, so the second read accumulates them for every range still open
    /// at that row. Training fits three nested prefixes (calibration, held-out, final).
    ///
    /// - Throws: ``ModelError/nonFiniteValue(row:feature:)`` when a range holds a non-finite cell
    ///   (callers then compute that range on its own to report its first bad cell).
    static func computePrefixes(_ x: DenseMatrix, start: Int, ends: [Int], featureNames: [String]) throws -> [ColumnSummary] {
        let p = x.columns
        guard let last = ends.last, start >= 0, last <= x.rows, ends.allSatisfy({ $0 >= start }),
              zip(ends, ends.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw ModelError.dimensionMismatch("prefix ends \(ends) of rows from \(start) in a \(x.rows)-row matrix")
        }
        let k = ends.count
        var sums = [Double](repeating: 0, count: k * p)
        var mins = [Double](repeating: .infinity, count: k * p)
        var maxs = [Double](repeating: -.infinity, count: k * p)
        var squares = [Double](repeating: 0, count: k * p)
        let n = last - start
        let parts = n * p >= 1 << 18 ? max(1, min(ProcessInfo.processInfo.activeProcessorCount, p / 8, 4)) : 1
        let bounds = (0...parts).map { $0 * p / parts }
        x.values.withUnsafeBufferPointer { v in
            sums.withUnsafeMutableBufferPointer { s in
                mins.withUnsafeMutableBufferPointer { lo in
                    maxs.withUnsafeMutableBufferPointer { hi in
                        squares.withUnsafeMutableBufferPointer { sq in
                            let v0 = v.baseAddress!, s0 = s.baseAddress!, lo0 = lo.baseAddress!, hi0 = hi.baseAddress!, sq0 = sq.baseAddress!
                            let part = { (w: Int) in
                                let c0 = bounds[w], width = bounds[w + 1] - c0
                                guard width > 0 else { return }
                                // Running sums for the longest range; a copy is taken at each end.
                                var sk = [Double](repeating: 0, count: width)
                                var lk = [Double](repeating: .infinity, count: width)
                                var hk = [Double](repeating: -.infinity, count: width)
                                var row0 = start
                                for (r, end) in ends.enumerated() {
                                    for i in row0..<end {
                                        let row = v0 + i * p + c0
                                        for j in 0..<width {
                                            let value = row[j]
                                            sk[j] += value
                                            if value < lk[j] { lk[j] = value }
                                            if value > hk[j] { hk[j] = value }
                                        }
                                    }
                                    for j in 0..<width {
                                        s0[r * p + c0 + j] = sk[j]
                                        lo0[r * p + c0 + j] = lk[j]
                                        hi0[r * p + c0 + j] = hk[j]
                                    }
                                    row0 = end
                                }
                                // Squared deviations from each range's own mean, for the ranges that
                                // contain the row (all of them up to ends[0], one fewer after each end).
                                var means = [Double](repeating: 0, count: k * width)
                                for r in 0..<k {
                                    let count = Double(max(ends[r] - start, 1))
                                    for j in 0..<width { means[r * width + j] = s0[r * p + c0 + j] / count }
                                }
                                means.withUnsafeBufferPointer { m in
                                    let m0 = m.baseAddress!
                                    var rowStart = start
                                    for (first, end) in ends.enumerated() {
                                        for i in rowStart..<end {
                                            let row = v0 + i * p + c0
                                            for r in first..<k {
                                                let mr = m0 + r * width, qr = sq0 + r * p + c0
                                                for j in 0..<width {
                                                    let d = row[j] - mr[j]
                                                    qr[j] += d * d
                                                }
                                            }
                                        }
                                        rowStart = end
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
        var out: [ColumnSummary] = []
        for r in 0..<k {
            let range = (r * p)..<((r + 1) * p)
            guard sums[range].allSatisfy(\.isFinite) else {
                throw ModelError.nonFiniteValue(row: 0, feature: "(a column of rows \(start)..<\(ends[r]))")
            }
            let count = Double(max(ends[r] - start, 1))
            out.append(ColumnSummary(
                means: sums[range].map { $0 / count }, sds: squares[range].map { ($0 / count).squareRoot() },
                minimums: Array(mins[range]), maximums: Array(maxs[range])))
        }
        return out
    }
}
