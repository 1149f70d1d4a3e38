import Foundation
import Testing
@testable import RelanceData

/// The byte-level shortcuts of ``CSVBuffer`` (one-string fields copied in place, fields written in
/// place and fixed up afterwards, the word-at-a-time quoting scan, the table of recent days) write
/// exactly what the plain rules write.
@Suite struct CSVBufferFastPathTests {
    static func text(_ build: (inout CSVBuffer) -> Void) -> String {
        var out = CSVBuffer(reservingCapacity: 16)
        build(&out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// RFC 4180 quoting written the plain way (an independent reference).
    static func rfc4180(_ field: String) -> String {
        let special = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        guard special else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A leading `'` before text starting with a formula character.
    static func guarded(_ field: String) -> String {
        guard let b = field.utf8.first, CSVBuffer.isFormulaStart(b) else { return field }
        return "'" + field
    }

    /// Fields of every kind: empty, plain, with each special byte at the start, middle and end,
    /// formula starts, non-ASCII (including bytes whose low bits look like a comma or quote), and
    /// long ones (native strings, more than one 8-byte word) as well as short (inline) ones.
    static let fields: [String] = {
        var fields = [
            "", "a", "INV-000123", "C42", "EUR", "high", "plain text of some length here",
            ",", "\"", "\n", "\r", "\r\n", "a,b", "say \"hi\"", "line\nbreak", "cr\rhere", "\"\"",
            "=SUM(A1)", "+33 1 23", "-3 days", "@home", "\tindent", "\rstart", "'quoted", "= spaced, with comma",
            "é", "Société Générale, Paris", "Ørsted \"A/S\"", "ĬĢĮ", "\u{202F}\u{00A0}", "\u{012C}\u{0122}x",
            "日本語のテキスト", "emoji 🙂, more",
        ]
        // Each special byte at every position of texts of 1 to 40 bytes (the scan's words and tail).
        for length in 1...40 {
            for special in [",", "\"", "\n", "\r", "+", "-", "é"] {
                for at in [0, length / 2, length - 1] {
                    var chars = Array(repeating: "x", count: length)
                    chars[at] = special
                    fields.append(chars.joined())
                }
            }
            fields.append(String(repeating: "y", count: length))
        }
        return fields
    }()

    @Test func oneStringFieldsAreQuotedOnlyWhenNeededAndGuardedOnlyWhenAsked() {
        for field in Self.fields {
            #expect(Self.text { $0.appendField(field) } == Self.rfc4180(field), "field \(field.debugDescription)")
            #expect(Self.text { $0.appendGuardedField(field) } == Self.rfc4180(Self.guarded(field)),
                    "guarded field \(field.debugDescription)")
            // After another field: the separator comes first, once.
            #expect(Self.text { $0.appendField("x"); $0.appendGuardedField(field) } == "x," + Self.rfc4180(Self.guarded(field)))
        }
    }

    @Test func theQuotingScanFindsEverySpecialByteAndNothingElse() {
        // Every byte value at every position of texts up to 40 bytes (all word offsets and tails,
        // and the 16-byte blocks: one, two, and a tail overlapping them).
        for length in 1...40 {
            for at in 0..<length {
                for value in 0...255 {
                    var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: length)
                    bytes[at] = UInt8(value)
                    let expected = value == 0x2C || value == 0x22 || value == 10 || value == 13
                    #expect(bytes.withUnsafeBufferPointer { CSVBuffer.needsQuotes($0) } == expected,
                            "byte \(value) at \(at) of \(length)")
                }
            }
        }
        #expect(![UInt8]().withUnsafeBufferPointer { CSVBuffer.needsQuotes($0) })
    }

