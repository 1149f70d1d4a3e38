/// The text of one CSV field (RFC 4180 quoting only when needed, see ``CSVBuffer``), written by a
/// ``ByteWriter``. These write the field alone: the `,` before it and the row's `\n` are the
/// caller's (``CSVBuffer``'s methods add them).
extension ByteWriter {
    /// A text field, quoted when needed; with `guardFormula`, prefixed with `'` when it starts with
    /// a formula character. The common case (nothing to quote: every id, currency and most names)
    /// copies the string's UTF-8 in place; anything needing quotes takes the general path.
    @inlinable public mutating func appendCSVText(_ s: String, guardFormula: Bool) {
        let done: Bool? = s.utf8.withContiguousStorageIfAvailable { u in
            if CSVBuffer.needsQuotes(u) { return false }
            if guardFormula, let b = u.first, CSVBuffer.isFormulaStart(b) { append(UInt8(ascii: "'")) }
            append(u)
            return true
        }
        if done != true { appendCSVJoined(CollectionOfOne(s), separator: "", guardFormula: guardFormula) }
    }

    /// The field `parts.joined(separator: separator)` (empty for no parts), optionally
    /// formula-guarded, quoted when needed. The separator must need no quoting.
    public mutating func appendCSVJoined(_ parts: [String], separator joiner: StaticString, guardFormula: Bool) {
        if parts.isEmpty { return }
        appendJoined(parts, separator: joiner, guardFormula: guardFormula)
    }

