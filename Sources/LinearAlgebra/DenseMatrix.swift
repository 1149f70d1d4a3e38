/// A dense n×p matrix of `Double` in row-major order: row `i` is `values[i*columns ..< (i+1)*columns]`.
///
/// Row-major is how design matrices are built (one invoice at a time). For BLAS, which is
/// column-major, a row-major n×p buffer is a column-major p×n matrix with leading dimension p,
/// so no copy or transpose is ever made.
public struct DenseMatrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public var values: [Double]

    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(values.count == rows * columns, "values must hold rows × columns entries")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    public init(zeros rows: Int, _ columns: Int) {
        self.init(rows: rows, columns: columns, values: [Double](repeating: 0, count: rows * columns))
    }

    public subscript(i: Int, j: Int) -> Double {
        get { values[i * columns + j] }
        set { values[i * columns + j] = newValue }
    }

    /// A copy of row `i`.
    public func row(_ i: Int) -> [Double] {
        Array(values[(i * columns)..<((i + 1) * columns)])
    }

    /// The rows at `indices`, in that order (used for train/test splits and subsamples).
    public func selectingRows(_ indices: [Int]) -> DenseMatrix {
        var out = [Double]()
        out.reserveCapacity(indices.count * columns)
        values.withUnsafeBufferPointer { v in
            for i in indices {
                out.append(contentsOf: v[(i * columns)..<((i + 1) * columns)])
            }
        }
        return DenseMatrix(rows: indices.count, columns: columns, values: out)
    }
}
