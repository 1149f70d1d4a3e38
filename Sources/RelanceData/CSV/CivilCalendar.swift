/// Civil date → ``Day`` without tables, for the ingest hot path.
///
/// Why: three date columns on a million rows make three million conversions. Years 1900–2199
/// (every realistic invoice) use Howard Hinnant's days-from-civil arithmetic, whose divisions are
/// by constants (compiled to multiplications) and which reads no static table (a static table
/// costs a lazy-initialisation check on every access); other years fall back to
/// ``Day/init(year:month:day:)``. Both give the same day, which the tests check over the whole range.
enum CivilCalendar {
    static let firstYear = 1900
    static let lastYear = 2199

    /// The day for a civil date; nil for an impossible date.
    @inline(__always) static func day(year: Int, month: Int, day: Int) -> Day? {
        guard year >= firstYear, year <= lastYear else { return Day(year: year, month: month, day: day) }
        guard month >= 1, month <= 12, day >= 1 else { return nil }
        guard day <= monthLength(year: year, month: month) else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return Day(raw: Int32(era * 146_097 + dayOfEra - 719_468))
    }

    /// Days in `month` (1…12) of `year` (proleptic Gregorian).
    @inline(__always) static func monthLength(year: Int, month: Int) -> Int {
        let leap = year & 3 == 0 && (year % 100 != 0 || year % 400 == 0)
        // 31 for months 1, 3, 5, 7, 8, 10, 12; 30 for the others; February apart.
        return month == 2 ? (leap ? 29 : 28) : 30 + ((month + month >> 3) & 1)
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
