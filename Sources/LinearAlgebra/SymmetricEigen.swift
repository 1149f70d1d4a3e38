import CLAPACK

/// Eigen-decomposition of a symmetric matrix (LAPACK `dsyevd`): ascending eigenvalues and
/// orthonormal eigenvectors.
///
/// Used to diagnose near-singular covariance (smallest eigenvalue, condition number) and to
/// regularise a scatter matrix before inverting it.
public struct SymmetricEigen: Sendable {
    /// Eigenvalues in ascending order.
    public let values: [Double]
    /// Eigenvectors as columns, column-major: vector k is `vectors[k*order ..< (k+1)*order]`.
    public let vectors: [Double]
    public let order: Int

    public init(_ a: SymmetricMatrix) throws {
        order = a.order
        var m = a.storage
        var w = [Double](repeating: 0, count: order)
        guard order > 0 else { values = []; vectors = []; return }
        var n = try fortranInt(order), lda = n, info: Int32 = 0
        var lwork: Int32 = -1, liwork: Int32 = -1
        var wq = [Double](repeating: 0, count: 1)
        var iwq = [Int32](repeating: 0, count: 1)
        m.withUnsafeMutableBufferPointer { mp in
            w.withUnsafeMutableBufferPointer { wp in
                dsyevd_("V", "L", &n, mp.baseAddress, &lda, wp.baseAddress, &wq, &lwork, &iwq, &liwork, &info, 1, 1)
            }
        }
        lwork = Int32(wq[0]); liwork = iwq[0]
        var work = [Double](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: Int(liwork))
        m.withUnsafeMutableBufferPointer { mp in
            w.withUnsafeMutableBufferPointer { wp in
                dsyevd_("V", "L", &n, mp.baseAddress, &lda, wp.baseAddress, &work, &lwork, &iwork, &liwork, &info, 1, 1)
            }
        }
        if info > 0 { throw LinearAlgebraError.noConvergence(routine: "dsyevd") }
        if info < 0 { throw LinearAlgebraError.invalidArgument(routine: "dsyevd", position: Int(-info)) }
        values = w
        vectors = m
    }

    /// Ratio of largest to smallest absolute eigenvalue (∞ when singular).
    public var conditionNumber: Double {
        guard let lo = values.first, let hi = values.last, lo > 0 else { return .infinity }
        return hi / lo
    }
}
