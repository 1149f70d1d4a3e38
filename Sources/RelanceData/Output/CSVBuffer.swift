/// Builds CSV output as UTF-8 bytes, one field at a time.
///
/// Large outputs (a 100,000-row risk list, a 1,000,000-row design matrix) spend most of their time
/// in `String(format:)` and in joining per-row `String` arrays. This buffer appends bytes directly:
/// fixed-decimal numbers are formatted with integer arithmetic, and fields are quoted per RFC 4180
/// only when they hold a comma, quote, CR or LF (the same rule as ``CSVText``).
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

    private mutating func separator() {
        if !atRowStart { bytes.append(UInt8(ascii: ",")) }
        atRowStart = false
    }

    /// A UTF-8 byte order mark; only meaningful before the first field.
    public mutating func appendByteOrderMark() {
        bytes.append(contentsOf: [0xEF, 0xBB, 0xBF])
    }

    /// Ends the current row with `\n`.
    public mutating func endRow() {
        bytes.append(10)
        atRowStart = true
    }

    /// A whole row of text fields.
    public mutating func appendRow(_ fields: [String]) {
        for f in fields { appendField(f) }
        endRow()
    }

    /// A text field, quoted when needed.
    public mutating func appendField(_ s: String) {
        separator()
        var s = s
        s.withUTF8 { u in
            var needsQuotes = false
            for b in u where b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == 10 || b == 13 {
                needsQuotes = true
                break
            }
            if !needsQuotes {
                bytes.append(contentsOf: u)
                return
            }
            bytes.append(UInt8(ascii: "\""))
            for b in u {
                if b == UInt8(ascii: "\"") { bytes.append(b) }
                bytes.append(b)
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// An integer field.
    public mutating func appendInt(_ v: Int) {
        separator()
        appendDigits(of: v)
    }

    /// A number with exactly `decimals` decimals (rounded half away from zero), `.` as separator
    /// whatever the locale; an empty field when `x` is not finite. Falls back to Swift's own
    /// formatting for magnitudes where integer scaling would overflow.
    public mutating func appendFixed(_ x: Double, decimals: Int) {
        separator()
        guard x.isFinite else { return }
        precondition(decimals >= 0 && decimals <= 9, "0…9 decimals")
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else {
            bytes.append(contentsOf: Array(String(x).utf8))
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

    /// Raw bytes appended as a field without quoting (callers guarantee they need none).
    public mutating func appendUnquoted(_ s: String) {
        separator()
        bytes.append(contentsOf: s.utf8)
    }

    private mutating func appendDigits(of v: Int) {
        if v == 0 { bytes.append(UInt8(ascii: "0")); return }
        var n = v.magnitude
        if v < 0 { bytes.append(UInt8(ascii: "-")) }
        var tmp: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                  UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &tmp) { t in
            while n > 0 {
                t[count] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
                count += 1
            }
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(t[i]) }
        }
    }
}

import Foundation

extension CSVBuffer {
    /// The bytes as `Data`, ready for ``AtomicFile/write(_:to:)-(Data,_)``.
    public var data: Data { Data(bytes) }
}
