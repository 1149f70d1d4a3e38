import Foundation
import Testing
@testable import RelanceModels
import LinearAlgebra

/// Column summaries shared by nested training prefixes must be exactly those of each range alone.
@Suite struct LogisticColumnSummaryTests {
    func matrix(rows: Int, columns: Int, seed: UInt64) -> DenseMatrix {
        var state = seed
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let values = (0..<(rows * columns)).map { k in
            k % columns == 3 ? Double(Int(next() * 3)) : (next() - 0.3) * 1e3 + Double(k % 7)
        }
        return DenseMatrix(rows: rows, columns: columns, values: values)
    }

    @Test func prefixSummariesAreBitForBitThoseOfEachRange() throws {
        for (rows, columns) in [(50, 3), (20_000, 33), (9_000, 40)] {
            let x = matrix(rows: rows, columns: columns, seed: UInt64(rows))
            let names = (0..<columns).map { "f\($0)" }
            let start = rows / 10
            let ends = [rows / 2, rows * 3 / 4, rows]
            let shared = try ColumnSummary.computePrefixes(x, start: start, ends: ends, featureNames: names)
            for (end, s) in zip(ends, shared) {
                let alone = try ColumnSummary.compute(x, rows: start..<end, featureNames: names)
                #expect(s.means.map(\.bitPattern) == alone.means.map(\.bitPattern), "means, \(rows)×\(columns) to \(end)")
                #expect(s.sds.map(\.bitPattern) == alone.sds.map(\.bitPattern), "sds, \(rows)×\(columns) to \(end)")
                #expect(s.minimums == alone.minimums && s.maximums == alone.maximums)
            }
        }
    }

    @Test func aNonFiniteCellInAPrefixIsRefused() {
        var x = matrix(rows: 100, columns: 4, seed: 7)
        x[60, 2] = .nan
        #expect(throws: ModelError.self) {
            try ColumnSummary.computePrefixes(x, start: 0, ends: [50, 80, 100], featureNames: ["a", "b", "c", "d"])
        }
        #expect((try? ColumnSummary.computePrefixes(x, start: 0, ends: [50], featureNames: ["a", "b", "c", "d"])) != nil)
    }
}
