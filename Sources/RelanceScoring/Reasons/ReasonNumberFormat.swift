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
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += groupMark }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    func decimal(_ x: Double, digits: Int) -> String {
        guard x.isFinite else { return "–" }
        guard digits > 0 else { return integer(Int(x.rounded())) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int64((abs(x) * scale).rounded())
        let whole = Int(scaled / Int64(scale)), frac = Int(scaled % Int64(scale))
        var fracText = String(frac)
        while fracText.count < digits { fracText = "0" + fracText }
        return (x < 0 && scaled != 0 ? "-" : "") + integer(whole) + decimalMark + fracText
    }

    /// `"1234.50 EUR"` (a reason detail) as `1,234.50 EUR` / `1 234,50 EUR`.
    func money(_ detail: String) -> String {
        guard let (amount, currency) = ReasonAmount.parse(detail) else { return detail }
        return decimal(amount, digits: 2) + (language == .fr ? "\u{00A0}" : " ") + currency
    }

    func percent(_ share: Double) -> String {
        decimal(share * 100, digits: 0) + (language == .fr ? "\u{00A0}%" : "%")
    }
}
