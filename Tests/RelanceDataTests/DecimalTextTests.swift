import Foundation
import Testing
@testable import RelanceData

@Suite struct DecimalTextTests {
    func parse(_ s: String, comma: Bool = false) -> Double? {
        var s = s
        return s.withUTF8 { DecimalText.parse(UnsafeRawBufferPointer($0), decimalComma: comma) }
    }

    @Test func agreesBitForBitWithDoubleStringOnRandomDecimals() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let intDigits = Int.random(in: 0...12, using: &rng)
            let fracDigits = Int.random(in: 0...8, using: &rng)
            var s = Bool.random(using: &rng) ? "-" : ""
            s += intDigits == 0 ? "0" : String((0..<intDigits).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) })
            if fracDigits > 0 { s += "." + String((0..<fracDigits).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) }) }
            #expect(parse(s)?.bitPattern == Double(s)?.bitPattern, "\(s)")
        }
    }

    @Test func hardCasesFallBackToCorrectRounding() {
        for s in ["0.1", "1234.50", "9007199254740993", "123456789012345678901234.5", "0.000000000000000000000000123",
                  "1e300", "2.5e-3", "1E5", "17976931348623157e292", "4.9e-324", "00012.3400", ".5", "5."] {
            #expect(parse(s)?.bitPattern == Double(s)?.bitPattern, "\(s)")
        }
    }

    @Test func rejectsWhatIsNotADecimal() {
        for s in ["", "-", "+", ".", "1.2.3", "12a", "1,5", "1 000", "e5", "1e", "abc", " 1"] {
            #expect(parse(s) == nil, "\(s)")
        }
    }

    @Test func decimalCommaAcceptsThousandsSeparators() {
        #expect(parse("1 234,50", comma: true) == 1234.5)
        #expect(parse("1.234,50", comma: true) == 1234.5)
        #expect(parse("1\u{00A0}234,5", comma: true) == 1234.5)
        #expect(parse("1\u{202F}234\u{202F}567,25", comma: true) == 1234567.25)
        #expect(parse("-12,5", comma: true) == -12.5)
        #expect(parse("42", comma: true) == 42)
        #expect(parse("1 234.50", comma: true) == nil)
        #expect(parse("1,2,3", comma: true) == nil)
        #expect(parse("1 ,5", comma: true) == nil)
    }
}

@Suite struct DecimalCommaGroupingTests {
    func parse(_ s: String) -> Double? {
        var s = s
        return s.withUTF8 { DecimalText.parse(UnsafeRawBufferPointer($0), decimalComma: true) }
    }

    @Test func thousandsGroupsMustHaveThreeDigitsAndOneSeparatorKind() {
        #expect(parse("12 345 678,9") == 12345678.9)
        #expect(parse("1 23,5") == nil)
        #expect(parse("1234 567,5") == nil)
        #expect(parse("1.234 567,5") == nil)
    }
}
