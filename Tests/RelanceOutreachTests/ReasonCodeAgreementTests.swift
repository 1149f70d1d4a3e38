import RelanceOutreach
import RelanceScoring
import Testing

/// The customer-facing sentences of outreach must word the codes scoring actually emits, and
/// only those scoring marks as shareable.
@Suite("Outreach words scoring's reason codes")
struct ReasonCodeAgreementTests {
    @Test func everyWordedCodeIsAShareableScoringCode() {
        for code in ReasonCode.allCases {
            let reason = Reason(code: code.rawValue, value: 3, detail: "", contribution: 0.5, shareableWithCustomer: code.shareableWithCustomer)
            for language in ["en", "fr"] {
                let text = ShareableReasonText.text(for: reason, language: language)
                if !code.shareableWithCustomer { #expect(text == nil, "\(code.rawValue) is not shareable but is worded") }
            }
        }
        // The facts the templates mention: days past due and the customer's other open/overdue invoices.
        for code in [ReasonCode.daysOverdue, .overdueOpen, .openBalance] {
            let reason = Reason(code: code.rawValue, value: 3, contribution: 0, shareableWithCustomer: true)
            #expect(ShareableReasonText.text(for: reason, language: "en") != nil, "\(code.rawValue) has no English wording")
            #expect(ShareableReasonText.text(for: reason, language: "fr") != nil, "\(code.rawValue) has no French wording")
        }
    }

    @Test func otherInvoiceCountsAreWordedAsOtherInvoices() {
        // Scoring's overdue_open / open_balance values count the customer's OTHER invoices.
        let one = Reason(code: ReasonCode.overdueOpen.rawValue, value: 1, contribution: 0, shareableWithCustomer: true)
        #expect(ShareableReasonText.text(for: one, language: "en") == "Another invoice on your account is also past due.")
        let three = Reason(code: ReasonCode.openBalance.rawValue, value: 3, contribution: 0, shareableWithCustomer: true)
        #expect(ShareableReasonText.text(for: three, language: "fr") == "3 autres factures sont en cours sur votre compte.")
        let none = Reason(code: ReasonCode.overdueOpen.rawValue, value: 0, contribution: 0, shareableWithCustomer: true)
        #expect(ShareableReasonText.text(for: none, language: "en") == nil)
    }

    @Test func aRenderedSentenceReadBackFromCSVIsNeverShared() {
        let reason = Reason(code: "paid 4 of the last 5 invoices late", value: 0, contribution: 0, shareableWithCustomer: false)
        #expect(ShareableReasonText.text(for: reason, language: "en") == nil)
    }
}

@Suite("Shareable reasons in messages")
struct MessageReasonSentenceTests {
    func render(open: [OpenInvoice], language: String) throws -> RenderedMessage {
        let templates = try MessageTemplateTests.shipped()
        let renderer = MessageRenderer(templates: templates, config: Fixture.config())
        var s = Fixture.situation(open: open)
        s.language = language
        let d = Decision(customerId: "C1", day: Fixture.wednesday, action: .overdueReminder, tone: .clear, channel: .email,
                         invoiceIds: open.map(\.invoiceId), reason: .overdueFollowUp, segment: .occasionalLate)
        return try #require(try renderer.render(d, situation: s))
    }

    static func overdue(_ id: String, days: Int, others: Int) -> OpenInvoice {
        var inv = Fixture.invoice(id, daysOverdue: days)
        inv.shareableReasons = [
            Reason(code: ReasonCode.daysOverdue.rawValue, value: Double(days), contribution: 0, shareableWithCustomer: true),
            Reason(code: ReasonCode.overdueOpen.rawValue, value: Double(others), contribution: 0.3, shareableWithCustomer: true),
        ]
        return inv
    }

    @Test func factsAreWordedOnlyInAMessageAboutOneInvoice() throws {
        // Two invoices listed: each one's "other invoices" count and days overdue would repeat the list.
        let two = try render(open: [Self.overdue("A-1", days: 39, others: 1), Self.overdue("A-2", days: 8, others: 1)], language: "en")
        #expect(!two.text.contains("The due date passed"))
        #expect(!two.text.contains("also past due"))
        let one = try render(open: [Self.overdue("A-1", days: 12, others: 2)], language: "fr")
        #expect(one.text.contains("L'échéance est dépassée de 12 jours."))
        #expect(one.text.components(separatedBy: "2 autres factures de votre compte sont également échues.").count == 2)
    }
}
