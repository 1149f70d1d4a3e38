/// Parses decimal numbers straight from CSV bytes, without building a `String`.
///
/// Why not `Double(String)`: on a million rows the allocation per field dominates ingest. The fast
/// path (at most 19 significant digits, a power of ten within 10^±22) is exact by Clinger's
/// argument: both the integer mantissa and the power of ten are exact doubles, so one IEEE
/// multiplication or division rounds correctly. Anything else (very long or extreme values) falls
/// back to the standard library's correctly rounded parser, so results always equal
/// `Double(String)` on the same text.
enum DecimalText {
    private static let exactPowers: [Double] = (0...22).map { i in
        var p = 1.0
        for _ in 0..<i { p *= 10 }
        return p
    }

    /// Parses `[+-]digits[.digits][e[+-]digits]`; with `decimalComma`, `[+-]digits[,digits]` where
    /// the integer part may carry thousands separators (space, dot, no-break space U+00A0,
    /// narrow no-break space U+202F, apostrophe). Returns nil for anything else, including empty.
    static func parse(_ b: UnsafeRawBufferPointer, decimalComma: Bool = false) -> Double? {
        let n = b.count
        var i = 0
        guard n > 0 else { return nil }
        if n <= 16, let v = plain(b, point: decimalComma ? UInt8(ascii: ",") : UInt8(ascii: ".")) { return v }
        var negative = false
        if b[0] == UInt8(ascii: "-") { negative = true; i = 1 } else if b[0] == UInt8(ascii: "+") { i = 1 }
        var mantissa: UInt64 = 0
        var digits = 0          // significant digits kept in mantissa
        var dropped = 0         // integer digits beyond 19 (scale up)
        var fractionDigits = 0  // fraction digits kept (scale down)
        var sawDigit = false
        var needsFallback = false
        let point: UInt8 = decimalComma ? UInt8(ascii: ",") : UInt8(ascii: ".")
        // Integer part.
        var lastWasSeparator = false
        var separator: UInt8 = 0          // first byte of the thousands separator in use
        var digitsSinceSeparator = 0
        while i < n {
            let c = b[i]
            let d = c &- 48
            if d < 10 {
                sawDigit = true
                lastWasSeparator = false
                digitsSinceSeparator += 1
                if digits < 19 {
                    if mantissa != 0 || d != 0 { digits += 1 }
                    mantissa = mantissa &* 10 &+ UInt64(d)
                } else {
                    dropped += 1
                    needsFallback = true
                }
                i += 1
                continue
            }
            if decimalComma, sawDigit, !lastWasSeparator {
                var width = 0
                if c == 0x20 || c == UInt8(ascii: ".") || c == UInt8(ascii: "'") {
                    width = 1
                } else if c == 0xC2, i + 1 < n, b[i + 1] == 0xA0 {
                    width = 2
                } else if c == 0xE2, i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0xAF {
                    width = 3
                }
                if width > 0 {
                    // One separator kind per number, groups of three digits after each.
                    if separator == 0 {
                        guard digitsSinceSeparator <= 3 else { return nil }
                        separator = c
                    } else {
                        guard separator == c, digitsSinceSeparator == 3 else { return nil }
                    }
                    digitsSinceSeparator = 0
                    lastWasSeparator = true
                    i += width
                    continue
                }
            }
            break
        }
        if lastWasSeparator { return nil }
        if separator != 0, digitsSinceSeparator != 3 { return nil }
        if i < n, b[i] == point {
            i += 1
            var sawFraction = false
            while i < n {
                let d = b[i] &- 48
                guard d < 10 else { break }
                sawFraction = true
                if digits < 19 {
                    if mantissa != 0 || d != 0 { digits += 1 }
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    fractionDigits += 1
                } else if d != 0 {
                    needsFallback = true
                }
                i += 1
            }
            if !sawDigit && !sawFraction { return nil }
            sawDigit = true
        }
        guard sawDigit else { return nil }
        var exponent = 0
        if !decimalComma, i < n, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < n, b[i] == UInt8(ascii: "-") { expNegative = true; i += 1 } else if i < n, b[i] == UInt8(ascii: "+") { i += 1 }
            var sawExp = false
            while i < n {
                let d = b[i] &- 48
                guard d < 10 else { break }
                sawExp = true
                if exponent < 100_000 { exponent = exponent * 10 + Int(d) }
                i += 1
            }
            guard sawExp else { return nil }
            if expNegative { exponent = -exponent }
        }
        guard i == n else { return nil }
        let scale = exponent + dropped - fractionDigits
        if !needsFallback, mantissa < (1 << 53), scale >= -22, scale <= 22 {
            let m = Double(mantissa)
            let v = scale >= 0 ? m * exactPowers[scale] : m / exactPowers[-scale]
            return negative ? -v : v
        }
        return fallback(b, decimalComma: decimalComma)
    }

    /// The common case in one tight loop: unsigned `digits[<point>digits]`, at most 15 digits
    /// (so the mantissa is exact), rounded once exactly as the general path does; nil for
    /// anything else, which the general path then reads.
    @inline(__always) private static func plain(_ b: UnsafeRawBufferPointer, point: UInt8) -> Double? {
        var mantissa: UInt64 = 0
        var i = 0
        let n = b.count
        var pointAt = -1
        while i < n {
            let c = b[i]
            let d = c &- 48
            if d < 10 {
                mantissa = mantissa &* 10 &+ UInt64(d)
            } else if c == point, pointAt < 0, i > 0, i + 1 < n {
                pointAt = i
            } else {
                return nil
            }
            i += 1
        }
        let digits = pointAt < 0 ? n : n - 1
        guard digits <= 15 else { return nil }
        let fraction = pointAt < 0 ? 0 : n - 1 - pointAt
        return fraction == 0 ? Double(mantissa) : Double(mantissa) / exactPowers[fraction]
    }

    /// Rebuilds the plain `[-]digits.digits` text and lets the standard library round it.
    private static func fallback(_ b: UnsafeRawBufferPointer, decimalComma: Bool) -> Double? {
        var text = ""
        text.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            let c = b[i]
            if decimalComma {
                if c == UInt8(ascii: ",") { text.append("."); i += 1; continue }
                if c == 0x20 || c == UInt8(ascii: ".") || c == UInt8(ascii: "'") { i += 1; continue }
                if c == 0xC2 { i += 2; continue }
                if c == 0xE2 { i += 3; continue }
            }
            text.unicodeScalars.append(Unicode.Scalar(c))
            i += 1
        }
        return Double(text)
    }

    /// Parses an optionally signed whole number (day counts); nil otherwise.
    static func parseInteger(_ b: UnsafeRawBufferPointer) -> Int? {
        var i = 0
        var negative = false
        guard b.count > 0, b.count <= 12 else { return nil }
        if b[0] == UInt8(ascii: "-") { negative = true; i = 1 } else if b[0] == UInt8(ascii: "+") { i = 1 }
        guard i < b.count else { return nil }
        var v = 0
        while i < b.count {
            let d = b[i] &- 48
            guard d < 10 else { return nil }
            v = v * 10 + Int(d)
            i += 1
        }
        return negative ? -v : v
    }
}
