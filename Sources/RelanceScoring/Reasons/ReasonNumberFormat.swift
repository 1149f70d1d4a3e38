import RelanceData

/// Numbers in reason sentences, by language: `.` and `,` grouping in English (`1,234.50`), `,` and a
/// narrow no-break space in French (`1 234,50`), percentages `23%` / `23 %`. Locale-independent on
/// purpose: the output must not change with the machine's settings.
struct ReasonNumberFormat {
    let language: ReasonLanguage

    var decimalMark: String { language == .fr ? "," : "." }
    var groupMark: String { language == .fr ? "\u{202F}" : "," }

    func integer(_ n: Int) -> String {
        // No group mark below 1000 (most day counts): the plain digits.
        if n.magnitude < 1000 { return String(n) }
        return ByteWriter.string(reservingCapacity: 32) { appendInteger(n, to: &$0) }
    }

    func decimal(_ x: Double, digits: Int) -> String {
        ByteWriter.string(reservingCapacity: 32) { appendDecimal(x, digits: digits, to: &$0) }
    }

    /// `"1234.50 EUR"` (a reason detail) as `1,234.50 EUR` / `1 234,50 EUR`.
    func money(_ detail: String) -> String {
        if let text = moneyFromCents(detail) { return text }
        guard let (amount, currency) = ReasonAmount.parse(detail) else { return detail }
        return decimal(amount, digits: 2) + (language == .fr ? "\u{00A0}" : " ") + currency
    }

    /// ``money(_:)`` for the details ``ReasonAmount/detail(_:currency:)`` writes (`-?digits.cc CUR`,
    /// at most 12 integer digits), formatted from the digits themselves: below 10¹² the double read
    /// from `w.cc` scales back to exactly `wcc` cents, so this is the text the parse-and-format path
    /// gives, without parsing a double. Nil for anything else.
    private func moneyFromCents(_ detail: String) -> String? {
        var done = false
        let text = ByteWriter.string(reservingCapacity: 32 + detail.utf8.count) { done = appendMoneyFromCents(detail, to: &$0) }
        return done ? text : nil
    }

    /// `whole` with group marks, the decimal mark, then `fraction` on `digits` digits.
    private func appendDecimal(whole: UInt64, fraction: Int, digits: Int, to out: inout ByteWriter) {
        appendGrouped(whole, to: &out)
        if language == .fr { out.append(UInt8(ascii: ",")) } else { out.append(UInt8(ascii: ".")) }
        var tens = 1
        for _ in 1..<digits { tens *= 10 }
        var f = fraction
        while tens > 0 {
            out.append(UInt8(ascii: "0") + UInt8(f / tens % 10))
            f %= tens
            tens /= 10
        }
    }

    /// The digits of `n`, a group mark before every group of three from the right: the leading
    /// group as plain digits, then each group of three as a mark and three padded digits.
    private func appendGrouped(_ n: UInt64, to out: inout ByteWriter) {
        out.reserve(32)
        guard n >= 1000 else {
            out.appendDigitsUnchecked(n)
            return
        }
        // Up to 7 groups below 2^64; the lower ones, least significant first.
        var groups: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var m = n
        withUnsafeMutableBytes(of: &groups) { g in
            let g = g.bindMemory(to: UInt64.self)
            while m >= 1000 {
                g[count] = m % 1000
                m /= 1000
                count += 1
            }
            out.appendDigitsUnchecked(m)
            while count > 0 {
                count -= 1
                if language == .fr { out.append(0xE2); out.append(0x80); out.append(0xAF) } else { out.append(UInt8(ascii: ",")) }
                out.reserve(3)
                out.appendPaddedDigitsUnchecked(g[count], digits: 3)
            }
        }
    }

    // MARK: Straight into bytes (the risk list's hot path): the same text as the functions above.

    /// ``integer(_:)`` appended to `out`.
    func appendInteger(_ n: Int, to out: inout ByteWriter) {
        if n < 0 { out.append(UInt8(ascii: "-")) }
        appendGrouped(UInt64(n.magnitude), to: &out)
    }

    /// ``decimal(_:digits:)`` appended to `out`.
    func appendDecimal(_ x: Double, digits: Int, to out: inout ByteWriter) {
        guard x.isFinite else { out.append("–" as StaticString); return }
        guard digits > 0 else { appendInteger(Int(CSVBuffer.roundedHalfAway(x)), to: &out); return }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int64(CSVBuffer.roundedHalfAway(abs(x) * scale))
        let whole = Int(scaled / Int64(scale)), frac = Int(scaled % Int64(scale))
        if x < 0 && scaled != 0 { out.append(UInt8(ascii: "-")) }
        appendDecimal(whole: UInt64(whole), fraction: frac, digits: digits, to: &out)
    }

    /// ``money(_:)`` appended to `out`.
    func appendMoney(_ detail: String, to out: inout ByteWriter) {
        if appendMoneyFromCents(detail, to: &out) { return }
        out.append(money(detail))
    }

    /// ``percent(_:)`` appended to `out`.
    func appendPercent(_ share: Double, to out: inout ByteWriter) {
        appendDecimal(share * 100, digits: 0, to: &out)
        if language == .fr { out.append(0xC2); out.append(0xA0); out.append(UInt8(ascii: "%")) } else { out.append(UInt8(ascii: "%")) }
    }

    /// ``moneyFromCents(_:)`` appended to `out`; false (nothing appended) for other details. The
    /// currency must be what splitting at the first space leaves: non-empty, no space.
    private func appendMoneyFromCents(_ detail: String, to out: inout ByteWriter) -> Bool {
        var detail = detail
        return detail.withUTF8 { b -> Bool in
            var i = 0
            let negative = i < b.count && b[i] == UInt8(ascii: "-")
            if negative { i += 1 }
            var whole: UInt64 = 0
            let start = i
            while i < b.count, b[i] &- 48 < 10 { whole = whole * 10 + UInt64(b[i] &- 48); i += 1 }
            let count = i - start
            guard count >= 1 && count <= 12, i + 4 < b.count, b[i] == UInt8(ascii: "."),
                  b[i + 1] &- 48 < 10, b[i + 2] &- 48 < 10, b[i + 3] == UInt8(ascii: " ") else { return false }
            let cents = Int(b[i + 1] &- 48) * 10 + Int(b[i + 2] &- 48)
            let currency = UnsafeBufferPointer(rebasing: b[(i + 4)...])
            guard !currency.isEmpty, !currency.contains(UInt8(ascii: " ")) else { return false }
            if negative && (whole != 0 || cents != 0) { out.append(UInt8(ascii: "-")) }
            appendDecimal(whole: whole, fraction: cents, digits: 2, to: &out)
            if language == .fr { out.append(0xC2); out.append(0xA0) } else { out.append(UInt8(ascii: " ")) }
            out.append(contentsOf: currency)
            return true
        }
    }

    func percent(_ share: Double) -> String {
        decimal(share * 100, digits: 0) + (language == .fr ? "\u{00A0}%" : "%")
    }
}
