import Testing
@testable import LinearAlgebra

/// Small hand-checked systems: the figures below were worked out by hand (and with numpy).
@Suite struct LinearAlgebraTests {
    @Test func weightedGramMatchesExplicitSum() throws {
        // X = [[1,2],[3,4],[5,6]], w = [1,2,3]: XᵀWX = [[1+18+75, 2+24+90],[.., 4+32+108]]
        let x = DenseMatrix(rows: 3, columns: 2, values: [1, 2, 3, 4, 5, 6])
        let g = try BLAS.weightedGram(x, weights: [1, 2, 3], blockRows: 2)
        #expect(abs(g[0, 0] - 94) < 1e-12)
        #expect(abs(g[0, 1] - 116) < 1e-12)
        #expect(abs(g[1, 0] - 116) < 1e-12)
        #expect(abs(g[1, 1] - 144) < 1e-12)
    }

    @Test func unweightedGramUsesRowsDirectly() throws {
        let x = DenseMatrix(rows: 3, columns: 2, values: [1, 2, 3, 4, 5, 6])
        let g = try BLAS.weightedGram(x, weights: nil)
        #expect(g.storage == [35, 44, 44, 56])
    }

    @Test func matrixVectorProductsAgreeWithHandResults() throws {
        let x = DenseMatrix(rows: 3, columns: 2, values: [1, 2, 3, 4, 5, 6])
        #expect(try BLAS.multiply(x, [1, -1]) == [-1, -1, -1])
        #expect(try BLAS.transposeMultiply(x, [1, 1, 1]) == [9, 12])
    }

    @Test func choleskySolvesAndInverts() throws {
        var a = SymmetricMatrix(zeros: 2)
        a[0, 0] = 4; a[0, 1] = 2; a[1, 1] = 3
        let c = try Cholesky(a)
        let x = try c.solve([2, 1])   // [[4,2],[2,3]] x = [2,1] → x = [0.5, 0]
        #expect(abs(x[0] - 0.5) < 1e-12 && abs(x[1]) < 1e-12)
        #expect(abs(c.logDeterminant - _log(8)) < 1e-12)
        let inv = try c.inverse()
        #expect(abs(inv[0, 0] - 0.375) < 1e-12 && abs(inv[0, 1] + 0.25) < 1e-12 && abs(inv[1, 1] - 0.5) < 1e-12)
        // vᵀA⁻¹v for v = [1,1]: 0.375 - 0.5 + 0.5 = 0.375
        #expect(abs(c.inverseQuadraticForm([1, 1]) - 0.375) < 1e-12)
    }

    @Test func singularMatrixIsReportedNotTrapped() {
        var a = SymmetricMatrix(zeros: 2)
        a[0, 0] = 1; a[0, 1] = 1; a[1, 1] = 1
        #expect(throws: LinearAlgebraError.self) { try Cholesky(a) }
    }

    @Test func eigenvaluesOfKnownMatrix() throws {
        var a = SymmetricMatrix(zeros: 2)
        a[0, 0] = 2; a[0, 1] = 1; a[1, 1] = 2
        let e = try SymmetricEigen(a)
        #expect(abs(e.values[0] - 1) < 1e-12 && abs(e.values[1] - 3) < 1e-12)
        #expect(abs(e.conditionNumber - 3) < 1e-12)
    }
}
