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

    @inline(__always) private static func needsQuotes(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in u where b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == 10 || b == 13 { return true }
        return false
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
        appendField(parts: CollectionOfOne(s), separator: "", guardFormula: false)
    }

    /// Free text a person typed: prefixed with `'` when it starts with a formula character.
    public mutating func appendGuardedField(_ s: String) {
        appendField(parts: CollectionOfOne(s), separator: "", guardFormula: true)
    }

    /// The field `parts.joined(separator: separator)`, optionally formula-guarded (a `'` before a
    /// leading `=`, `+`, `-`, `@`, tab or CR), quoted when needed. The separator must need no quoting.
    public mutating func appendField<C: Collection>(parts: C, separator joiner: StaticString, guardFormula: Bool)
    where C.Element == String {
        separator()
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
        text.withUnsafeBufferPointer { u in
            let quote = Self.needsQuotes(u)
            if quote { bytes.append(UInt8(ascii: "\"")) }
            if guardFormula, let b = u.first, Self.isFormulaStart(b) { bytes.append(UInt8(ascii: "'")) }
            if quote { appendEscaped(u) } else { bytes.append(contentsOf: u) }
            if quote { bytes.append(UInt8(ascii: "\"")) }
        }
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
    public mutating func appendDay(_ day: Day) {
        separator()
        if day.isMissing { return }
        let (y, m, d) = day.civil
        guard y >= 0 && y <= 9999 else {
            bytes.append(contentsOf: day.iso.utf8)
            return
        }
        bytes.append(UInt8(ascii: "0") + UInt8(y / 1000))
        bytes.append(UInt8(ascii: "0") + UInt8(y / 100 % 10))
        bytes.append(UInt8(ascii: "0") + UInt8(y / 10 % 10))
        bytes.append(UInt8(ascii: "0") + UInt8(y % 10))
        bytes.append(UInt8(ascii: "-"))
        bytes.append(UInt8(ascii: "0") + UInt8(m / 10))
        bytes.append(UInt8(ascii: "0") + UInt8(m % 10))
        bytes.append(UInt8(ascii: "-"))
        bytes.append(UInt8(ascii: "0") + UInt8(d / 10))
        bytes.append(UInt8(ascii: "0") + UInt8(d % 10))
    }

    /// An amount written as held: the shortest text that reads back as the same Double (what
    /// the risk list's `DecimalText.exact` writes). Amounts with at most two decimals below 10¹³ are written digit by digit:
    /// there the double nearest to `w.cc` has no shorter decimal reading back to it (the spacing
    /// of doubles is far below 0.01), so `w.cc` without trailing zeros is the shortest text.
    /// Anything else goes through Swift's own shortest formatting.
    public mutating func appendExactAmount(_ x: Double) {
        separator()
        guard x.isFinite else { return }
        if x == x.rounded(), abs(x) < 1e15 {
            appendDigits(of: Int(Int64(x)))
            return
        }
        let magnitude = abs(x)
        if magnitude < 1e13 && magnitude >= 0.01 {
            let cents = (magnitude * 100).rounded()
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
        let scaled = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else {
            bytes.append(contentsOf: String(x).utf8)
            return
        }
        var units = Int64(scaled)
        if x < 0 && units != 0 { bytes.append(UInt8(ascii: "-")) }
        var pow10: Int64 = 1
        for _ in 0..<decimals { pow10 *= 10 }
        let whole = units / pow10
        units -= whole * pow10
        appendDigits(of: Int(whole))
        if decimals > 0 {
            bytes.append(UInt8(ascii: "."))
            var div = pow10 / 10
            while div > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(units / div))
                units %= div
                div /= 10
            }
        }
    }

    private mutating func appendDigits(of v: Int) {
        if v == 0 { bytes.append(UInt8(ascii: "0")); return }
        if v < 0 { bytes.append(UInt8(ascii: "-")) }
        var n = v.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { t in
            while n > 0 {
                t[count] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
                count += 1
            }
            var i = count - 1
            while i >= 0 {
                bytes.append(t[i])
                i -= 1
            }
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