    @Test func theOnePassScanAlsoTellsWhetherThereIsAQuote() {
        for length in [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 15, 16, 17, 23, 24, 31, 32, 33, 40, 47, 48, 49, 200] {
            for at in 0..<max(length, 1) {
                for value in [0x22, 0x2C, 0x0A, 0x0D, 0x21, 0x23, 0x2B, 0x2D, 0x0B, 0x0C, 0x09, 0xA2, 0xAC, 0x8A, 0x00, 0xFF] {
                    var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: length)
                    if length > 0 { bytes[at] = UInt8(value) }
                    let special = length > 0 && (value == 0x2C || value == 0x22 || value == 10 || value == 13)
                    let scan = bytes.withUnsafeBufferPointer { CSVBuffer.specialBytes($0) }
                    #expect(scan.needsQuotes == special && scan.hasQuote == (length > 0 && value == 0x22),
                            "byte \(value) at \(at) of \(length)")
                }
            }
        }
        // Two specials in one text, the quote after the comma and before it.
        for text in ["a,bcdefghijk\"l", "\"abcdefghij,k", "abcdefghijklmnop,", "abcdefghijklmnop\"",
                     String(repeating: "é", count: 30) + ",\"", "\"" + String(repeating: "x", count: 40) + ","] {
            let scan = Array(text.utf8).withUnsafeBufferPointer { CSVBuffer.specialBytes($0) }
            #expect(scan.needsQuotes && scan.hasQuote == text.contains("\""), "\(text)")
        }
    }

    @Test func fieldsWrittenInPlaceEqualTheSameTextGivenAsBytes() {
        for field in Self.fields {
            for guardFormula in [false, true] {
                let expected = Self.text { $0.appendField("lead"); $0.appendField(text: Array(field.utf8), guardFormula: guardFormula) }
                let inPlace = Self.text { out in
                    out.appendField("lead")
                    out.appendField(guardFormula: guardFormula) { $0.append(contentsOf: field.utf8) }
                }
                #expect(inPlace == expected, "field \(field.debugDescription) guard \(guardFormula)")
                #expect(inPlace == "lead," + Self.rfc4180(guardFormula ? Self.guarded(field) : field))
            }
        }
        // Written in several pieces, at the start of a row, then more fields after it.
        let pieces = Self.text { out in
            out.appendField(guardFormula: true) { bytes in
                bytes.append(contentsOf: "-1 day".utf8)
                bytes.append(contentsOf: " | ".utf8)
                bytes.append(contentsOf: "1,234.50 EUR \"x\"".utf8)
            }
            out.appendInt(7)
            out.endRow()
        }
        #expect(pieces == "\"'-1 day | 1,234.50 EUR \"\"x\"\"\",7\n")
        #expect(Self.text { $0.appendField(guardFormula: true) { _ in }; $0.appendInt(1) } == ",1")
    }

    @Test func arraysOfPartsAreJoinedLikeAnyCollectionOfParts() {
        let lists: [[String]] = [
            [], [""], ["", ""], ["", "=SUM(A1)"], ["=x"], ["-3", "y"], ["a,b", "c"], ["say \"hi\""], ["line\nbreak"],
            ["é", "ñ"], ["amount_spike", "round_amount"],
        ]
        for parts in lists {
            for guardFormula in [false, true] {
                let generic = Self.text { $0.appendInt(0); $0.appendField(parts: parts.lazy.map { $0 }, separator: ";", guardFormula: guardFormula) }
                #expect(Self.text { $0.appendInt(0); $0.appendField(parts: parts, separator: ";", guardFormula: guardFormula) } == generic,
                        "parts \(parts) guard \(guardFormula)")
                let joined = parts.joined(separator: ";")
                #expect(generic == "0," + Self.rfc4180(guardFormula ? Self.guarded(joined) : joined))
            }
        }
    }

    @Test func emptyListsAreEmptyFields() {
        #expect(Self.text { $0.appendInt(1); $0.appendField(parts: [String](), separator: ";", guardFormula: true); $0.appendInt(2) } == "1,,2")
        #expect(Self.text { $0.appendField(parts: [String](), separator: ";", guardFormula: false); $0.endRow() } == "\n")
    }

    @Test func repeatedAndCollidingDaysAreWrittenFromTheirOwnDates() {
        // Days 1024 apart share a slot of the table; each must still be written as itself, in any order.
        var days: [Day] = []
        for base in [-719_162, -1, 0, 1, 20_000, 20_423, 2_932_896 - 3 * 1024] {
            for k in 0..<4 { days.append(Day(raw: Int32(base + 1024 * k))) }
        }
        days += days.reversed() + days + [Day.missing, Day(raw: 20_423), Day.missing]
        var out = CSVBuffer(reservingCapacity: 16)
        var expected = ""
        var rowStart = true
        for (k, d) in days.enumerated() {
            out.appendDay(d)
            expected += (rowStart ? "" : ",") + d.iso
            rowStart = false
            if k % 5 == 4 {
                out.endRow()
                expected += "\n"
                rowStart = true
                if k % 10 == 9 { out.removeAll() ; expected = "" }
            }
        }
        // A buffer emptied and refilled keeps its table and still writes the right dates.
        #expect(String(decoding: out.bytes, as: UTF8.self) == expected)
        // Days outside years 0…9999 are written by Day.iso.
        for raw in [Int32(-800_000), 3_000_000, Int32.max] {
            let d = Day(raw: raw)
            #expect(Self.text { $0.appendDay(d); $0.appendDay(d) } == d.iso + "," + d.iso)
        }
    }

    @Test func integersAndFixedDecimalsAtTheirExtremes() {
        for v in [0, 1, -1, 9, 10, -10, 123_456_789, Int.max, Int.min, Int(Int32.min)] {
            #expect(Self.text { $0.appendInt(v) } == String(v))
        }
        for (x, decimals, text) in [
            (0.0, 0, "0"), (-0.0, 2, "0.00"), (-0.004, 2, "0.00"), (-0.005, 2, "-0.01"), (0.5, 0, "1"), (-2.5, 0, "-3"),
            (1.25, 9, "1.250000000"), (-1.25, 1, "-1.3"), (8.99e15, 0, "8990000000000000"), (9e15, 0, String(9e15)),
            (-9e15, 0, String(-9e15)), (123_456_789.5, 0, "123456790"), (0.000_05, 4, "0.0001"),
        ] as [(Double, Int, String)] {
            #expect(Self.text { $0.appendFixed(x, decimals: decimals) } == text, "\(x) \(decimals)")
        }
    }
}

/// The rounding the number fields use is `rounded()` (half away from zero), sign of zero included.
@Suite struct CSVBufferRoundingTests {
    @Test func roundingHalfAwayIsTheStandardLibrarysRounding() {
        var values: [Double] = [
            0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994, 0.3, -0.3, 1e-300,
            4_503_599_627_370_495.5, 4_503_599_627_370_496, -4_503_599_627_370_497, 9e15, 1e300, -1e300,
            .infinity, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 123.5, 99.995 * 100,
        ]
        var state: UInt64 = 7
        for _ in 0..<50_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let scale = Double(1 << (state >> 58))
            values.append((Double(state >> 11) / Double(1 << 53) - 0.5) * scale * 1e4)
            values.append(Double(Int64(bitPattern: state) >> 20) + 0.5)
        }
        for v in values {
            let r = CSVBuffer.roundedHalfAway(v)
            let expected = v.rounded()
            #expect(r == expected && r.sign == expected.sign, "value \(v)")
        }
        #expect(CSVBuffer.roundedHalfAway(.nan).isNaN)
    }
}
