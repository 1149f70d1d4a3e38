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

@Suite struct CivilCalendarTests {
    @Test func fastCivilArithmeticAgreesWithDayOnEveryDay() {
        // Every day from 1899-12-01 to 2200-01-31, plus impossible dates around month ends.
        var mismatches = 0
        for year in 1899...2200 {
            for month in 0...13 {
                for day in 0...32 {
                    let reference = Day(year: year, month: month, day: day)
                    if CivilCalendar.day(year: year, month: month, day: day) != reference { mismatches += 1 }
                    guard let reference else { continue }
                    var iso = reference.iso
                    let parsed = iso.withUTF8 { CivilCalendar.parseISO(UnsafeRawBufferPointer($0)) }
                    if parsed != reference { mismatches += 1 }
                }
            }
        }
        #expect(mismatches == 0)
    }

    @Test func isoParsingRefusesWhatDayRefuses() {
        for s in ["2024-02-30", "2023-02-29", "2024-00-10", "2024-13-10", "2024-1-010", "2024/01/10", "２０２４-01-10", "0000-01-01", ""] {
            var t = s
            let parsed = t.withUTF8 { CivilCalendar.parseISO(UnsafeRawBufferPointer($0)) }
            #expect(parsed == nil, "\(s)")
            #expect(Day(iso: s) == nil, "\(s)")
        }
    }
}

@Suite struct LabelSetTests {
    @Test func matchesExactLabelsOnly() {
        let kinds = LabelSet<EventKind>(EventKind.allCases.map { ($0.label, $0) })
        for k in EventKind.allCases {
            var s = k.label
            #expect(s.withUTF8 { kinds.match(UnsafeRawBufferPointer($0)) } == k)
        }
        for s in ["", "call ", "Call", "payment_plan_agreeD", "payment_plan_agree", "reminder_sent_"] {
            var t = s
            #expect(t.withUTF8 { kinds.match(UnsafeRawBufferPointer($0)) } == nil, "\(s)")
        }
    }
}
