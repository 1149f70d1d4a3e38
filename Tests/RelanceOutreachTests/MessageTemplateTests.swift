import Foundation
import Testing
@testable import RelanceOutreach

@Suite struct MessageTemplateTests {
    static func shipped() throws -> MessageTemplates {
        try MessageTemplates.load(directory: try #require(StarterFiles.resourcesDirectory).appendingPathComponent("templates"))
    }

    @Test func shippedTemplatesPassTheVariableCheckInBothLanguages() throws {
        let t = try Self.shipped()
        #expect(t.languages == ["fr", "en"])
        try t.requireLanguages(["fr", "en"])
    }

    @Test func unknownVariableIsReportedWithFileAndLine() {
        let texts = ["thank_you": "Subject: Hi\n\nDear {{customer.greeting_name}},\nYour {{customer.nickname}} …\n"]
        let error = #expect(throws: OutreachConfigError.self) { try MessageTemplates.make(["en": texts]) }
        #expect(error?.file.hasSuffix("templates/en/thank_you.mustache") == true)
        #expect(error?.line == 4)
        #expect(error?.column == 6)
        #expect(error?.problem == "unknown variable customer.nickname")
    }

    @Test func variablesInsideListSectionsResolveAgainstTheItem() {
        let check = TemplateVariableCheck()
        #expect(check.check("{{#invoices}}{{id}} {{amount}} {{company.name}}{{/invoices}}") == nil)
        #expect(check.check("{{id}}")?.message == "unknown variable id")
        #expect(check.check("{{#invoices}}{{id}}{{/plan}}")?.message.contains("does not match") == true)
        #expect(check.check("{{invoices}}")?.message.contains("is a list") == true)
        #expect(check.check("{{=<% %>=}}")?.message.contains("delimiters") == true)
        #expect(check.check("{{! a comment naming {{nothing}} }}") == nil)
    }

    @Test func errorInAPartialNamesThePartialFile() {
        let texts = ["thank_you": "Subject: Hi\n\n{{> contact}}\n", "contact": "Call {{contact.name}}\non {{contact.mobile}}\n"]
        let error = #expect(throws: OutreachConfigError.self) { try MessageTemplates.make(["en": texts]) }
        #expect(error?.file.hasSuffix("templates/en/contact.mustache") == true)
        #expect(error?.line == 2)
    }

    @Test func missingTemplateForALanguageInUseIsRefused() throws {
        let t = try MessageTemplates.make(["en": ["thank_you": "Subject: Thanks\n\nThank you\n"]])
        let error = #expect(throws: OutreachConfigError.self) { try t.requireLanguages(["en"]) }
        #expect(error?.problem.contains("missing template pre_due_reminder") == true)
        #expect(throws: OutreachConfigError.self) { try t.requireLanguages(["fr"]) }
    }

    @Test func syntaxErrorIsReportedWithItsLine() {
        let texts = ["thank_you": "Subject: Hi\n\n{{#invoices}}\n{{id}}\n"]
        let error = #expect(throws: OutreachConfigError.self) { try MessageTemplates.make(["en": texts]) }
        #expect(error != nil)
        #expect((error?.line ?? 0) >= 1)
        let stray = ["thank_you": "Subject: Hi\n\nText {{/invoices}} here\n"]
        let e2 = #expect(throws: OutreachConfigError.self) { try MessageTemplates.make(["fr": stray]) }
        #expect(e2?.line == 3)
        #expect(e2?.problem.hasPrefix("template does not parse") == true)
    }

    @Test func languageSelectionFallsBackToPrimaryThenDefault() {
        let available: Set<String> = ["fr", "en"]
        #expect(LanguageSelection.choose(tag: "fr-BE", available: available, defaultLanguage: "en") == "fr")
        #expect(LanguageSelection.choose(tag: "en_GB", available: available, defaultLanguage: "fr") == "en")
        #expect(LanguageSelection.choose(tag: "de", available: available, defaultLanguage: "en") == "en")
        #expect(LanguageSelection.choose(tag: "de-CH", available: available, defaultLanguage: "fr") == "fr")
        #expect(LanguageSelection.choose(tag: "", available: available, defaultLanguage: "fr") == "fr")
    }

    @Test func builtContextsHaveExactlyTheSchemaKeys() {
        let s = Fixture.situation(open: [Fixture.invoice("A", daysOverdue: 12)])
        var d = OutreachPolicy.decide(s, history: [], config: Fixture.config(), asOf: Fixture.wednesday)
        d.paymentPlan = PaymentPlanProposal.propose(for: s, asOf: Fixture.wednesday, policy: ContactPolicy())
        var context = MessageContext.make(decision: d, situation: s, config: Fixture.config(), language: "fr")
        context["paragraphs"] = MessageRenderer.paragraphs("a\nb\n\nc")
        func compare(_ value: Any, _ schema: TemplateSchema, path: String) {
            switch schema {
            case .value: #expect(value is String, "\(path) should be text")
            case .flag: #expect(value is Bool, "\(path) should be a flag")
            case .object(let fields):
                let dict = value as? [String: Any]
                #expect(dict != nil, "\(path) should be an object")
                #expect(Set(dict?.keys ?? [:].keys) == Set(fields.keys), "\(path) keys")
                for (k, f) in fields { if let v = dict?[k] { compare(v, f, path: path + "." + k) } }
            case .list(let fields):
                let items = value as? [[String: Any]]
                #expect(items != nil, "\(path) should be a list")
                for item in items ?? [] { compare(item, .object(fields), path: path + "[]") }
                #expect(items?.isEmpty == false, "\(path) should be exercised by this test")
            }
        }
        compare(context, .message, path: "")
    }
}
