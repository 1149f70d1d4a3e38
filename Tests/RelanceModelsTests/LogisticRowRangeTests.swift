import Foundation
import Testing
import LinearAlgebra
@testable import RelanceModels

/// Fitting and predicting on a row range of a shared matrix (how time-ordered training avoids
/// copying its prefixes and tails) gives what the same calls give on a copy of those rows.
@Suite struct LogisticRowRangeTests {
    func data(rows n: Int, columns p: Int) -> (x: DenseMatrix, y: [Double]) {
        var rng = SeededRandom(seed: 7)
        var values: [Double] = []
        var y: [Double] = []
        for _ in 0..<n {
            var eta = -0.3
            for j in 0..<p {
                let v = j == p - 1 ? 5.0 : rng.normal() * Double(j + 1) + Double(j)   // last column constant
                values.append(v)
                if j < p - 1 { eta += 0.4 * (j % 2 == 0 ? 1 : -1) * (v - Double(j)) / Double(j + 1) }
            }
            y.append(rng.uniform() < 1 / (1 + exp(-eta)) ? 1 : 0)
        }
        return (DenseMatrix(rows: n, columns: p, values: values), y)
    }

    func copy(_ x: DenseMatrix, _ rows: Range<Int>) -> DenseMatrix {
        DenseMatrix(rows: rows.count, columns: x.columns, values: Array(x.values[(rows.lowerBound * x.columns)..<(rows.upperBound * x.columns)]))
    }

    @Test func fitOnARowRangeEqualsFitOnACopyOfThoseRows() throws {
        let (x, y) = data(rows: 3000, columns: 6)
        let names = (0..<6).map { "f\($0)" }
        for rows in [0..<3000, 0..<2100, 400..<2500, 2000..<3000] {
            let ranged = try LogisticRegression.fit(x, rows: rows, labels: Array(y[rows]), featureNames: names)
            let copied = try LogisticRegression.fit(copy(x, rows), labels: Array(y[rows]), featureNames: names)
            #expect(abs(ranged.intercept - copied.intercept) <= 1e-12)
            for j in 0..<6 {
                #expect(abs(ranged.coefficients[j] - copied.coefficients[j]) <= 1e-12, "rows \(rows), feature \(j)")
                #expect(abs(ranged.rawCoefficients[j] - copied.rawCoefficients[j]) <= 1e-12)
            }
            #expect(ranged.report.iterations == copied.report.iterations)
            #expect(ranged.report.droppedConstantFeatures == ["f5"])
            let etaRanged = try ranged.linearPredictor(for: x, rows: 100..<900, featureNames: names)
            let etaCopied = try ranged.linearPredictor(for: copy(x, 100..<900), featureNames: names)
            #expect(etaRanged.count == 800)
            #expect(zip(etaRanged, etaCopied).allSatisfy { abs($0 - $1) <= 1e-12 })
        }
    }

    @Test func rowRangeErrorsNameRowsFromTheRangeStart() throws {
        let d = data(rows: 200, columns: 3)
        var x = d.x
        let y = d.y
        x[150, 1] = .nan
        let names = ["a", "b", "c"]
        #expect(throws: ModelError.nonFiniteValue(row: 51, feature: "b")) {
            try LogisticRegression.fit(x, rows: 100..<200, labels: Array(y[100..<200]), featureNames: names)
        }
        #expect(throws: ModelError.self) {
            try LogisticRegression.fit(x, rows: 100..<201, labels: Array(y[100..<200]) + [0], featureNames: names)
        }
    }
}
