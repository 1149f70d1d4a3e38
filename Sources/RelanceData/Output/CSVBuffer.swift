import Foundation

/// Builds CSV output as UTF-8 bytes, one field at a time, straight into one growing buffer.
///
/// Large outputs (a 100,000-row risk list) spent most of their time in `String(format:)` and in
/// joining per-row `String` arrays. This buffer appends bytes directly: numbers and dates are
/// formatted with integer arithmetic, and fields are quoted per RFC 4180 only when they hold a
/// comma, quote, CR or LF (the same rule as ``CSVText``). Fields made of several parts (a list
/// joined with `;`) are scanned once for quoting and then copied part by part.
///
/// ```swift
/// var csv = CSVBuffer()
/// csv.appendField("INV-1"); csv.appendFixed(0.12345, decimals: 4); csv.endRow()
/// try AtomicFile.write(csv.data, to: url)   // "INV-1,0.1235\n"
/// ```
public struct CSVBuffer: Sendable {
    public private(set) var bytes: [UInt8] = []
    private var atRowStart = true
    /// ``appendDay(_:)``'s recent days: slot `raw & (daySlots - 1)` holds the day's raw value in
    /// `dayKeys` and its 10 ISO bytes (padded to 16) in `dayTexts`. Allocated on the first day
    /// written and kept by ``removeAll()``, so a buffer reused block after block converts each
    /// distinct due date about once instead of once per row.
    private var dayKeys: [Int32] = []
    private var dayTexts: [(UInt64, UInt64)] = []
    private static let daySlots = 1024

