import CLAPACK

/// The Cholesky factor L (A = LLᵀ) of a symmetric positive-definite matrix, from LAPACK `dpotrf`.
///
/// Factor once, then solve many right-hand sides (`dpotrs`), take the log-determinant, or invert.
/// Factorisation fails with ``LinearAlgebraError/notPositiveDefinite(order:failingMinor:)`` on a
/// singular or indefinite matrix, which callers turn into a user-facing diagnosis.
public struct Cholesky: Sendable {
    public let order: Int
    /// Column-major storage with L in the lower triangle (upper triangle is garbage).
    let factor: [Double]

    public init(_ a: SymmetricMatrix) throws {
        order = a.order
        var f = a.storage
        var n = try fortranInt(order), lda = n, info: Int32 = 0
        if order > 0 {
            f.withUnsafeMutableBufferPointer { fp in dpotrf_("L", &n, fp.baseAddress, &lda, &info, 1) }
        }
        if info > 0 { throw LinearAlgebraError.notPositiveDefinite(order: order, failingMinor: Int(info)) }
        if info < 0 { throw LinearAlgebraError.invalidArgument(routine: "dpotrf", position: Int(-info)) }
        factor = f
    }

    /// Solves A·x = b.
    public func solve(_ b: [Double]) throws -> [Double] {
        precondition(b.count == order, "right-hand side length must equal the order")
        var x = b
        guard order > 0 else { return x }
        var n = try fortranInt(order), nrhs: Int32 = 1, lda = n, ldb = n, info: Int32 = 0
        factor.withUnsafeBufferPointer { f in
            x.withUnsafeMutableBufferPointer { xp in
                dpotrs_("L", &n, &nrhs, f.baseAddress, &lda, xp.baseAddress, &ldb, &info, 1)
            }
        }
        if info != 0 { throw LinearAlgebraError.invalidArgument(routine: "dpotrs", position: Int(-info)) }
        return x
    }

    /// log det A = 2 Σ log Lᵢᵢ.
    public var logDeterminant: Double {
        var s = 0.0
        for i in 0..<order { s += 2 * _log(factor[i * order + i]) }
        return s
    }

    /// A⁻¹ (symmetric, both triangles filled).
    public func inverse() throws -> SymmetricMatrix {
        var f = factor
        var n = try fortranInt(order), lda = n, info: Int32 = 0
        if order > 0 {
            f.withUnsafeMutableBufferPointer { fp in dpotri_("L", &n, fp.baseAddress, &lda, &info, 1) }
        }
        if info > 0 { throw LinearAlgebraError.notPositiveDefinite(order: order, failingMinor: Int(info)) }
        var m = SymmetricMatrix(order: order, storage: f)
        m.mirrorLowerColumnMajor()
        return m
    }

    /// Squared Mahalanobis-style quadratic form vᵀA⁻¹v, via a triangular solve with L.
    public func inverseQuadraticForm(_ v: [Double]) -> Double {
        // Forward substitution L·z = v, then |z|².
        var z = v
        var s = 0.0
        factor.withUnsafeBufferPointer { f in
            for i in 0..<order {
                var acc = z[i]
                for k in 0..<i { acc -= f[k * order + i] * z[k] } // L[i,k] at column-major (i,k)
                z[i] = acc / f[i * order + i]
                s += z[i] * z[i]
            }
        }
        return s
    }
}

#if canImport(Glibc)
import Glibc
@inline(__always) func _log(_ x: Double) -> Double { Glibc.log(x) }
#else
import Foundation
@inline(__always) func _log(_ x: Double) -> Double { Foundation.log(x) }
#endif
