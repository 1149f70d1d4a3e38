import Foundation
import Testing
@testable import RelanceData

@Suite struct DayParsingTests {
    func parse(_ pattern: String, _ s: String) throws -> Day? {
        let f = try DateFormat(pattern: pattern)
        var s = s
        return s.withUTF8 { f.parse(UnsafeRawBufferPointer($0)) }
    }

    @Test func leapYearsFollowTheGregorianRules() {
        #expect(Day(iso: "2024-02-29") != nil)
        #expect(Day(iso: "2023-02-29") == nil)
        #expect(Day(iso: "2000-02-29") != nil)
        #expect(Day(iso: "1900-02-29") == nil)
        #expect(Day(iso: "2100-02-29") == nil)
        #expect(Day(iso: "2024-02-29").map { $0 + 1 }?.iso == "2024-03-01")
    }

    @Test func isoParsingIsStrict() {
        #expect(Day(iso: "1970-01-01")?.raw == 0)
        #expect(Day(iso: "2024-13-01") == nil)
        #expect(Day(iso: "2024-04-31") == nil)
        #expect(Day(iso: "2024-1-01") == nil)
        #expect(Day(iso: "2024/01/01") == nil)
        #expect(Day(iso: "2024-01-01 ") == nil)
        #expect(Day(iso: "") == nil)
    }

    @Test func mappedDateFormatsParseToTheSameDay() throws {
        let expected = Day(year: 2011, month: 4, day: 26)
        #expect(try parse("yyyy-MM-dd", "2011-04-26") == expected)
        #expect(try parse("dd/MM/yyyy", "26/04/2011") == expected)
        #expect(try parse("M/d/yyyy", "4/26/2011") == expected)
        #expect(try parse("MM/dd/yyyy", "04/26/2011") == expected)
        #expect(try parse("d/M/yyyy", "26/4/2011") == expected)
        #expect(try parse("dd-MM-yyyy", "26-04-2011") == expected)
        #expect(try parse("dd-MMM-yy", "26-Apr-11") == expected)
        #expect(try parse("dd-MMM-yy", "26-APR-11") == expected)
        #expect(try parse("dd-MM-yyyy HH:mm", "26-04-2011 11:50") == expected)
    }

    @Test func mappedDateFormatsRefuseWrongShapesAndImpossibleDates() throws {
        #expect(try parse("dd/MM/yyyy", "31/02/2024") == nil)
        #expect(try parse("dd/MM/yyyy", "29/02/2023") == nil)
        #expect(try parse("dd/MM/yyyy", "29/02/2024") == Day(year: 2024, month: 2, day: 29))
        #expect(try parse("M/d/yyyy", "13/1/2024") == nil)
        #expect(try parse("dd-MMM-yy", "26-Apx-11") == nil)
        #expect(try parse("dd-MM-yyyy HH:mm", "26-04-2011 25:00") == nil)
        #expect(try parse("dd-MM-yyyy HH:mm", "26-04-2011") == nil)
        #expect(try parse("dd/MM/yyyy", "26/04/2011 ") == nil)
    }

    @Test func twoDigitYearsPivotAt1970() throws {
        #expect(try parse("dd-MMM-yy", "01-Jan-69") == Day(year: 2069, month: 1, day: 1))
        #expect(try parse("dd-MMM-yy", "01-Jan-70") == Day(year: 1970, month: 1, day: 1))
    }

    @Test func unsupportedPatternsAreRefused() {
        #expect(throws: DateFormatError.self) { try DateFormat(pattern: "dd/QQ/yyyy") }
        #expect(throws: DateFormatError.self) { try DateFormat(pattern: "HH:mm") }
    }
}
