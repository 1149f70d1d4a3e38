import Foundation
import Testing
@testable import RelanceData

/// `CSVBuffer` must write exactly what `CSVText` and `String(format:)` would, only faster.
@Suite struct CSVBufferTests {
    @Test func quotesOnlyFieldsThatNeedIt() {
        var b = CSVBuffer()
        b.appendRow(["plain", "a,b", "say \"hi\"", "two\nlines", "é"])
        #expect(String(decoding: b.bytes, as: UTF8.self) == CSVText.line(["plain", "a,b", "say \"hi\"", "two\nlines", "é"]) + "\n")
    }

    @Test func fixedDecimalsMatchPrintfAwayFromTies() {
        // Values chosen away from exact binary ties, where printf and half-away rounding agree.
        let values: [Double] = [0, 1, -1, 0.12344, 0.12346, 123456.789, -0.00004, -2.5001, 0.99996, 1e-9, 987654321.123]
        for x in values {
            for d in [0, 2, 4] {
                var b = CSVBuffer()
                b.appendFixed(x, decimals: d)
                var expected = String(format: "%.\(d)f", x)
                if expected.hasPrefix("-"), Double(expected) == 0 { expected.removeFirst() } // no "-0.0000"
                #expect(String(decoding: b.bytes, as: UTF8.self) == expected, "x=\(x) d=\(d)")
            }
        }
    }

    @Test func nonFiniteNumbersBecomeEmptyFields() {
        var b = CSVBuffer()
        b.appendInt(-42); b.appendFixed(.nan, decimals: 2); b.appendFixed(.infinity, decimals: 2); b.appendInt(0)
        b.endRow()
        #expect(String(decoding: b.bytes, as: UTF8.self) == "-42,,,0\n")
    }

    @Test func byteOrderMarkDoesNotStartAField() {
        var b = CSVBuffer()
        b.appendByteOrderMark(); b.appendRow(["a", "b"])
        #expect(b.bytes == [0xEF, 0xBB, 0xBF] + Array("a,b\n".utf8))
    }
}
