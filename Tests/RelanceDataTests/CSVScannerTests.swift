import Foundation
import Testing
@testable import RelanceData

@Suite struct CSVScannerTests {
    /// All records of `text` as arrays of field strings with their start lines.
    func records(_ data: Data, chunk: Int = 4 << 20) throws -> [(Int, [String])] {
        let files = TestFiles()
        let url = files.write("x.csv", data)
        let s = try CSVScanner(url: url, chunkSize: chunk)
        var out: [(Int, [String])] = []
        while try s.next() {
            out.append((s.recordLine, (0..<s.fieldCount).map { s.string($0) ?? "<invalid>" }))
        }
        return out
    }

    func records(_ text: String, chunk: Int = 4 << 20) throws -> [(Int, [String])] {
        try records(Data(text.utf8), chunk: chunk)
    }

    @Test func quotedFieldsHoldCommasQuotesAndNewlines() throws {
        let r = try records("a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\"\nlast,,\"\"\n")
        #expect(r.count == 3)
        #expect(r[1].1 == ["x,y", "say \"hi\"", "two\nlines"])
        #expect(r[2].1 == ["last", "", ""])
    }

    @Test func recordLineIsWhereAMultiLineRecordStarts() throws {
        let r = try records("h1,h2\n\"a\nb\nc\",1\nnext,2\n")
        #expect(r.map(\.0) == [1, 2, 5])
    }

    @Test func crlfAndBomAreAccepted() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data("id,name\r\n1,\"a\r\nb\"\r\n2,c\r\n".utf8))
        let r = try records(data)
        #expect(r.map(\.1) == [["id", "name"], ["1", "a\r\nb"], ["2", "c"]])
        #expect(r.map(\.0) == [1, 2, 4])
    }

    @Test func lastRecordWithoutNewlineIsRead() throws {
        let r = try records("a,b\n1,2")
        #expect(r.map(\.1) == [["a", "b"], ["1", "2"]])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let r = try records("a\n\n1\n\r\n2\n\n")
        #expect(r.map(\.1) == [["a"], ["1"], ["2"]])
        #expect(r.map(\.0) == [1, 3, 5])
    }

    @Test func recordsSpanningChunkBoundariesAreIntact() throws {
        var text = "id,note\n"
        for i in 0..<500 { text += "\(i),\"quoted, \"\"with\"\" comma \(i)\nand line\"\n" }
        let small = try records(text, chunk: 64)
        let big = try records(text)
        #expect(small.count == 501)
        #expect(small.map(\.1) == big.map(\.1))
        #expect(small.map(\.0) == big.map(\.0))
        #expect(small[500].1 == ["499", "quoted, \"with\" comma 499\nand line"])
        #expect(small[500].0 == 2 + 499 * 2)
    }

    @Test func unterminatedQuoteIsASyntaxErrorAtTheRecordStart() throws {
        #expect(throws: CSVSyntaxError.self) { try records("a,b\n1,\"open\n2,3\n") }
        do {
            _ = try records("a,b\n1,\"open\n2,3\n")
        } catch let e as CSVSyntaxError {
            #expect(e.line == 2)
        }
    }

    @Test func characterAfterClosingQuoteIsASyntaxError() throws {
        do {
            _ = try records("a,b\n1,\"x\"y\n")
            Issue.record("expected a syntax error")
        } catch let e as CSVSyntaxError {
            #expect(e.line == 2)
            #expect(e.message.contains("closing quote"))
        }
    }

    @Test func nonASCIIRecordsAreFlaggedForValidation() throws {
        let files = TestFiles()
        let s = try CSVScanner(url: files.write("x.csv", "a\nécu\nplain\n"))
        #expect(try s.next())
        #expect(!s.recordHasNonASCII)
        #expect(try s.next())
        #expect(s.recordHasNonASCII)
        #expect(s.string(0) == "écu")
        #expect(try s.next())
        #expect(!s.recordHasNonASCII)
    }
}
