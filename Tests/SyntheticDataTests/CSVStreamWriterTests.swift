import Foundation
import Testing
@testable import SyntheticData

@Suite struct CSVStreamWriterTests {
    func withWriter(_ body: (CSVStreamWriter) throws -> Void) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relance-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("out.csv")
        let days = DayTextTable(from: Day(year: 2020, month: 1, day: 1)!, through: Day(year: 2020, month: 12, day: 31)!)
        let writer = try CSVStreamWriter(destination: url, days: days, seed: 1)
        try body(writer)
        #expect(!FileManager.default.fileExists(atPath: url.path), "destination visible before finish()")
        try writer.finish()
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(leftovers == ["out.csv"], "temporary file left behind: \(leftovers)")
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test func fieldsAreQuotedOnlyWhenNeeded() throws {
        let text = try withWriter { w in
            try w.text("Harrison & Cole Ltd"); w.comma()
            try w.text("Edwards, Wilson & Partners LLP"); w.comma()
            try w.text("Le \"Bon\" Pain"); w.comma()
            try w.text("Établissements Lemoine")
            try w.endRow()
        }
        #expect(text == "Harrison & Cole Ltd,\"Edwards, Wilson & Partners LLP\",\"Le \"\"Bon\"\" Pain\",Établissements Lemoine\n")
    }

    @Test func numbersAndDaysAreFormattedWithoutLocale() throws {
        let text = try withWriter { w in
            w.cents(123_456); w.comma()
            w.cents(5); w.comma()
            w.cents(100_000_000); w.comma()
            w.padded(42, width: 7); w.comma()
            w.fixed4(0.87314); w.comma()
            w.fixed4(-1.5); w.comma()
            w.day(Day(year: 2020, month: 2, day: 29)!.raw); w.comma()
            w.day(Day(year: 2026, month: 11, day: 27)!.raw); w.comma()   // outside the table
            w.day(Day.missing.raw)
            try w.endRow()
        }
        #expect(text == "1234.56,0.05,1000000.00,0000042,0.8731,-1.5000,2020-02-29,2026-11-27,\n")
    }

    @Test func rowsLargerThanTheBufferAreStreamedInOrder() throws {
        let long = String(repeating: "a,", count: 700_000)   // 1.4 MB once quoted, larger than the buffer
        var expected = ""
        let text = try withWriter { w in
            for i in 0..<50_000 {
                w.integer(i)
                try w.endRow()
                expected += "\(i)\n"
            }
            try w.text(long)
            try w.endRow()
            expected += "\"\(long)\"\n"
        }
        #expect(text == expected)
    }

    @Test func anUnfinishedWriterLeavesNothingBehind() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relance-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let days = DayTextTable(from: Day(year: 2020, month: 1, day: 1)!, through: Day(year: 2020, month: 1, day: 2)!)
        do {
            let writer = try CSVStreamWriter(destination: folder.appendingPathComponent("x.csv"), days: days, seed: 1)
            writer.integer(1)
            try writer.endRow()
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
