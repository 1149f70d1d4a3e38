import Foundation
import RelanceData
import Testing
@testable import RelanceExport

/// The byte writer behind the daily CSV must write exactly what the string formatting wrote
/// (the reference here: `DecimalText.exact`, `Day.iso`, and RFC 4180 quoting of the
/// formula-guarded joined text), so the risk list does not change by a byte.
@Suite struct CSVBufferRiskListFieldTests {
    static func text(_ build: (inout CSVBuffer) -> Void) -> String {
        var out = CSVBuffer(reservingCapacity: 64)
        build(&out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// The field as RFC 4180 writes it, written the plain way (an independent reference).
    static func rfc4180(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    @Test func amountsAreTheShortestTextThatReadsBackAsTheSameDouble() {
        var values: [Double] = [
            0, 1, -1, 0.01, 0.1, 0.5, 0.05, 0.3, 0.1 + 0.2, 1.005, 2.675, 10.1, 99.99, 100.1, 123.456, 1e-5, 0.009,
            3298650.47, 1836582.39, 9_999_999_999_999.99, 1e13 + 0.25, 1e14 + 0.5, 1e15, 1e16, 4.5e15 + 1,
            -12.5, -0.07, .ulpOfOne, .leastNonzeroMagnitude, .greatestFiniteMagnitude, .nan, .infinity,
        ]
        // Cents amounts over many magnitudes (a fixed linear congruential sequence).
        var state: UInt64 = 42
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let cents = Double(state >> 20 % 64 + 1) * Double(state >> 40)
            values.append((cents.truncatingRemainder(dividingBy: 1e14)).rounded() / 100)
            values.append(Double(state >> 11) / Double(1 << 53) * 1000)
        }
        for x in values {
            #expect(Self.text { $0.appendExactAmount(x) } == DecimalText.exact(x), "amount \(x)")
        }
    }

    @Test func daysAreISODatesAndMissingDaysAreEmpty() {
        var days = [Day.missing]
        for raw in stride(from: -719_162, through: 2_932_896, by: 997) { days.append(Day(raw: Int32(raw))) }
        for d in days {
            #expect(Self.text { $0.appendDay(d) } == d.iso, "day \(d.raw)")
        }
    }

    @Test func joinedFieldsEqualTheGuardedJoinedTextQuotedAsBefore() {
        let lists: [[String]] = [
            [], [""], ["", ""], ["", "=SUM(A1)"], ["=SUM(A1)"], ["-3 days"], ["+1", "x"], ["@x"], ["\tx"], ["\rx"],
            ["a,b", "c"], ["say \"hi\"", "x"], ["line\nbreak"], ["é, ü", "ñ"], ["plain", "text", "here"],
        ]
        for parts in lists {
            for guardFormula in [false, true] {
                let joined = parts.joined(separator: " | ")
                let expected = Self.rfc4180(guardFormula ? SpreadsheetText.guardFormula(joined) : joined)
                #expect(Self.text { $0.appendField(parts: parts, separator: " | ", guardFormula: guardFormula) } == expected,
                        "parts \(parts) guard \(guardFormula)")
            }
        }
    }

    @Test func textFieldsBuiltAsBytesAreQuotedAndGuardedLikeTheJoinedText() {
        let lists: [[String]] = [
            [], [""], ["", ""], ["", "=SUM(A1)"], ["=SUM(A1)"], ["-3 days"], ["+1", "x"], ["@x"], ["\tx"], ["\rx"],
            ["a,b", "c"], ["say \"hi\"", "x"], ["line\nbreak"], ["é, ü", "ñ"], ["1\u{202F}234,50\u{00A0}EUR"],
        ]
        for parts in lists {
            for guardFormula in [false, true] {
                let joined = parts.joined(separator: " | ")
                #expect(Self.text { $0.appendField(text: Array(joined.utf8), guardFormula: guardFormula) }
                        == Self.text { $0.appendField(parts: parts, separator: " | ", guardFormula: guardFormula) },
                        "parts \(parts) guard \(guardFormula)")
            }
        }
    }
}
