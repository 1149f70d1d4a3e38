import Testing
@testable import LinearAlgebra

/// `StandardisedDesign` (LinearAlgebra) must equal the explicitly materialised design
/// [1, (X[:, cols] − shift) · scale] for every product the logistic fit uses.
@Suite struct LogisticStandardisedDesignTests {
    // 7 rows × 4 raw columns with large means (the case where correcting a raw Gram loses digits).
    let x = DenseMatrix(rows: 7, columns: 4, values: [
        1000.5, 2, 7, 0.1,
        1001.0, 3, 7, 0.4,
        999.75, 5, 7, 0.2,
        1000.25, 1, 7, 0.9,
        1002.0, 4, 7, 0.3,
        998.5, 6, 7, 0.8,
        1000.0, 2, 7, 0.5,
    ])
    let columns = [0, 1, 3]
    let shift = [1000.0, 3.3, 0.45]
    let scale = [0.8, 1 / 1.7, 4.0]

    func explicit(intercept: Bool) -> [[Double]] {
        (0..<x.rows).map { i in
            (intercept ? [1.0] : []) + columns.indices.map { k in (x[i, columns[k]] - shift[k]) * scale[k] }
        }
    }

    @Test(arguments: [true, false])
    func weightedGramAndProductsMatchTheMaterialisedDesign(intercept: Bool) throws {
        let design = StandardisedDesign(base: x, columns: columns, shift: shift, scale: scale, includesIntercept: intercept)
        let a = explicit(intercept: intercept)
        let q = a[0].count
        #expect(design.order == q)
        let w = [0.5, 1, 2, 0, 1.5, 0.25, 1]
        let v = [1.0, -2, 0.5, 3, -1, 0.25, 2]
        // blockRows 3 forces several dsyrk blocks, the last one partial.
        let (gram, product) = try design.weightedGram(weights: w, transposeProduct: v, blockRows: 3)
        for r in 0..<q {
            for c in 0..<q {
                let expected = (0..<x.rows).reduce(0.0) { $0 + w[$1] * a[$1][r] * a[$1][c] }
                #expect(abs(gram[r, c] - expected) < 1e-9)
            }
            let expectedProduct = (0..<x.rows).reduce(0.0) { $0 + a[$1][r] * v[$1] }
            #expect(abs(product[r] - expectedProduct) < 1e-9)
            #expect(abs(design.transposeMultiply(v)[r] - expectedProduct) < 1e-9)
        }
        let unweighted = try design.weightedGram(weights: nil)
        let expected00 = (0..<x.rows).reduce(0.0) { $0 + a[$1][0] * a[$1][0] }
        #expect(abs(unweighted[0, 0] - expected00) < 1e-9)
        let b = (0..<q).map { Double($0) - 0.7 }
        let eta = try design.multiply(b)
        for i in 0..<x.rows {
            let expected = (0..<q).reduce(0.0) { $0 + a[i][$1] * b[$1] }
            #expect(abs(eta[i] - expected) < 1e-9)
        }
    }

    @Test func choleskyDiagonalExposesTheUnexplainedVariance() throws {
        // Correlation matrix of two columns with r = 0.6: L₁₁² = 1 − r² = 0.64.
        var r = SymmetricMatrix.identity(2)
        r[0, 1] = 0.6
        let d = try Cholesky(r).diagonal
        #expect(abs(d[0] - 1) < 1e-15 && abs(d[1] * d[1] - 0.64) < 1e-15)
        #expect(r.leading(1).storage == [1])
    }
}