    public init(reservingCapacity capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func appendByteOrderMark() {
        bytes.append(contentsOf: [0xEF, 0xBB, 0xBF])
    }

    public mutating func endRow() {
        bytes.append(10)
        atRowStart = true
    }

    private mutating func separator() {
        if !atRowStart { bytes.append(UInt8(ascii: ",")) }
        atRowStart = false
    }

    /// Whether `u` holds a comma, quote, LF or CR (RFC 4180's reasons to quote), eight bytes at a
    /// time: a byte equal to one of them is a zero byte of the word xor that byte repeated.
    @inline(__always) static func needsQuotes(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = u.baseAddress else { return false }
        guard u.count >= 8 else {
            for b in u where b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == 10 || b == 13 { return true }
            return false
        }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= u.count {
            if hasSpecialByte(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { return true }
            i += 8
        }
        // The last eight bytes (overlapping words already read: a second look changes nothing).
        return i < u.count && hasSpecialByte(raw.loadUnaligned(fromByteOffset: u.count - 8, as: UInt64.self))
    }

    /// ``needsQuotes(_:)`` and whether `u` holds a quote, in one pass over whole words.
    @inline(__always) static func specialBytes(_ u: UnsafeBufferPointer<UInt8>) -> (needsQuotes: Bool, hasQuote: Bool) {
        guard let base = u.baseAddress, u.count >= 8 else {
            return (needsQuotes(u), u.contains(UInt8(ascii: "\"")))
        }
        let raw = UnsafeRawPointer(base)
        var special: UInt64 = 0, quotes: UInt64 = 0
        @inline(__always) func scan(_ w: UInt64) {
            let q = zeroByte(w ^ 0x2222_2222_2222_2222)
            quotes |= q
            special |= q | zeroByte(w ^ 0x2C2C_2C2C_2C2C_2C2C) | zeroByte(w ^ 0x0A0A_0A0A_0A0A_0A0A)
                | zeroByte(w ^ 0x0D0D_0D0D_0D0D_0D0D)
        }
        var i = 0
        while i + 8 <= u.count {
            scan(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        if i < u.count { scan(raw.loadUnaligned(fromByteOffset: u.count - 8, as: UInt64.self)) }
        return (special != 0, quotes != 0)
    }

    /// The high bit of every byte of a word that is zero, and possibly of bytes above one: non-zero
    /// exactly when the word has a zero byte.
    @inline(__always) private static func zeroByte(_ v: UInt64) -> UInt64 {
        (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080
    }

    /// Whether one of the eight bytes of `w` is a comma, quote, LF or CR (exact: the zero-byte test
    /// `(v - 0x01…) & ~v & 0x80…` is non-zero exactly when `v` has a zero byte).
    @inline(__always) private static func hasSpecialByte(_ w: UInt64) -> Bool {
        (zeroByte(w ^ 0x2C2C_2C2C_2C2C_2C2C) | zeroByte(w ^ 0x2222_2222_2222_2222)
            | zeroByte(w ^ 0x0A0A_0A0A_0A0A_0A0A) | zeroByte(w ^ 0x0D0D_0D0D_0D0D_0D0D)) != 0
    }

    /// `u` with every `"` doubled, copied a run at a time between quotes (quoted fields are common:
    /// English amounts in the reasons carry a group comma).
    private mutating func appendEscaped(_ u: UnsafeBufferPointer<UInt8>) {
        var start = 0
        while let q = u[start...].firstIndex(of: UInt8(ascii: "\"")) {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[start...q]))
            bytes.append(UInt8(ascii: "\""))
            start = q + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[start...]))
    }

    /// A text field, quoted when needed.
    public mutating func appendField(_ s: String) {
        appendText(s, guardFormula: false)
    }

    /// Free text a person typed: prefixed with `'` when it starts with a formula character.
    public mutating func appendGuardedField(_ s: String) {
        appendText(s, guardFormula: true)
    }

    /// One string as a field. The common case (nothing to quote, which is every id, currency and
    /// most names) copies the string's UTF-8 in place, without copying the string or scanning it
    /// twice; anything needing quotes takes the general path.
    @inline(__always) private mutating func appendText(_ s: String, guardFormula: Bool) {
        separator()
        let done = s.utf8.withContiguousStorageIfAvailable { u -> Bool in
            if Self.needsQuotes(u) { return false }
            if guardFormula, let b = u.first, Self.isFormulaStart(b) { bytes.append(UInt8(ascii: "'")) }
            bytes.append(contentsOf: u)
            return true
        }
        if done != true { appendJoined(CollectionOfOne(s), separator: "", guardFormula: guardFormula) }
    }

    /// The field `parts.joined(separator: separator)`, optionally formula-guarded (a `'` before a
    /// leading `=`, `+`, `-`, `@`, tab or CR), quoted when needed. The separator must need no quoting.
    public mutating func appendField<C: Collection>(parts: C, separator joiner: StaticString, guardFormula: Bool)
    where C.Element == String {
        separator()
        // No parts (an invoice without anomaly flags): the empty field.
        if parts.isEmpty { return }
        appendJoined(parts, separator: joiner, guardFormula: guardFormula)
    }

    /// ``appendField(parts:separator:guardFormula:)`` for an array (the risk list's anomaly flags,
    /// most often none): the generic version, called from another module, asks the collection for
    /// `isEmpty` and its elements through its conformance; this one is compiled for `[String]`.
    public mutating func appendField(parts: [String], separator joiner: StaticString, guardFormula: Bool) {
        separator()
        if parts.isEmpty { return }
        appendJoined(parts, separator: joiner, guardFormula: guardFormula)
    }

    /// ``appendField(parts:separator:guardFormula:)`` after the field separator.
    private mutating func appendJoined<C: Collection>(_ parts: C, separator joiner: StaticString, guardFormula: Bool)
    where C.Element == String {
        let sep = UnsafeBufferPointer(start: joiner.utf8Start, count: joiner.utf8CodeUnitCount)
        var quote = false
        var first: UInt8? = nil
        var index = 0
        for part in parts {
            // The joined text's first byte: a separator's when every earlier part is empty.
            if first == nil && index > 0 && !sep.isEmpty { first = sep[0] }
            var part = part
            part.withUTF8 { u in
                if first == nil, let b = u.first { first = b }
                if !quote && Self.needsQuotes(u) { quote = true }
            }
            index += 1
        }
        if quote { bytes.append(UInt8(ascii: "\"")) }
        if guardFormula, let b = first, Self.isFormulaStart(b) { bytes.append(UInt8(ascii: "'")) }
        index = 0
        for part in parts {
            if index > 0 { bytes.append(contentsOf: sep) }
            var part = part
            part.withUTF8 { u in
                if quote { appendEscaped(u) } else { bytes.append(contentsOf: u) }
            }
            index += 1
        }
        if quote { bytes.append(UInt8(ascii: "\"")) }
    }

    /// The field whose UTF-8 text is `text`: ``appendField(parts:separator:guardFormula:)`` of that
    /// one string, for text already built as bytes (the risk list's reasons).
    public mutating func appendField(text: [UInt8], guardFormula: Bool) {
        separator()
        text.withUnsafeBufferPointer { appendBytesField($0, guardFormula: guardFormula) }
    }

    /// ``appendField(text:guardFormula:)`` after the field separator.
    private mutating func appendBytesField(_ u: UnsafeBufferPointer<UInt8>, guardFormula: Bool) {
        let quote = Self.needsQuotes(u)
        if quote { bytes.append(UInt8(ascii: "\"")) }
        if guardFormula, let b = u.first, Self.isFormulaStart(b) { bytes.append(UInt8(ascii: "'")) }
        if quote { appendEscaped(u) } else { bytes.append(contentsOf: u) }
        if quote { bytes.append(UInt8(ascii: "\"")) }
    }

    /// The field whose UTF-8 text `write` appends to the bytes it is given (the buffer's own):
    /// ``appendField(text:guardFormula:)`` of that text, without building it elsewhere first.
    ///
    /// Why: the risk list's reasons were written into a scratch array and then copied here with a
    /// quoting scan. Now they are written in place and scanned once; only a field that needs a
    /// quote or a formula guard is then fixed up (its opening `"` and `'` inserted before it, and
    /// its own quotes doubled, which is rare: reasons are generated text). `write` must only
    /// append (the bytes before its text are the file's).
    public mutating func appendField(guardFormula: Bool, writing write: (inout [UInt8]) -> Void) {
        separator()
        let start = bytes.count
        write(&bytes)
        precondition(bytes.count >= start, "appendField(writing:) must only append")
        let (quote, guarded, hasQuoteByte) = bytes.withUnsafeBufferPointer { all -> (Bool, Bool, Bool) in
            let u = UnsafeBufferPointer(rebasing: all[start...])
            let (quote, hasQuote) = Self.specialBytes(u)
            let guarded = guardFormula && !u.isEmpty && Self.isFormulaStart(u[0])
            return (quote, guarded, hasQuote)
        }
        if !quote && !guarded { return }
        if hasQuoteByte {
            let text = Array(bytes[start...])
            bytes.removeSubrange(start...)
            text.withUnsafeBufferPointer { appendBytesField($0, guardFormula: guardFormula) }
            return
        }
        switch (quote, guarded) {
        case (true, true): bytes.insert(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "'")], at: start)
        case (true, false): bytes.insert(UInt8(ascii: "\""), at: start)
        default: bytes.insert(UInt8(ascii: "'"), at: start)
        }
        if quote { bytes.append(UInt8(ascii: "\"")) }
    }

