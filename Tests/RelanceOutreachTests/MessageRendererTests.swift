import Foundation
import Testing
@testable import RelanceOutreach

@Suite struct MessageRendererTests {
    /// Every message kind, in both shipped languages, for a customer in difficulty with a broken
    /// promise and a recent support contact (so the optional sections render too).
    func renderAll() throws -> [RenderedMessage] {
        let templates = try MessageTemplateTests.shipped()
        let config = Fixture.config()
        let renderer = MessageRenderer(templates: templates, config: config)
        let day = Fixture.wednesday
        var out: [RenderedMessage] = []
        for lang in ["fr", "en"] {
            var s = Fixture.situation(open: [Fixture.invoice("A-1", amount: 1500, daysOverdue: 20), Fixture.invoice("A-2", amount: 700, daysOverdue: 5)])
            s.language = lang
            s.promiseMadeDay = day - 15
            s.promisedPaymentDay = day - 8
            s.lastSupportContactDay = day - 3
            s.recentPayments = [RecentPayment(invoiceId: "P-9", amount: 90, currency: "EUR", dueDate: day, paidDate: day - 1, onTime: true)]
            let cases: [(OutreachAction, Tone?, [String])] = [
                (.thankYou, nil, ["P-9"]), (.preDueReminder, .friendly, ["A-1", "A-2"]), (.overdueReminder, .friendly, ["A-1", "A-2"]),
                (.overdueReminder, .clear, ["A-1", "A-2"]), (.overdueReminder, .firm, ["A-1", "A-2"]), (.paymentPlanOffer, nil, ["A-1", "A-2"]),
            ]
            for (action, tone, ids) in cases {
                let plan = action == .paymentPlanOffer ? PaymentPlanProposal.propose(for: s, asOf: day, policy: config.policy) : nil
                let d = Decision(customerId: "C1", day: day, action: action, tone: tone, channel: .email, invoiceIds: ids,
                                 reason: .overdueFirstReminder, segment: .inDifficulty, paymentPlan: plan)
                out.append(try #require(try renderer.render(d, situation: s)))
            }
        }
        return out
    }

    @Test func signatureAndHoursFollowTheMessageLanguage() throws {
        var config = Fixture.config()
        config.company.localizedSignature = LocalizedText("Team", byLanguage: ["fr": "L'équipe compta", "en": "The accounts team"])
        config.contact.localizedHours = LocalizedText("", byLanguage: ["fr": "du lundi au vendredi", "en": "Monday to Friday"])
        let renderer = MessageRenderer(templates: try MessageTemplateTests.shipped(), config: config)
        for (lang, signature, hours) in [("fr", "L'équipe compta", "du lundi au vendredi"), ("en", "The accounts team", "Monday to Friday")] {
            var s = Fixture.situation(open: [Fixture.invoice("A-1", amount: 1500, daysOverdue: 20)])
            s.language = lang
            let d = Decision(customerId: "C1", day: Fixture.wednesday, action: .overdueReminder, tone: .friendly, channel: .email,
                             invoiceIds: ["A-1"], reason: .overdueFirstReminder, segment: .inDifficulty, paymentPlan: nil)
            let m = try #require(try renderer.render(d, situation: s))
            #expect(m.text.contains(signature), "\(lang)")
            #expect(m.text.contains(hours), "\(lang)")
        }
    }

    @Test func everyKindRendersInBothLanguagesWithTheHumanContact() throws {
        let messages = try renderAll()
        #expect(messages.count == 12)
        #expect(Set(messages.map(\.template)).count == 6)
        for m in messages {
            #expect(m.text.contains("Claire Martin"), "\(m.language)/\(m.template)")
            #expect(m.text.contains("+33 1 23 45 67 89"))
            #expect(m.html.contains("claire@atelier-dupont.example"))
            #expect(!m.text.contains("{{"), "no unrendered tag")
            #expect(!m.subject.isEmpty)
            if m.template != "thank_you" {
                #expect(m.text.contains("A-2"))
                #expect(!m.text.contains("\n\n- Facture A-2") && !m.text.contains("\n\n- Invoice A-2"), "invoice lines are consecutive")
            }
        }
        let firmFR = try #require(messages.first { $0.language == "fr" && $0.template == "overdue_reminder_firm" })
        #expect(firmFR.text.contains("Vous nous aviez annoncé un règlement pour le 24 février 2026"))
        #expect(firmFR.text.contains("A-1") && firmFR.text.contains("A-2"), "one message lists every invoice")
        for word in ["huissier", "tribunal", "poursuites", "injonction", "contentieux", "bailiff", "court", "legal action", "lawyer"] {
            #expect(!messages.contains { $0.text.lowercased().contains(word) }, "no legal wording: \(word)")
        }
        let planEN = try #require(messages.first { $0.language == "en" && $0.template == "payment_plan_offer" })
        #expect(planEN.text.contains("monthly instalments"))
        #expect(planEN.text.contains("18 March 2026"))  // first instalment: day + 14
        #expect(planEN.text.contains("Following our conversation of 1 March 2026"))
        let thanks = try #require(messages.first { $0.language == "fr" && $0.template == "thank_you" })
        #expect(thanks.text.contains("P-9"))
        #expect(!thanks.text.contains("A-1"))
    }

    @Test func allKindsParseAsValidMIME() throws {
        let messages = try renderAll()
        guard let python = MIMECheck.python() else {
            Issue.record("python3 not found: MIME check skipped")
            return
        }
        let dir = try Book.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var paths: [String] = []
        for (k, m) in messages.enumerated() {
            let url = dir.appendingPathComponent("\(k).eml")
            try m.mime.serialized().write(to: url)
            paths.append(url.path)
        }
        let report = try MIMECheck.run(python: python, files: paths)
        #expect(report.count == messages.count)
        for (r, m) in zip(report, messages) {
            #expect(r["defects"] as? Int == 0)
            #expect(r["subject"] as? String == m.subject)
            #expect((r["text"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n") == m.text)
            #expect((r["max_line"] as? Int ?? 999) <= 998)
        }
    }
}
