import Testing
@testable import RelanceScoring

/// Amount details are formatted from their digits (no double parsed): the text must be what
/// parsing the detail and formatting the double gives, in both languages.
@Suite struct ReasonNumberFormatTests {
    /// The parse-and-format definition of `money`.
    static func reference(_ f: ReasonNumberFormat, _ detail: String) -> String {
        guard let (amount, currency) = ReasonAmount.parse(detail) else { return detail }
        return f.decimal(amount, digits: 2) + (f.language == .fr ? "\u{00A0}" : " ") + currency
    }

    @Test func moneyFromTheDigitsEqualsParsingAndFormatting() {
        var details = ["0.00 EUR", "-0.00 EUR", "-0.01 EUR", "0.05 GBP", "999.99 EUR", "1000.00 EUR", "1234.50 EUR",
                       "999999999999.99 EUR", "1000000000000.00 EUR", "12.5 EUR", "12.50", "12.50 ", " 12.50 EUR",
                       "+12.50 EUR", "12.50  EUR", "12.50 EUR X", "0012.50 EUR", "abc EUR", ""]
        var state: UInt64 = 7
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let cents = Double(state >> 24) .truncatingRemainder(dividingBy: [1e4, 1e7, 1e11, 1e14][Int(state & 3)])
            let sign = state & 4 == 0 ? 1.0 : -1.0
            details.append(ReasonAmount.detail(sign * cents / 100, currency: "EUR"))
        }
        for language in [ReasonLanguage.en, .fr] {
            let f = ReasonNumberFormat(language: language)
            for d in details {
                #expect(f.money(d) == Self.reference(f, d), "\(language) \(d)")
            }
        }
    }

    @Test func groupedIntegersAndDecimals() {
        let en = ReasonNumberFormat(language: .en), fr = ReasonNumberFormat(language: .fr)
        #expect(en.integer(999) == "999" && en.integer(1000) == "1,000" && en.integer(-1234567) == "-1,234,567")
        #expect(fr.integer(1234567) == "1\u{202F}234\u{202F}567")
        #expect(en.decimal(1234.5, digits: 2) == "1,234.50" && fr.decimal(-0.05, digits: 1) == "-0,1")
        #expect(en.decimal(-0.004, digits: 2) == "0.00" && en.decimal(3.14159, digits: 3) == "3.142")
    }
}
