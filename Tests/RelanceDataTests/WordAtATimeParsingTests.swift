import Foundation
import Testing
@testable import RelanceData

/// The ingest fast paths that read several bytes at once must give exactly what the byte-by-byte
/// definitions give.
@Suite struct WordAtATimeParsingTests {
    static func byteByByteWords(_ b: [UInt8]) -> (UInt64, UInt64) {
        var w0: UInt64 = 0, w1: UInt64 = 0
        for (i, c) in b.prefix(16).enumerated() {
            if i < 8 { w0 |= UInt64(c) << (8 * UInt64(i)) } else { w1 |= UInt64(c) << (8 * UInt64(i - 8)) }
        }
        return (w0, w1)
    }

    @Test func wordsOfEveryLengthMatchTheByteByByteDefinition() {
        var rng = SystemRandomNumberGenerator()
        for length in 0...24 {
            for _ in 0..<50 {
                // Random bytes inside a larger buffer, so that a load past the span would show.
                var buffer = (0..<(length + 32)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                let bytes = Array(buffer[8..<(8 + length)])
                let w = buffer.withUnsafeMutableBytes { all in
                    ByteWords.load(UnsafeRawBufferPointer(rebasing: all[8..<(8 + length)]))
                }
                let expected = Self.byteByByteWords(bytes)
                #expect(w.0 == expected.0 && w.1 == expected.1, "length \(length)")
                buffer[0] = 0
            }
        }
    }

    @Test func sortedIdRunOrdersIdsLikeMemcmp() {
        var rng = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0, 48, 49, 65, 90, 255]
        for _ in 0..<3000 {
            let a = (0..<Int.random(in: 0...20, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            let b = (0..<Int.random(in: 0...20, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            var run = SortedIdRun()
            a.withUnsafeBytes { run.set($0) }
            let after = b.withUnsafeBytes { run.precedes($0) }
            #expect(after == a.lexicographicallyPrecedes(b), "\(a) then \(b)")
            #expect(run.bytes == a)
        }
        #expect(SortedIdRun().precedes(UnsafeRawBufferPointer(start: nil, count: 0)))
    }

    @Test func plainAmountsParseToTheCorrectlyRoundedDouble() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let whole = UInt64.random(in: 0...999_999_999_999, using: &rng)
            let decimals = Int.random(in: 0...3, using: &rng)
            var text = String(whole)
            if decimals > 0 { text += "." + String((0..<decimals).map { _ in "0123456789".randomElement(using: &rng)! }) }
            var t = text
            let parsed = t.withUTF8 { DecimalText.parse(UnsafeRawBufferPointer($0)) }
            #expect(parsed == Double(text), "\(text)")
        }
        for text in ["1.2.3", "12a", "-3.5", "+2", "0.000", "1234567890123456.5", "0.1", "9007199254740993"] {
            var t = text
            let parsed = t.withUTF8 { DecimalText.parse(UnsafeRawBufferPointer($0)) }
            #expect(parsed == Double(text), "\(text)")
        }
    }

    @Test func scannerFindsFieldEndsInsideLongAndNonASCIIFields() throws {
        let files = TestFiles()
        var text = "a,b,c\n"
        let longs = ["x", "abcdefgh", "abcdefghi", "0123456789abcdef0", "é" + String(repeating: "z", count: 13), String(repeating: "q", count: 40)]
        for (i, f) in longs.enumerated() { text += "\(f),\(i),\(f)\r\n" }
        let s = try CSVScanner(url: files.write("x.csv", text))
        #expect(try s.next())
        for (i, f) in longs.enumerated() {
            #expect(try s.next())
            #expect((0..<s.fieldCount).map { s.string($0) } == [f, "\(i)", f])
            #expect(s.recordHasNonASCII == f.utf8.contains { $0 >= 0x80 })
        }
        #expect(try !s.next())
    }
}
