/// A date pattern such as `dd/MM/yyyy` or `dd-MMM-yy`, compiled once and matched against bytes.
///
/// Why not `DateFormatter`: it is slow per field, depends on locale and time zone, and accepts
/// more than it should. Relance dates are civil days; a time of day, when an export carries one,
/// is checked for shape and ignored.
///
/// Pattern letters: `yyyy` (4-digit year), `yy` (2-digit year: 00–69 → 2000s, 70–99 → 1900s),
/// `MM`/`M` (month, 2 digits / 1–2 digits), `MMM` (English month abbreviation, any case: Jan…Dec),
/// `dd`/`d` (day), `HH`/`H` (hour), `mm` (minute), `ss` (second). Any other non-letter character
/// must appear literally. Letters outside this list are refused when the pattern is compiled.
public struct DateFormat: Sendable, Equatable, CustomStringConvertible {
    enum Token: Sendable, Equatable {
        case year4, year2, month2, month1, monthName, day2, day1, hour2, hour1, minute2, second2
        case literal(UInt8)
    }

    let tokens: [Token]
    /// The pattern as written (shown in error messages).
    public let pattern: String
    /// `yyyy-MM-dd`: parsed by the dedicated ``Day/init(isoBytes:)`` fast path.
    let isISO: Bool

    /// `yyyy-MM-dd`, the canonical format.
    public static let iso = DateFormat(validPattern: "yyyy-MM-dd")

    private init(validPattern: String) {
        // Only used with patterns known to compile.
        self.pattern = validPattern
        self.tokens = (try? DateFormat.compile(validPattern)) ?? []
        self.isISO = validPattern == "yyyy-MM-dd"
    }

    /// Compiles `pattern`; throws ``DateFormatError`` naming the offending part.
    public init(pattern: String) throws {
        self.pattern = pattern
        self.tokens = try DateFormat.compile(pattern)
        self.isISO = pattern == "yyyy-MM-dd"
    }

    public var description: String { pattern }

    private static func compile(_ pattern: String) throws -> [Token] {
        var tokens: [Token] = []
        let chars = Array(pattern.unicodeScalars)
        var i = 0
        var hasYear = false, hasMonth = false, hasDay = false
        while i < chars.count {
            let c = chars[i]
            var run = 1
            while i + run < chars.count, chars[i + run] == c { run += 1 }
            let token: Token
            switch (c, run) {
            case ("y", 4): token = .year4; hasYear = true
            case ("y", 2): token = .year2; hasYear = true
            case ("M", 3): token = .monthName; hasMonth = true
            case ("M", 2): token = .month2; hasMonth = true
            case ("M", 1): token = .month1; hasMonth = true
            case ("d", 2): token = .day2; hasDay = true
            case ("d", 1): token = .day1; hasDay = true
            case ("H", 2): token = .hour2
            case ("H", 1): token = .hour1
            case ("m", 2): token = .minute2
            case ("s", 2): token = .second2
            default:
                if c.properties.isAlphabetic {
                    throw DateFormatError(pattern: pattern, message: "\"\(String(repeating: String(c), count: run))\" is not a supported pattern part (use yyyy, yy, MM, M, MMM, dd, d, HH, H, mm, ss)")
                }
                guard c.isASCII else {
                    throw DateFormatError(pattern: pattern, message: "only ASCII separators are supported")
                }
                for _ in 0..<run { tokens.append(.literal(UInt8(c.value))) }
                i += run
                continue
            }
            tokens.append(token)
            i += run
        }
        guard hasYear, hasMonth, hasDay else {
            throw DateFormatError(pattern: pattern, message: "a date pattern needs a year, a month and a day")
        }
        return tokens
    }

    private static let monthNames: [(UInt8, UInt8, UInt8)] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ].map { (s: String) in let u = Array(s.utf8); return (u[0], u[1], u[2]) }

    /// The day `b` denotes, nil when it does not match the pattern or names an impossible date.
    func parse(_ b: UnsafeRawBufferPointer) -> Day? {
        if isISO { return CivilCalendar.parseISO(b) }
        var i = 0
        let n = b.count
        var year = -1, month = -1, day = -1
        @inline(__always) func digits(_ minCount: Int, _ maxCount: Int) -> Int? {
            var v = 0, k = 0
            while k < maxCount, i < n {
                let d = b[i] &- 48
                guard d < 10 else { break }
                v = v * 10 + Int(d)
                i += 1
                k += 1
            }
            return k >= minCount ? v : nil
        }
        for t in tokens {
            switch t {
            case .year4: guard let v = digits(4, 4) else { return nil }; year = v
            case .year2: guard let v = digits(2, 2) else { return nil }; year = v < 70 ? 2000 + v : 1900 + v
            case .month2: guard let v = digits(2, 2) else { return nil }; month = v
            case .month1: guard let v = digits(1, 2) else { return nil }; month = v
            case .day2: guard let v = digits(2, 2) else { return nil }; day = v
            case .day1: guard let v = digits(1, 2) else { return nil }; day = v
            case .hour2: guard let v = digits(2, 2), v < 24 else { return nil }
            case .hour1: guard let v = digits(1, 2), v < 24 else { return nil }
            case .minute2: guard let v = digits(2, 2), v < 60 else { return nil }
            case .second2: guard let v = digits(2, 2), v < 60 else { return nil }
            case .monthName:
                guard i + 3 <= n else { return nil }
                let a = b[i] | 0x20, c1 = b[i + 1] | 0x20, c2 = b[i + 2] | 0x20
                guard let m = DateFormat.monthNames.firstIndex(where: { $0 == (a, c1, c2) }) else { return nil }
                month = m + 1
                i += 3
            case .literal(let c):
                guard i < n, b[i] == c else { return nil }
                i += 1
            }
        }
        guard i == n else { return nil }
        return CivilCalendar.day(year: year, month: month, day: day)
    }
}

/// A `date_format` that cannot be compiled.
public struct DateFormatError: Error, CustomStringConvertible {
    public var pattern: String
    public var message: String
    public var description: String { "date format \"\(pattern)\": \(message)" }
}
