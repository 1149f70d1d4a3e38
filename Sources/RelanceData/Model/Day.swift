/// A calendar day, stored as the number of days since 1970-01-01 (proleptic Gregorian, no time zone).
///
/// Every date inside the engine is a `Day`: comparisons and differences are integer operations, and
/// columns of days are plain `Int32` arrays. Invoices carry no time of day, so no time zone enters.
/// `Day.missing` is the sentinel used in columnar storage for an absent date (an open invoice's
/// `paid_date`); use ``isMissing`` or the table accessors that return `Day?`.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var raw: Int32

    @inlinable public init(raw: Int32) { self.raw = raw }

    /// The sentinel for "no date" in columnar arrays.
    public static let missing = Day(raw: Int32.min)

    @inlinable public var isMissing: Bool { raw == Int32.min }

    /// Builds a day from a civil date; returns nil for an impossible date (2024-02-30, month 13).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysInMonth(year: year, month: month),
              (1...9999).contains(year) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        raw = Int32(era * 146097 + doe - 719468)
    }

    /// The civil (year, month, day) of this day.
    public var civil: (year: Int, month: Int, day: Int) {
        let z = Int(raw) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday (4).
        let w = (Int(raw) % 7 + 7 + 3) % 7
        return w + 1
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Parses `YYYY-MM-DD` strictly; nil otherwise.
    public init?(iso text: String) {
        var text = text
        let parsed: Day? = text.withUTF8 { Day(isoBytes: UnsafeRawBufferPointer($0)) }
        guard let parsed else { return nil }
        self = parsed
    }

    /// Parses `YYYY-MM-DD` from raw bytes (the ingest hot path); nil when malformed or impossible.
    @inlinable public init?(isoBytes b: UnsafeRawBufferPointer) {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        var y = 0, m = 0, d = 0
        for i in 0..<4 {
            let c = Int(b[i]) &- 48
            guard c >= 0 && c <= 9 else { return nil }
            y = y * 10 + c
        }
        for i in 5..<7 {
            let c = Int(b[i]) &- 48
            guard c >= 0 && c <= 9 else { return nil }
            m = m * 10 + c
        }
        for i in 8..<10 {
            let c = Int(b[i]) &- 48
            guard c >= 0 && c <= 9 else { return nil }
            d = d * 10 + c
        }
        guard let day = Day(year: y, month: m, day: d) else { return nil }
        self = day
    }

    /// `YYYY-MM-DD`, or an empty string for ``missing``.
    public var iso: String {
        if isMissing { return "" }
        let (y, m, d) = civil
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    public var description: String { iso }

    @inlinable public static func < (a: Day, b: Day) -> Bool { a.raw < b.raw }
    @inlinable public static func + (a: Day, days: Int) -> Day { Day(raw: a.raw + Int32(days)) }
    @inlinable public static func - (a: Day, days: Int) -> Day { Day(raw: a.raw - Int32(days)) }
    /// Whole days from `b` to `a`.
    @inlinable public static func - (a: Day, b: Day) -> Int { Int(a.raw) - Int(b.raw) }

    // Codable as an ISO string so bundles and JSON stay readable.
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let d = Day(iso: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "\"\(s)\" is not a YYYY-MM-DD date")
        }
        self = d
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}