    /// ``appendCSVJoined(_:separator:guardFormula:)`` for any collection of strings.
    public mutating func appendCSVJoined<C: Collection>(_ parts: C, separator joiner: StaticString, guardFormula: Bool)
    where C.Element == String {
        if parts.isEmpty { return }
        appendJoined(parts, separator: joiner, guardFormula: guardFormula)
    }

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
                if !quote && CSVBuffer.needsQuotes(u) { quote = true }
            }
            index += 1
        }
        if quote { append(UInt8(ascii: "\"")) }
        if guardFormula, let b = first, CSVBuffer.isFormulaStart(b) { append(UInt8(ascii: "'")) }
        index = 0
        for part in parts {
            if index > 0 { append(sep) }
            var part = part
            part.withUTF8 { u in
                if quote { appendEscaped(u) } else { append(u) }
            }
            index += 1
        }
        if quote { append(UInt8(ascii: "\"")) }
    }

    /// `u` with every `"` doubled, copied a run at a time between quotes.
    private mutating func appendEscaped(_ u: UnsafeBufferPointer<UInt8>) {
        var start = 0
        while let q = u[start...].firstIndex(of: UInt8(ascii: "\"")) {
            append(UnsafeBufferPointer(rebasing: u[start...q]))
            append(UInt8(ascii: "\""))
            start = q + 1
        }
        append(UnsafeBufferPointer(rebasing: u[start...]))
    }

    /// The field whose UTF-8 text is `u` (quoted when needed, guarded when asked).
    public mutating func appendCSVBytes(_ u: UnsafeBufferPointer<UInt8>, guardFormula: Bool) {
        let quote = CSVBuffer.needsQuotes(u)
        if quote { append(UInt8(ascii: "\"")) }
        if guardFormula, let b = u.first, CSVBuffer.isFormulaStart(b) { append(UInt8(ascii: "'")) }
        if quote { appendEscaped(u) } else { append(u) }
        if quote { append(UInt8(ascii: "\"")) }
    }

    /// Makes the bytes written from `start` on (a field's text, written in place) the field
    /// ``appendCSVBytes(_:guardFormula:)`` of that text would have written.
    ///
    /// Why: the risk list's reasons are written straight into the file's buffer and scanned once;
    /// only a field that needs a quote or a formula guard is then fixed up (its opening `"` and `'`
    /// inserted before it, and its own quotes doubled, which is rare: reasons are generated text).
    public mutating func finishCSVField(from start: Int, guardFormula: Bool) {
        let u = UnsafeBufferPointer(written(from: start))
        let (quote, hasQuoteByte) = CSVBuffer.specialBytes(u)
        let guarded = guardFormula && !u.isEmpty && CSVBuffer.isFormulaStart(u[0])
        if !quote && !guarded { return }
        if hasQuoteByte {
            let text = Array(u)
            removeSuffix(from: start)
            text.withUnsafeBufferPointer { appendCSVBytes($0, guardFormula: guardFormula) }
            return
        }
        switch (quote, guarded) {
        case (true, true): insert(count: 2, at: start) { $0[0] = UInt8(ascii: "\""); $0[1] = UInt8(ascii: "'") }
        case (true, false): insert(count: 1, at: start) { $0[0] = UInt8(ascii: "\"") }
        default: insert(count: 1, at: start) { $0[0] = UInt8(ascii: "'") }
        }
        if quote { append(UInt8(ascii: "\"")) }
    }

    /// `day` as `YYYY-MM-DD` (``Day/iso``), nothing when missing; the text comes from `cache`
    /// (one copy of 16 bytes, of which 10 are kept).
    @inlinable public mutating func appendISODay(_ day: Day, cache: ISODayCache) {
        if day.isMissing { return }
        guard let text = cache.text(of: day) else {
            append(day.iso)
            return
        }
        reserve(16)
        let at = UnsafeMutableRawPointer(base + used)
        at.storeBytes(of: text.0, as: UInt64.self)
        at.storeBytes(of: text.1, toByteOffset: 8, as: UInt64.self)
        used &+= 10
    }

    /// An amount written as held: the shortest text that reads back as the same Double (what
    /// the risk list's `DecimalText.exact` writes). Amounts with at most two decimals below 10¹³ are
    /// written digit by digit: there the double nearest to `w.cc` has no shorter decimal reading
    /// back to it (the spacing of doubles is far below 0.01), so `w.cc` without trailing zeros is
    /// the shortest text. Anything else goes through Swift's own shortest formatting.
    @inlinable public mutating func appendCSVExactAmount(_ x: Double) {
        guard x.isFinite else { return }
        if x == CSVBuffer.roundedHalfAway(x), abs(x) < 1e15 {
            appendDecimalDigits(of: Int(Int64(x)))
            return
        }
        let magnitude = abs(x)
        if magnitude < 1e13 && magnitude >= 0.01 {
            let cents = CSVBuffer.roundedHalfAway(magnitude * 100)
            if cents / 100 == magnitude {
                let units = UInt64(cents)
                reserve(24)
                if x < 0 { appendUnchecked(UInt8(ascii: "-")) }
                appendDigitsUnchecked(units / 100)
                let fraction = units % 100
                appendUnchecked(UInt8(ascii: "."))
                appendUnchecked(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: fraction / 10))
                if fraction % 10 != 0 { appendUnchecked(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: fraction % 10)) }
                return
            }
        }
        append("\(x)")
    }

    /// A number with exactly `decimals` (0…9) decimals, rounded half away from zero, whatever the
    /// locale; nothing when `x` is not finite.
    @inlinable @inline(__always) public mutating func appendCSVFixed(_ x: Double, decimals: Int) {
        guard x.isFinite else { return }
        precondition(decimals >= 0 && decimals <= 9, "0…9 decimals")
        var scale = 1.0
        var tens: UInt64 = 1
        for _ in 0..<decimals { scale *= 10; tens &*= 10 }
        let scaled = CSVBuffer.roundedHalfAway(abs(x) * scale)
        guard scaled < 9e15 else {
            append(String(x))
            return
        }
        let units = UInt64(scaled)
        reserve(32)
        if x < 0 && units != 0 { appendUnchecked(UInt8(ascii: "-")) }
        appendDigitsUnchecked(units / tens)
        if decimals > 0 {
            appendUnchecked(UInt8(ascii: "."))
            appendPaddedDigitsUnchecked(units % tens, digits: decimals)
        }
    }
}
