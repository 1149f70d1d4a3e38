/// The `YYYY-MM-DD` texts of recently written days, for ``ByteWriter/appendISODay(_:cache:)``.
///
/// Why: a risk list's dates are a few thousand distinct days repeated over a hundred thousand
/// rows; converting each to year, month and day costs divisions, copying its text costs two
/// stores. Slot `raw & (slots - 1)` holds the day's raw value and its 10 bytes (padded to 16).
/// A cache is written by one thread at a time (``CSVBuffer/dayCache()`` gives each buffer its own).
public final class ISODayCache: @unchecked Sendable {
    @usableFromInline struct Entry {
        @usableFromInline var key: Int32
        @usableFromInline var text: (UInt64, UInt64)
    }

    @usableFromInline static let slots = 1024
    @usableFromInline let entries: UnsafeMutablePointer<Entry>

    public init() {
        entries = .allocate(capacity: Self.slots)
        entries.initialize(repeating: Entry(key: Day.missing.raw, text: (0, 0)), count: Self.slots)
    }

    deinit { entries.deallocate() }

    /// The 10 ISO bytes of `day` (padded to 16), nil for a year outside 0…9999 (not a fixed-width
    /// text). Not for ``Day/missing``.
    @inlinable @inline(__always) func text(of day: Day) -> (UInt64, UInt64)? {
        let slot = entries + Int(UInt32(bitPattern: day.raw) & UInt32(Self.slots - 1))
        if slot.pointee.key == day.raw { return slot.pointee.text }
        return convert(day, into: slot)
    }

    @usableFromInline func convert(_ day: Day, into slot: UnsafeMutablePointer<Entry>) -> (UInt64, UInt64)? {
        let (y, m, d) = day.civil
        guard y >= 0 && y <= 9999 else { return nil }
        var text: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &text) { t in
            t[0] = UInt8(ascii: "0") + UInt8(y / 1000)
            t[1] = UInt8(ascii: "0") + UInt8(y / 100 % 10)
            t[2] = UInt8(ascii: "0") + UInt8(y / 10 % 10)
            t[3] = UInt8(ascii: "0") + UInt8(y % 10)
            t[4] = UInt8(ascii: "-")
            t[5] = UInt8(ascii: "0") + UInt8(m / 10)
            t[6] = UInt8(ascii: "0") + UInt8(m % 10)
            t[7] = UInt8(ascii: "-")
            t[8] = UInt8(ascii: "0") + UInt8(d / 10)
            t[9] = UInt8(ascii: "0") + UInt8(d % 10)
        }
        slot.pointee = Entry(key: day.raw, text: text)
        return text
    }
}
