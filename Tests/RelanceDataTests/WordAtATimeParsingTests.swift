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

    /// The documented rule, written the plain way (digit arrays), as the reference.
    static func referenceCardCheck(_ b: [UInt8]) -> Bool {
        func luhn(_ digits: ArraySlice<UInt8>) -> Bool {
            guard digits.count >= 13, digits.count <= 19 else { return false }
            var sum = 0
            for (k, d) in digits.reversed().enumerated() {
                var v = Int(d)
                if k % 2 == 1 { v *= 2; if v > 9 { v -= 9 } }
                sum += v
            }
            return sum % 10 == 0
        }
        guard b.count >= 13 else { return false }
        var i = 0
        while i < b.count {
            guard b[i] &- 48 < 10 else { i += 1; continue }
            var digits: [UInt8] = []
            var groupStart = 0
            var j = i
            while j < b.count {
                let c = b[j]
                if c &- 48 < 10 { digits.append(c - 48); j += 1; continue }
                if c == 32 || c == 45, j + 1 < b.count, b[j + 1] &- 48 < 10 {
                    if luhn(digits[groupStart...]) { return true }
                    groupStart = digits.count
                    j += 1
                    continue
                }
                break
            }
            if groupStart > 0, luhn(digits[groupStart...]) { return true }
            if luhn(digits[...]) { return true }
            i = j + 1
        }
        return false
    }

    @Test func cardScreenAgreesWithTheDigitArrayDefinition() {
        var rng = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("0123456789012345678901234567890123456789 -a".utf8)
        var flagged = 0
        for _ in 0..<20_000 {
            let b = (0..<Int.random(in: 10...40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            let fast = b.withUnsafeBytes { CardNumberDetector.looksLikeCardNumber($0) }
            #expect(fast == Self.referenceCardCheck(b), "\(String(decoding: b, as: UTF8.self))")
            if fast { flagged += 1 }
        }
        #expect(flagged > 100)
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

/// Events name invoices through a numbered index when every invoice id is one prefix plus a
/// fixed-width number, and through a hash table otherwise; both must resolve the same rows.
@Suite struct EventInvoiceResolutionTests {
    func load(invoiceIds: [String], eventInvoices: [String]) throws -> Dataset {
        let files = TestFiles()
        var inv = "invoice_id,customer_id,issue_date,due_date,amount\n"
        for id in invoiceIds { inv += "\(id),C1,2024-01-01,2024-01-31,10\n" }
        var ev = "date,customer_id,invoice_id,kind\n"
        for id in eventInvoices { ev += "2024-02-01,C1,\(id),reminder_sent\n" }
        let sources = DatasetSources(invoices: files.write("invoices.csv", inv), events: files.write("events.csv", ev))
        return try DatasetLoader.load(sources).dataset
    }

    @Test func numberedIdsResolveToTheirRows() throws {
        let ids = ["INV-0003", "INV-0001", "INV-0010", "INV-0002"]
        let d = try load(invoiceIds: ids, eventInvoices: ["INV-0010", "INV-0001", ""])
        #expect(d.events.invoice == [2, 1, -1])
    }

    @Test func idsOfMixedShapeResolveThroughTheHashTable() throws {
        let ids = ["INV-3", "INV-0001", "A-10", "INV-02"]
        let d = try load(invoiceIds: ids, eventInvoices: ["INV-02", "A-10", "INV-3"])
        #expect(d.events.invoice == [3, 2, 0])
    }

    @Test func anUnknownInvoiceOfTheRightShapeIsStillRefused() throws {
        #expect(throws: IngestError.self) {
            _ = try load(invoiceIds: ["INV-0001", "INV-0002"], eventInvoices: ["INV-0003"])
        }
        #expect(throws: IngestError.self) {
            _ = try load(invoiceIds: ["INV-0001", "INV-0002"], eventInvoices: ["INV-001"])
        }
        #expect(throws: IngestError.self) {
            _ = try load(invoiceIds: ["INV-0001", "INV-0002"], eventInvoices: ["XNV-0001"])
        }
    }
}

@Suite struct IdInternerDeferredIndexTests {
    @Test func namesAppendedUnhashedAreFoundBeforeAndAfterIndexing() {
        var ids = IdInterner()
        #expect(ids.intern("C1") == 0)
        #expect(ids.appendNew("C2") == 1)
        #expect(ids.appendNew("C3") == 2)
        #expect(ids.code(of: "C3") == 2)          // not indexed yet: found directly
        #expect(ids.code(of: "C9") == nil)
        #expect(ids.intern("C2") == 1)            // interning indexes the appended names first
        #expect(ids.intern("C4") == 3)
        #expect(ids.appendNew("C5") == 4)
        ids.indexNewNames()
        #expect(ids.code(of: "C5") == 4)
        #expect(ids.names == ["C1", "C2", "C3", "C4", "C5"])
    }
}
