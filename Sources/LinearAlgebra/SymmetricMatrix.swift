/// A dense symmetric p×p matrix stored in full (both triangles filled), row-major == column-major.
///
/// Used for Gram matrices (XᵀWX), covariance matrices and their factorisations. Keeping both
/// triangles filled lets callers index it without caring which triangle LAPACK wrote.
public struct SymmetricMatrix: Sendable, Equatable {
    public let order: Int
    public var storage: [Double]

    public init(order: Int, storage: [Double]) {
        precondition(storage.count == order * order, "storage must hold order² values")
        self.order = order
        self.storage = storage
    }

    public init(zeros order: Int) {
        self.init(order: order, storage: [Double](repeating: 0, count: order * order))
    }

    public static func identity(_ order: Int) -> SymmetricMatrix {
        var m = SymmetricMatrix(zeros: order)
        for i in 0..<order { m.storage[i * order + i] = 1 }
        return m
    }

    public subscript(i: Int, j: Int) -> Double {
        get { storage[i * order + j] }
        set {
            storage[i * order + j] = newValue
            storage[j * order + i] = newValue
        }
    }

    /// Copies the lower triangle (column-major view) onto the upper one.
    mutating func mirrorLowerColumnMajor() {
        let p = order
        storage.withUnsafeMutableBufferPointer { s in
            for j in 0..<p {
                for i in (j + 1)..<max(j + 1, p) {
                    // column-major (i, j) lower -> (j, i)
                    s[i * p + j] = s[j * p + i]
                }
            }
        }
    }
}