    /// The characters a spreadsheet reads as the start of a formula (all ASCII, so the first byte
    /// decides); the risk list guards free text starting with them.
    @inline(__always) public static func isFormulaStart(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "=") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: "@")
            || b == 9 || b == 13
    }

    /// An integer field.
    public mutating func appendInt(_ v: Int) {
        separator()
        appendDigits(of: v)
    }

    /// A `YYYY-MM-DD` field (``Day/iso``), empty when missing.
    ///
    /// The text of a day is kept in a small table of recent days (a risk list's dates are a few
    /// thousand distinct days repeated over its rows) and appended in one copy.
    public mutating func appendDay(_ day: Day) {
        separator()
        if day.isMissing { return }
        if dayKeys.isEmpty {
            dayKeys = [Int32](repeating: Day.missing.raw, count: Self.daySlots)
            dayTexts = [(UInt64, UInt64)](repeating: (0, 0), count: Self.daySlots)
        }
        let slot = Int(UInt32(bitPattern: day.raw) & UInt32(Self.daySlots - 1))
        var text: (UInt64, UInt64)
        if dayKeys.withUnsafeBufferPointer({ $0[slot] }) == day.raw {
            text = dayTexts.withUnsafeBufferPointer { $0[slot] }
        } else {
            let (y, m, d) = day.civil
            guard y >= 0 && y <= 9999 else {
                bytes.append(contentsOf: day.iso.utf8)
                return
            }
            text = (0, 0)
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
            let entry = text
            dayKeys.withUnsafeMutableBufferPointer { $0[slot] = day.raw }
            dayTexts.withUnsafeMutableBufferPointer { $0[slot] = entry }
        }
        withUnsafeBytes(of: &text) { t in appendRaw(t, from: 0, to: 10) }
    }

    /// Bytes `from..<to` of `t` (a small local text) in one copy.
    @inline(__always) private mutating func appendRaw(_ t: UnsafeRawBufferPointer, from: Int, to: Int) {
        bytes.append(contentsOf: UnsafeBufferPointer(
            start: t.baseAddress!.assumingMemoryBound(to: UInt8.self) + from, count: to - from))
    }

    /// An amount written as held: the shortest text that reads back as the same Double (what
    /// the risk list's `DecimalText.exact` writes). Amounts with at most two decimals below 10¹³ are written digit by digit:
    /// there the double nearest to `w.cc` has no shorter decimal reading back to it (the spacing
    /// of doubles is far below 0.01), so `w.cc` without trailing zeros is the shortest text.
    /// Anything else goes through Swift's own shortest formatting.
    public mutating func appendExactAmount(_ x: Double) {
        separator()
        guard x.isFinite else { return }
        if x == Self.roundedHalfAway(x), abs(x) < 1e15 {
            appendDigits(of: Int(Int64(x)))
            return
        }
        let magnitude = abs(x)
        if magnitude < 1e13 && magnitude >= 0.01 {
            let cents = Self.roundedHalfAway(magnitude * 100)
            if cents / 100 == magnitude {
                let units = Int64(cents)
                if x < 0 { bytes.append(UInt8(ascii: "-")) }
                appendDigits(of: Int(units / 100))
                let fraction = Int(units % 100)
                bytes.append(UInt8(ascii: "."))
                bytes.append(UInt8(ascii: "0") + UInt8(fraction / 10))
                if fraction % 10 != 0 { bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10)) }
                return
            }
        }
        bytes.append(contentsOf: "\(x)".utf8)
    }

    /// A number with exactly `decimals` decimals, rounded half away from zero, whatever the
    /// locale; an empty field when `x` is not finite.
    public mutating func appendFixed(_ x: Double, decimals: Int) {
        separator()
        guard x.isFinite else { return }
        precondition(decimals >= 0 && decimals <= 9, "0…9 decimals")
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Self.roundedHalfAway(abs(x) * scale)
        guard scaled < 9e15 else {
            bytes.append(contentsOf: String(x).utf8)
            return
        }
        let units = UInt64(scaled)
        // Written backwards into 32 bytes (a sign, 16 whole digits, the point, 9 decimals), then
        // appended in one copy.
        var text: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &text) { t in
            var at = 32, n = units
            for _ in 0..<decimals {
                at -= 1
                t[at] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
            }
            if decimals > 0 {
                at -= 1
                t[at] = UInt8(ascii: ".")
            }
            repeat {
                at -= 1
                t[at] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
            } while n > 0
            if x < 0 && units != 0 {
                at -= 1
                t[at] = UInt8(ascii: "-")
            }
            appendRaw(UnsafeRawBufferPointer(t), from: at, to: 32)
        }
    }

    /// `v.rounded(.toNearestOrAwayFromZero)` (what `rounded()` does), without a call to libm's
    /// `round` (not inlined on baseline x86-64, a few calls per row): below 2⁵² the truncation
    /// and `a - trunc(a)` are exact, so adding one when that fraction is at least ½ is the
    /// rounding; from 2⁵² on every double is a whole number (and NaN and infinities go to libm).
    @inline(__always) static func roundedHalfAway(_ v: Double) -> Double {
        let a = abs(v)
        guard a < 4_503_599_627_370_496 else { return v.rounded(.toNearestOrAwayFromZero) }
        let t = Double(Int64(a))
        return Double(signOf: v, magnitudeOf: a - t >= 0.5 ? t + 1 : t)
    }

    /// The decimal digits of `v` (with a leading `-` when negative), in one copy.
    private mutating func appendDigits(of v: Int) {
        var text: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &text) { t in
            var at = 24, n = v.magnitude
            repeat {
                at -= 1
                t[at] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
            } while n > 0
            if v < 0 {
                at -= 1
                t[at] = UInt8(ascii: "-")
            }
            appendRaw(UnsafeRawBufferPointer(t), from: at, to: 24)
        }
    }

    /// A whole row of text fields.
    public mutating func appendRow(_ fields: [String]) {
        for f in fields { appendField(f) }
        endRow()
    }

    /// The bytes as `Data`, ready for ``AtomicFile/write(_:to:)-(Data,_)``.
    public var data: Data { Data(bytes) }

    /// Empties the buffer, keeping its memory for the next rows (a buffer reused block after
    /// block touches no fresh memory); the next field starts a row.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        atRowStart = true
    }
}
