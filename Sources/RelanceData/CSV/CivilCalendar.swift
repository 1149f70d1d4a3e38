/// Civil date → ``Day`` by table lookup, for the ingest hot path.
///
/// Why: three date columns on a million rows make three million conversions; the general
/// days-from-civil formula costs several divisions each. Years 1900–2199 (every realistic invoice)
/// use a table of the day number of each 1 January; others fall back to ``Day/init(year:month:day:)``.
/// Both give the same day, which the tests check over the whole table range.
enum CivilCalendar {
    static let firstYear = 1900
    static let lastYear = 2199

    private static let januaryFirst: [Int32] = (firstYear...lastYear + 1).map { year in
        Day(year: year, month: 1, day: 1)?.raw ?? 0
    }

    /// Days before the first of each month: January…December of a common year, then of a leap
    /// year (one flat table: one bounds check, no nested array).
    private static let monthOffset: [Int32] = [
        0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334,
        0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335,
    ]
    private static let monthLength: [UInt8] = [
        31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
        31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]

    /// The day for a civil date; nil for an impossible date.
    @inline(__always) static func day(year: Int, month: Int, day: Int) -> Day? {
        guard year >= firstYear, year <= lastYear else { return Day(year: year, month: month, day: day) }
        guard month >= 1, month <= 12, day >= 1 else { return nil }
        let leap = year & 3 == 0 && (year % 100 != 0 || year % 400 == 0)
        let m = month - 1 + (leap ? 12 : 0)
        guard day <= Int(monthLength[m]) else { return nil }
        return Day(raw: januaryFirst[year - firstYear] + monthOffset[m] + Int32(day - 1))
    }

    /// Parses `YYYY-MM-DD` from bytes strictly; nil when malformed or impossible.
    @inline(__always) static func parseISO(_ b: UnsafeRawBufferPointer) -> Day? {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        let y0 = b[0] &- 48, y1 = b[1] &- 48, y2 = b[2] &- 48, y3 = b[3] &- 48
        let m0 = b[5] &- 48, m1 = b[6] &- 48, d0 = b[8] &- 48, d1 = b[9] &- 48
        guard y0 < 10, y1 < 10, y2 < 10, y3 < 10, m0 < 10, m1 < 10, d0 < 10, d1 < 10 else { return nil }
        let year = Int(y0) * 1000 + Int(y1) * 100 + Int(y2) * 10 + Int(y3)
        return day(year: year, month: Int(m0) * 10 + Int(m1), day: Int(d0) * 10 + Int(d1))
    }
}
