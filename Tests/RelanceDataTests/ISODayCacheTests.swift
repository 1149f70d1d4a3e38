import Testing
@testable import RelanceData

/// The month cache must give exactly what the full conversion gives, for valid and invalid text,
/// whether the month is already cached or not.
@Suite struct ISODayCacheTests {
    func parse(_ text: String, _ cache: inout ISODayCache) -> Day? {
        Array(text.utf8).withUnsafeBytes { cache.day($0) }
    }

    func reference(_ text: String) -> Day? {
        Array(text.utf8).withUnsafeBytes { CivilCalendar.parseISO($0) }
    }

    @Test func everyDayOfThreeCenturiesAndEveryImpossibleDayAgreeWithTheFullConversion() {
        var cache = ISODayCache()
        var checked = 0
        for year in 1899...2201 {
            for month in 0...13 {
                for day in 0...32 {
                    let text = String(format: "%04d-%02d-%02d", year, month, day)
                    // Twice: the first may fill the month's slot, the second reads it.
                    #expect(parse(text, &cache) == reference(text), "\(text)")
                    #expect(parse(text, &cache) == reference(text), "\(text)")
                    checked += 1
                }
            }
        }
        #expect(checked == 303 * 14 * 33)
    }

    @Test func malformedTextIsRefusedEvenWhenItsMonthIsCached() {
        var cache = ISODayCache()
        #expect(parse("2024-02-29", &cache) == Day(year: 2024, month: 2, day: 29))
        for text in ["2024-02-30", "2024-02-00", "2024-02-2x", "2024-02-2", "2024-02-290", "2024-02- 9", "2024-02-+9",
                     "2024/02/10", "", "2024-02-1\u{0}", "20240210xx"] {
            #expect(parse(text, &cache) == nil, "\(text)")
            #expect(reference(text) == nil, "\(text)")
        }
        #expect(parse("2023-02-29", &cache) == nil)
        #expect(parse("2023-02-28", &cache) == Day(year: 2023, month: 2, day: 28))
    }
}
