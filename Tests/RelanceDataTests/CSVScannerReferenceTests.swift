import Foundation
import Testing
@testable import RelanceData
import SyntheticData

/// The scanner against a plain byte-by-byte RFC 4180 reader, on random files mixing every shape
/// the word-at-a-time paths treat differently: quoted and unquoted fields, quotes inside unquoted
/// fields, commas, LF, CRLF and lone CR line ends, blank lines, empty fields, non-ASCII bytes,
/// fields longer than a word, and records cut by small read chunks.
@Suite struct CSVScannerReferenceTests {
    struct Record: Equatable, CustomStringConvertible {
        var line: Int
        var fields: [[UInt8]]
        var nonASCII: Bool
        var description: String { "line \(line) \(fields.map { String(decoding: $0, as: UTF8.self) }) \(nonASCII)" }
    }

    /// Plain reader: blank lines skipped (and counted), a field is quoted only when it starts
    /// with a quote, a record ends at LF, CR LF or a lone CR outside quotes.
    static func reference(_ b: [UInt8]) -> [Record] {
        var out: [Record] = []
        var i = 0, line = 1
        func isEnd(_ k: Int) -> Bool { k < b.count && (b[k] == 10 || b[k] == 13) }
        func skipLineEnd(_ k: inout Int) {
            if b[k] == 13, k + 1 < b.count, b[k + 1] == 10 { k += 2 } else { k += 1 }
            line += 1
        }
        while i < b.count {
            while isEnd(i) { skipLineEnd(&i) }
            if i >= b.count { break }
            let start = line
            var fields: [[UInt8]] = []
            var nonASCII = false
            while true {
                var field: [UInt8] = []
                if i < b.count, b[i] == 34 {
                    i += 1
                    while true {
                        let c = b[i]
                        if c == 34 {
                            if i + 1 < b.count, b[i + 1] == 34 { field.append(34); i += 2; continue }
                            i += 1
                            break
                        }
                        if c == 10 || (c == 13 && !(i + 1 < b.count && b[i + 1] == 10)) { line += 1 }
                        field.append(c)
                        i += 1
                    }
                } else {
                    while i < b.count, b[i] != 44, b[i] != 10, b[i] != 13 { field.append(b[i]); i += 1 }
                }
                if field.contains(where: { $0 >= 0x80 }) { nonASCII = true }
                fields.append(field)
                if i < b.count, b[i] == 44 { i += 1; continue }
                if i < b.count { skipLineEnd(&i) }
                break
            }
            out.append(Record(line: start, fields: fields, nonASCII: nonASCII))
        }
        return out
    }

    func scanned(_ b: [UInt8], chunk: Int) throws -> [Record] {
        let files = TestFiles()
        let s = try CSVScanner(url: files.write("x.csv", Data(b)), chunkSize: chunk)
        var out: [Record] = []
        while try s.next() {
            out.append(Record(line: s.recordLine, fields: (0..<s.fieldCount).map { Array(s.bytes($0)) }, nonASCII: s.recordHasNonASCII))
        }
        return out
    }

    static func randomFile(_ g: inout SplitMix64) -> [UInt8] {
        let plain: [[UInt8]] = ["INV-0000123", "2024-02-29", "1234.56", "", "EUR", "transfer", "a", "Café Rouge", "x\"y",
                                "a-very-long-field-value-that-spans-several-words", "é", "0"].map { Array($0.utf8) }
        let quoted: [[UInt8]] = ["\"a,b\"", "\"say \"\"hi\"\"\"", "\"two\nlines\"", "\"\"", "\"crlf\r\nin\"", "\"é,\""].map { Array($0.utf8) }
        let ends: [[UInt8]] = [[10], [10], [10], [13, 10], [13, 10], [13], [10, 10], [13, 10, 13, 10]]
        var out: [UInt8] = []
        for _ in 0..<(Int(g.next() % 60) + 1) {
            let fields = Int(g.next() % 12) + 1
            for f in 0..<fields {
                if f > 0 { out.append(44) }
                let pick = g.next() % 10
                out += pick < 8 ? plain[Int(g.next() % UInt64(plain.count))] : quoted[Int(g.next() % UInt64(quoted.count))]
            }
            out += ends[Int(g.next() % UInt64(ends.count))]
        }
        return out
    }

    @Test func randomFilesAreReadAsThePlainReaderReadsThem() throws {
        var g = SplitMix64(seed: 20261129)
        for round in 0..<300 {
            let file = Self.randomFile(&g)
            let expected = Self.reference(file)
            for chunk in [4 << 20, 64, 17] {
                let got = try scanned(file, chunk: chunk)
                #expect(got == expected, "round \(round), chunk \(chunk)")
                if got != expected { return }
            }
        }
    }
}
