/// Why a linear-algebra call failed, in words a caller can pass on.
public enum LinearAlgebraError: Error, CustomStringConvertible, Equatable {
    /// The matrix is not positive definite: LAPACK `info` > 0 from a Cholesky factorisation.
    case notPositiveDefinite(order: Int, failingMinor: Int)
    /// LAPACK rejected an argument (a programming error, reported rather than trapped).
    case invalidArgument(routine: String, position: Int)
    /// A dimension does not fit in a Fortran 32-bit INTEGER.
    case dimensionTooLarge(Int)
    /// The eigen-solver did not converge.
    case noConvergence(routine: String)

    public var description: String {
        switch self {
        case let .notPositiveDefinite(order, minor):
            return "matrix of order \(order) is not positive definite (leading minor \(minor) is not positive): the system is singular or nearly so"
        case let .invalidArgument(routine, position):
            return "\(routine): argument \(position) had an illegal value"
        case let .dimensionTooLarge(n):
            return "dimension \(n) exceeds LAPACK's 32-bit integer range"
        case let .noConvergence(routine):
            return "\(routine) did not converge"
        }
    }
}

@inline(__always)
func fortranInt(_ n: Int) throws -> Int32 {
    guard let v = Int32(exactly: n) else { throw LinearAlgebraError.dimensionTooLarge(n) }
    return v
}
