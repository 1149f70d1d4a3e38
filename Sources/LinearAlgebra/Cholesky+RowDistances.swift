extension Cholesky {
    /// Squared Mahalanobis distances of `count` rows that are produced one at a time: `row(i, into)`
    /// writes row `i`'s `order` values into the buffer, then (x − location)ᵀ A⁻¹ (x − location) is
    /// taken exactly as ``squaredMahalanobisDistances(_:location:)`` takes it for a stored row.
    ///
    /// For callers whose rows are a transformation of some other table (selected columns,
    /// standardised): no n × p matrix of the transformed rows is ever built (on a million rows that
    /// is two 48 MB copies and their page faults for a six-column distance).
    public func squaredMahalanobisDistances(
        count: Int, location: [Double], row: (Int, UnsafeMutablePointer<Double>) -> Void
    ) -> [Double] {
        precondition(location.count == order, "dimensions must match the factor")
        var out = [Double](repeating: 0, count: count)
        guard order > 0, count > 0 else { return out }
        let p = order
        let packed = packedInverseDiagonalFactor()
        var z = [Double](repeating: 0, count: p)
        var x = [Double](repeating: 0, count: p)
        packed.withUnsafeBufferPointer { l in
            location.withUnsafeBufferPointer { mu in
                z.withUnsafeMutableBufferPointer { zp in
                    x.withUnsafeMutableBufferPointer { xp in
                        out.withUnsafeMutableBufferPointer { o in
                            let buffer = xp.baseAddress!
                            for r in 0..<count {
                                row(r, buffer)
                                o[r] = Self.squaredDistance(buffer, location: mu, packed: l, scratch: zp, order: p)
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}
