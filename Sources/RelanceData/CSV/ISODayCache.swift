/// `YYYY-MM-DD` → ``Day`` with the year-months already seen remembered: a lookup and two digits
/// instead of a civil-date conversion.
///
/// Why: a million-invoice history has three million dates that fall in a few dozen months. The
/// first date of a month is converted in full (``CivilCalendar/parseISO(_:)``, which checks every
/// byte); the month's first day and length are then kept in a small direct-mapped table keyed by
/// the first eight bytes (`YYYY-MM-`), so a later date of that month only checks its day digits
/// against the month's length. The results are those of ``CivilCalendar/parseISO(_:)`` for every
/// input (tested on every day of several centuries and on malformed text). One cache per reading
/// thread: it is a mutable value.
struct ISODayCache {
    private static let slots = 64
    /// The first eight bytes of a cached month (0: empty; never the bytes of a valid date).
    private var keys = [UInt64](repeating: 0, count: ISODayCache.slots)
    /// Day of the month's 1st, and the month's length, by slot.
    private var firsts = [Int32](repeating: 0, count: ISODayCache.slots)
    private var lengths = [Int32](repeating: 0, count: ISODayCache.slots)

    /// The day written in `b`, nil when it is not a valid `YYYY-MM-DD` date.
    @inline(__always) mutating func day(_ b: UnsafeRawBufferPointer) -> Day? {
        guard b.count == 10 else { return nil }
        let key = b.loadUnaligned(as: UInt64.self)
        let d0 = b[8] &- 48, d1 = b[9] &- 48
        guard d0 < 10, d1 < 10 else { return nil }
        let dayOfMonth = Int32(d0) * 10 + Int32(d1)
        let slot = Int((key &* 0x9E37_79B9_7F4A_7C15) >> 58)
        if keys[slot] == key {
            guard dayOfMonth >= 1, dayOfMonth <= lengths[slot] else { return nil }
            return Day(raw: firsts[slot] + dayOfMonth - 1)
        }
        guard let day = CivilCalendar.parseISO(b) else { return nil }
        let year = Int(b[0] &- 48) * 1000 + Int(b[1] &- 48) * 100 + Int(b[2] &- 48) * 10 + Int(b[3] &- 48)
        let month = Int(b[5] &- 48) * 10 + Int(b[6] &- 48)
        keys[slot] = key
        firsts[slot] = day.raw - (dayOfMonth - 1)
        lengths[slot] = Int32(CivilCalendar.monthLength(year: year, month: month))
        return day
    }
}
