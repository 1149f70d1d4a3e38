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
public struct CSVBuffer: @unchecked Sendable {
    // @unchecked: the storage is a class, shared between copies until one of them writes
    // (``withUnsafeWriter(_:)`` copies it first when it is not uniquely referenced).
    @usableFromInline var storage: CSVBufferStorage
    @usableFromInline var atRowStart = true
    /// ``appendDay(_:)``'s recent days (``ISODayCache``), made on the first day written and kept
    /// by ``removeAll()``, so a buffer reused block after block converts each distinct due date
    /// about once instead of once per row.
    @usableFromInline var days: ISODayCache?

    public init(reservingCapacity capacity: Int = 1 << 16) {
        storage = CSVBufferStorage(capacity: capacity)
    }

    /// The bytes written (a copy: prefer ``withUnsafeBytes(_:)`` to read them in place).
    public var bytes: [UInt8] {
        Array(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    /// The number of bytes written.
    public var count: Int { storage.count }

    /// Reads the bytes written in place.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: storage.base, count: storage.count))
    }

    /// Lends a ``ByteWriter`` appending to this buffer's bytes for the length of `body`: the
    /// hot path of large outputs (the risk list writes its rows through one writer per block).
    /// What `body` writes is raw bytes: fields, separators and row ends are the caller's business
    /// (the ``ByteWriter`` CSV methods write one field's text). The row state of the buffer is
    /// not changed: write whole rows, or let the next field's separator follow.
    @inlinable public mutating func withUnsafeWriter<R>(_ body: (inout ByteWriter) throws -> R) rethrows -> R {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        let s = storage
        var w = ByteWriter(base: s.base, count: s.count, capacity: s.capacity)
        defer {
            s.base = w.base
            s.count = w.used
            s.capacity = w.capacity
        }
        return try body(&w)
    }

    /// The day cache for the next rows, one this buffer alone uses (a copy of the buffer gets its
    /// own: two copies may be written on two threads).
    public mutating func dayCache() -> ISODayCache {
        if !isKnownUniquelyReferenced(&days) { days = ISODayCache() }
        return days ?? ISODayCache()
    }

    public mutating func appendByteOrderMark() {
        withUnsafeWriter { $0.append("\u{FEFF}" as StaticString) }
    }

    public mutating func endRow() {
        withUnsafeWriter { $0.append(10) }
        atRowStart = true
    }

    private mutating func separator() {
        if !atRowStart { withUnsafeWriter { $0.append(UInt8(ascii: ",")) } }
        atRowStart = false
    }

    /// Whether `u` holds a comma, quote, LF or CR (RFC 4180's reasons to quote), eight bytes at a
    /// time: a byte equal to one of them is a zero byte of the word xor that byte repeated.
    @inlinable @inline(__always) public static func needsQuotes(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = u.baseAddress else { return false }
        guard u.count >= 8 else {
            for b in u where b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == 10 || b == 13 { return true }
            return false
        }
        let raw = UnsafeRawPointer(base)
        if u.count >= 16 { return specialBytes16(raw, u.count).needsQuotes }
        var i = 0
        while i + 8 <= u.count {
            if hasSpecialByte(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { return true }
            i += 8
        }
        // The last eight bytes (overlapping words already read: a second look changes nothing).
        return i < u.count && hasSpecialByte(raw.loadUnaligned(fromByteOffset: u.count - 8, as: UInt64.self))
    }

    /// ``needsQuotes(_:)`` and whether `u` holds a quote, in one pass over whole words.
    @inlinable @inline(__always) public static func specialBytes(_ u: UnsafeBufferPointer<UInt8>) -> (needsQuotes: Bool, hasQuote: Bool) {
        guard let base = u.baseAddress, u.count >= 8 else {
            return (needsQuotes(u), u.contains(UInt8(ascii: "\"")))
        }
        let raw = UnsafeRawPointer(base)
        if u.count >= 16 { return specialBytes16(raw, u.count) }
        var special: UInt64 = 0, quotes: UInt64 = 0
        // zeroByte(w ^ c) for the four bytes c, sharing `~(w ^ c) & 0x80…`: it is `~w & 0x80…` for
        // every c below 0x80 (see hasSpecialByte).
        @inline(__always) func scan(_ w: UInt64) {
            let high = ~w & 0x8080_8080_8080_8080
            let q = (w ^ 0x2222_2222_2222_2222) &- 0x0101_0101_0101_0101
            quotes |= q & high
            special |= (q | ((w ^ 0x2C2C_2C2C_2C2C_2C2C) &- 0x0101_0101_0101_0101)
                | ((w ^ 0x0A0A_0A0A_0A0A_0A0A) &- 0x0101_0101_0101_0101)
                | ((w ^ 0x0D0D_0D0D_0D0D_0D0D) &- 0x0101_0101_0101_0101)) & high
        }
        var i = 0
        while i + 8 <= u.count {
            scan(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        if i < u.count { scan(raw.loadUnaligned(fromByteOffset: u.count - 8, as: UInt64.self)) }
        return (special != 0, quotes != 0)
    }

    /// ``specialBytes(_:)`` of `count` (at least 16) bytes, sixteen at a time: the word test of
    /// ``hasSpecialByte(_:)`` done lane by lane on 16 bytes (SSE2 `pxor`/`paddb`/`pand`; the reasons
    /// column is most of the file and is scanned whole). Lane-wise arithmetic only: comparisons
    /// (`.==`) and `any(_:)` on masks compile to scalar code and calls here.
    @inlinable @inline(__always) static func specialBytes16(_ raw: UnsafeRawPointer, _ count: Int) -> (needsQuotes: Bool, hasQuote: Bool) {
        var special = SIMD16<UInt8>(repeating: 0)
        var quotes = SIMD16<UInt8>(repeating: 0)
        @inline(__always) func scan(_ v: SIMD16<UInt8>) {
            // Per byte x: (x - 1) & ~x & 0x80 is non-zero exactly when x is zero, and ~(v ^ c)
            // has the high bit of ~v for every c below 0x80.
            let one = SIMD16<UInt8>(repeating: 1)
            let high = ~v & SIMD16(repeating: 0x80)
            let q = ((v ^ SIMD16(repeating: 0x22)) &- one) & high
            quotes |= q
            special |= (((v ^ SIMD16(repeating: 0x2C)) &- one) | ((v ^ SIMD16(repeating: 0x0A)) &- one)
                | ((v ^ SIMD16(repeating: 0x0D)) &- one)) & high | q
        }
        var i = 0
        while i + 16 <= count {
            scan(raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self))
            i += 16
        }
        // The last sixteen bytes (overlapping bytes already read: a second look changes nothing).
        if i < count { scan(raw.loadUnaligned(fromByteOffset: count - 16, as: SIMD16<UInt8>.self)) }
        let s = unsafeBitCast(special, to: (UInt64, UInt64).self)
        let q = unsafeBitCast(quotes, to: (UInt64, UInt64).self)
        return (s.0 | s.1 != 0, q.0 | q.1 != 0)
    }

    /// The high bit of every byte of a word that is zero, and possibly of bytes above one: non-zero
    /// exactly when the word has a zero byte.
    @inlinable @inline(__always) static func zeroByte(_ v: UInt64) -> UInt64 {
        (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080
    }

    /// Whether one of the eight bytes of `w` is a comma, quote, LF or CR (exact: the zero-byte test
    /// `(v - 0x01…) & ~v & 0x80…` is non-zero exactly when `v` has a zero byte).
    ///
    /// The four tests share their last mask: `~(w ^ c) & 0x80…` is `~w & 0x80…` for a byte `c`
    /// below 0x80, and `(a & m) | (b & m)` is `(a | b) & m`.
    @inlinable @inline(__always) static func hasSpecialByte(_ w: UInt64) -> Bool {
        (((w ^ 0x2C2C_2C2C_2C2C_2C2C) &- 0x0101_0101_0101_0101) | ((w ^ 0x2222_2222_2222_2222) &- 0x0101_0101_0101_0101)
            | ((w ^ 0x0A0A_0A0A_0A0A_0A0A) &- 0x0101_0101_0101_0101) | ((w ^ 0x0D0D_0D0D_0D0D_0D0D) &- 0x0101_0101_0101_0101))
            & ~w & 0x8080_8080_8080_8080 != 0
    }

    /// A text field, quoted when needed.
    public mutating func appendField(_ s: String) {
        separator()
        withUnsafeWriter { $0.appendCSVText(s, guardFormula: false) }
    }

    /// Free text a person typed: prefixed with `'` when it starts with a formula character.
    public mutating func appendGuardedField(_ s: String) {
        separator()
        withUnsafeWriter { $0.appendCSVText(s, guardFormula: true) }
    }

    /// The field `parts.joined(separator: separator)`, optionally formula-guarded (a `'` before a
    /// leading `=`, `+`, `-`, `@`, tab or CR), quoted when needed. The separator must need no quoting.
    public mutating func appendField<C: Collection>(parts: C, separator joiner: StaticString, guardFormula: Bool)
    where C.Element == String {
        separator()
        withUnsafeWriter { $0.appendCSVJoined(parts, separator: joiner, guardFormula: guardFormula) }
    }

    /// ``appendField(parts:separator:guardFormula:)`` for an array (the risk list's anomaly flags,
    /// most often none): the generic version, called from another module, asks the collection for
    /// `isEmpty` and its elements through its conformance; this one is compiled for `[String]`.
    public mutating func appendField(parts: [String], separator joiner: StaticString, guardFormula: Bool) {
        separator()
        withUnsafeWriter { $0.appendCSVJoined(parts, separator: joiner, guardFormula: guardFormula) }
    }

    /// The field whose UTF-8 text is `text`: ``appendField(parts:separator:guardFormula:)`` of that
    /// one string, for text already built as bytes.
    public mutating func appendField(text: [UInt8], guardFormula: Bool) {
        separator()
        withUnsafeWriter { w in text.withUnsafeBufferPointer { w.appendCSVBytes($0, guardFormula: guardFormula) } }
    }

    /// The field whose UTF-8 text `write` appends to the writer it is given (this buffer's):
    /// ``appendField(text:guardFormula:)`` of that text, without building it elsewhere first
    /// (see ``ByteWriter/finishCSVField(from:guardFormula:)``). `write` must only append.
    public mutating func appendField(guardFormula: Bool, writing write: (inout ByteWriter) -> Void) {
        separator()
        withUnsafeWriter { w in
            let start = w.count
            write(&w)
            precondition(w.count >= start, "appendField(writing:) must only append")
            w.finishCSVField(from: start, guardFormula: guardFormula)
        }
    }

    /// The characters a spreadsheet reads as the start of a formula (all ASCII, so the first byte
    /// decides); the risk list guards free text starting with them.
    @inlinable @inline(__always) public static func isFormulaStart(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "=") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: "@")
            || b == 9 || b == 13
    }

    /// An integer field.
    public mutating func appendInt(_ v: Int) {
        separator()
        withUnsafeWriter { $0.appendDecimalDigits(of: v) }
    }

    /// A `YYYY-MM-DD` field (``Day/iso``), empty when missing.
    ///
    /// The text of a day is kept in a small table of recent days (a risk list's dates are a few
    /// thousand distinct days repeated over its rows) and appended in one copy.
    public mutating func appendDay(_ day: Day) {
        separator()
        if day.isMissing { return }
        let cache = dayCache()
        withUnsafeWriter { $0.appendISODay(day, cache: cache) }
    }

    /// An amount written as held: the shortest text that reads back as the same Double (what
    /// the risk list's `DecimalText.exact` writes); see ``ByteWriter/appendCSVExactAmount(_:)``.
    public mutating func appendExactAmount(_ x: Double) {
        separator()
        withUnsafeWriter { $0.appendCSVExactAmount(x) }
    }

    /// A number with exactly `decimals` decimals, rounded half away from zero, whatever the
    /// locale; an empty field when `x` is not finite.
    public mutating func appendFixed(_ x: Double, decimals: Int) {
        separator()
        withUnsafeWriter { $0.appendCSVFixed(x, decimals: decimals) }
    }

    /// `v.rounded(.toNearestOrAwayFromZero)` (what `rounded()` does), without a call to libm's
    /// `round` (not inlined on baseline x86-64, a few calls per row): below 2⁵² the truncation
    /// and `a - trunc(a)` are exact, so adding one when that fraction is at least ½ is the
    /// rounding; from 2⁵² on every double is a whole number (and NaN and infinities go to libm).
    @inlinable @inline(__always) public static func roundedHalfAway(_ v: Double) -> Double {
        let a = abs(v)
        guard a < 4_503_599_627_370_496 else { return v.rounded(.toNearestOrAwayFromZero) }
        let t = Double(Int64(a))
        return Double(signOf: v, magnitudeOf: a - t >= 0.5 ? t + 1 : t)
    }

    /// A whole row of text fields.
    public mutating func appendRow(_ fields: [String]) {
        for f in fields { appendField(f) }
        endRow()
    }

    /// The bytes as `Data`, ready for ``AtomicFile/write(_:to:)-(Data,_)``.
    public var data: Data { withUnsafeBytes { Data($0) } }

    /// Empties the buffer, keeping its memory for the next rows (a buffer reused block after
    /// block touches no fresh memory); the next field starts a row.
    public mutating func removeAll() {
        withUnsafeWriter { $0.removeSuffix(from: 0) }
        atRowStart = true
    }

    /// Marks the next field as the first of a row (after rows written through
    /// ``withUnsafeWriter(_:)``, which end with their own line feed).
    public mutating func startRow() {
        atRowStart = true
    }
}

/// The memory of a ``CSVBuffer``: one block, freed with the last buffer sharing it.
@usableFromInline final class CSVBufferStorage {
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var count = 0
    @usableFromInline var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    /// A storage of its own with the same bytes.
    @usableFromInline func copy() -> CSVBufferStorage {
        let c = CSVBufferStorage(capacity: capacity)
        c.base.update(from: base, count: count)
        c.count = count
        return c
    }

    deinit { base.deallocate() }
}
