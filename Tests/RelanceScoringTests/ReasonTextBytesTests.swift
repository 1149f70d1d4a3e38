import Testing
@testable import RelanceScoring

/// The reason sentences are written as bytes (ReasonSentenceWriter); they must be, character for
/// character, what the String-built wording wrote (ReasonTextOracle), for every code, both signs,
/// both languages and the awkward values and details.
@Suite struct ReasonTextBytesTests {
    static let codes: [String] = ReasonCode.allCases.map(\.rawValue) + [
        "anomaly:duplicate_of", "anomaly:amount_spike", "anomaly:unusual_terms",
        "anomaly:new_customer_large_first_invoice", "anomaly:round_amount", "anomaly:currency_changed",
        "anomaly:payment_method_changed", "anomaly:unusual_profile", "anomaly:something_new", "anomaly:",
        "a_code_from_a_later_version", "",
    ]
    /// Finite values only: both implementations start with `Int(value.rounded())`, which traps on
    /// anything else (the builder never writes such a value).
    static let values: [Double] = [
        -1234.5, -3, -1, -0.04, 0, 0.03, 0.25, 0.5, 1, 1.5, 2, 3.35, 5, 12, 59, 61, 400, 729, 800, 999.96,
        1000, 1234, 12345.678, 1_234_567,
    ]
    static let details: [String] = [
        "", "0", "1", "3", "5", "12", "1200", "-4", "never", "card", "transfer", "direct_debit", "cheque",
        "other", "paper", "electronic", "1234.50 EUR", "-0.00 EUR", "0.05 EUR", "12.5 EUR", "1234567.89 USD",
        "999999999999.99 CHF", "1 EUR", "abc", "EUR", "late_payment:30", "severe_delay:45",
        "severe_delay_reached:30", "overdue_unmodelled:30", "severe_delay", ":30", "severe_delay:",
        "severe_delay::7", "sévère:30", "severe_delay:é", "INV-0042",
    ]

    @Test func theByteWordingIsTheStringWordingForEveryCodeSignAndLanguage() {
        var checked = 0, mismatches: [String] = []
        for language in ReasonLanguage.allCases {
            for code in Self.codes {
                for value in Self.values {
                    for detail in Self.details {
                        for contribution in [-0.7, 0, 0.7] {
                            let reason = Reason(code: code, value: value, detail: detail, contribution: contribution,
                                                shareableWithCustomer: false)
                            let expected = ReasonTextOracle.render(reason, language: language)
                            let got = ReasonText.render(reason, language: language)
                            if got != expected, mismatches.count < 10 {
                                mismatches.append("\(language) \(code) \(value) \(detail) \(contribution): \(got) ≠ \(expected)")
                            }
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
        #expect(checked > 40_000)
    }

    @Test func appendAddsTheSentenceAfterWhatTheBufferHeld() {
        let reason = Reason(code: "overdue_open", value: 3, detail: "12345.60 EUR", contribution: 0.4,
                            shareableWithCustomer: true)
        for language in ReasonLanguage.allCases {
            var bytes = Array("x | ".utf8)
            ReasonText.append(reason, language: language, to: &bytes)
            #expect(bytes == Array(("x | " + ReasonTextOracle.render(reason, language: language)).utf8))
        }
        var bytes: [UInt8] = []
        ReasonText.append(reason, language: .fr, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "3 autres factures échues impayées (12\u{202F}345,60\u{00A0}EUR au total)")
    }
}

/// The code lookup used while writing is the enum's own lookup.
@Suite struct ReasonCodeLookupTests {
    @Test func theByteLookupFindsWhatTheEnumFinds() {
        let codes = ReasonCode.allCases.map(\.rawValue) + [
            "", "late", "late_share ", "Late_share", "late_sharé", "late_shar\u{0065}\u{0301}", "anomaly:x",
            "days_overdue\u{0000}", "tenur", "tenures", "channel", "chann\u{212A}el",
        ]
        for code in codes {
            #expect(ReasonSentenceWriter.reasonCode(code) == ReasonCode(rawValue: code), "code \(code)")
        }
    }
}

/// The one-pass classification of a code (anomaly check, known code, neither) is what the string
/// tests say, including for codes that are not ASCII.
@Suite struct ReasonCodeKindTests {
    @Test func theByteClassificationIsThePrefixTestThenTheEnumLookup() {
        let codes = ReasonCode.allCases.map(\.rawValue) + ReasonCode.allCases.map { "anomaly:" + $0.rawValue } + [
            "", "a", "late", "late_share ", "Late_share", "late_sharé", "late_shar\u{0065}\u{0301}", "anomaly:x",
            "anomaly:", "anomaly", "anomaly;x", "Anomaly:x", "anomaly:\u{0301}x", "anomaly:é", "anomaly:\u{0000}",
            "days_overdue\u{0000}", "tenur", "tenures", "channel", "chann\u{212A}el", "population_late_share_",
            "a_code_much_longer_than_any_code_this_version_knows", "ténure", "日本",
            "population_laté_share", "populatioN_late_share", "population_late_sharE", "recent_late_sharf",
            "reminders_bounced", "reminders_bouncee", "days_overduE", "Days_overdue", "x_days_overdue",
            "tenurE", "amounT", "chann", "123456789012345678901234", "anomaly:12345678901234567",
            "anomaly:\u{00E9}", "\u{00E9}nomaly:x", "é", "\u{0000}", "hardship\u{0000}", "hardshiP",
        ]
        for code in codes {
            let expected: ReasonSentenceWriter.CodeKind = code.hasPrefix(ReasonCode.anomalyPrefix)
                ? .anomaly : ReasonCode(rawValue: code).map { .known($0) } ?? .unknown
            #expect(ReasonSentenceWriter.kind(of: code) == expected, "code \(code.debugDescription)")
        }
    }

    @Test func aListOfReasonsIsEachSentenceWithTheSeparatorBetween() {
        let reasons = [
            Reason(code: "late_share", value: 3, detail: "12", contribution: 0.4, shareableWithCustomer: true),
            Reason(code: "overdue_open", value: 2, detail: "1234.50 EUR", contribution: 0.2, shareableWithCustomer: true),
            Reason(code: "anomaly:round_amount", value: 1, detail: "", contribution: 0, shareableWithCustomer: false),
            Reason(code: "a_later_code", value: 1, detail: "x, \"y\"", contribution: -0.1, shareableWithCustomer: false),
        ]
        for language in ReasonLanguage.allCases {
            for count in 0...reasons.count {
                let list = Array(reasons.prefix(count))
                var bytes = Array("before".utf8)
                ReasonText.append(list, separator: " | ", language: language, to: &bytes)
                let expected = "before" + list.map { ReasonText.render($0, language: language) }.joined(separator: " | ")
                #expect(String(decoding: bytes, as: UTF8.self) == expected, "\(language) \(count)")
            }
        }
    }
}
