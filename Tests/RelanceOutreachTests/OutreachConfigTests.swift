import Foundation
import Testing
@testable import RelanceOutreach

@Suite struct OutreachConfigTests {
    func starterText() throws -> String {
        let url = try #require(StarterFiles.resourcesDirectory).appendingPathComponent("relance.toml")
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test func starterConfigurationParsesWithTheDocumentedKeys() throws {
        let text = try starterText()
        let config = try OutreachConfig.parse(text, file: "relance.toml")
        #expect(config.company.name == "Your Company")
        #expect(config.contact.email == "accounts@example.com")
        #expect(config.policy.minDaysBetweenContacts == 5)
        #expect(config.policy.preDueDays == 3)
        #expect(config.policy.maxRemindersPerInvoice == 3)
        for key in ["[company]", "[contact]", "[policy]", "min_days_between_contacts", "pre_due_days", "max_reminders_per_invoice"] {
            #expect(text.contains(key))
        }
    }

    @Test func policyValuesAndHolidaysAreRead() throws {
        let text = """
        [company]
        name = "Atelier"
        sender_email = "a@b.example"
        [contact]
        name = "C"
        phone = "1"
        email = "c@b.example"
        [policy]
        min_days_between_contacts = 9
        pre_due_p_late_threshold = 0.7
        holidays = [2026-12-25, "2027-01-01"]
        """
        let c = try OutreachConfig.parse(text, file: "r.toml")
        #expect(c.policy.minDaysBetweenContacts == 9)
        #expect(c.policy.preDuePLateThreshold == 0.7)
        #expect(c.policy.holidays == [Day(year: 2026, month: 12, day: 25)!, Day(year: 2027, month: 1, day: 1)!])
        #expect(!c.policy.isContactDay(Day(year: 2026, month: 12, day: 25)!))
    }

    @Test func unknownKeyIsReportedWithItsLine() throws {
        var text = try starterText()
        text = text.replacingOccurrences(of: "pre_due_days = 3", with: "pre_due_dayz = 3")
        let expectedLine = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("pre_due_dayz") }! + 1
        let error = #expect(throws: OutreachConfigError.self) { try OutreachConfig.parse(text, file: "relance.toml") }
        #expect(error?.line == expectedLine)
        #expect(error?.description.hasPrefix("relance.toml:\(expectedLine): ") == true)
        #expect(error?.problem.contains("unknown key pre_due_dayz") == true)
    }

    @Test func wrongTypeIsReportedWithItsLine() throws {
        var text = try starterText()
        text = text.replacingOccurrences(of: "max_reminders_per_invoice = 3", with: "max_reminders_per_invoice = \"three\"")
        let expectedLine = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("max_reminders_per_invoice") }! + 1
        let error = #expect(throws: OutreachConfigError.self) { try OutreachConfig.parse(text, file: "relance.toml") }
        #expect(error?.line == expectedLine)
        #expect(error?.problem.contains("expected an integer") == true)
    }

    @Test func invalidTOMLIsReportedWithItsLine() {
        let text = "[company]\nname = \"A\"\nsender_email = \n"
        let error = #expect(throws: OutreachConfigError.self) { try OutreachConfig.parse(text, file: "bad.toml") }
        #expect(error?.line == 3)
        #expect(error?.problem.hasPrefix("invalid TOML") == true)
    }

    @Test func missingRequiredKeyAndUnknownTableAreRefused() {
        let missing = "[company]\nname = \"A\"\nsender_email = \"a@b.example\"\n[contact]\nname = \"C\"\nphone = \"1\"\n"
        let e1 = #expect(throws: OutreachConfigError.self) { try OutreachConfig.parse(missing, file: "r.toml") }
        #expect(e1?.problem == "missing required key email in [contact]")
        let unknown = "[compagny]\nname = \"A\"\n"
        let e2 = #expect(throws: OutreachConfigError.self) { try OutreachConfig.parse(unknown, file: "r.toml") }
        #expect(e2?.line == 1)
    }

    @Test func initWritesStarterFilesAndRefusesToOverwrite() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("relance-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let written = try StarterFiles.install(into: dir)
        #expect(written.contains("relance.toml"))
        #expect(written.contains("templates/fr/overdue_reminder_firm.mustache"))
        #expect(written.contains("templates/en/layout.html.mustache"))
        // The written files are a working setup.
        let config = try OutreachConfig.load(from: dir.appendingPathComponent("relance.toml"))
        let templates = try MessageTemplates.load(directory: dir.appendingPathComponent(config.templatesDirectory))
        try templates.requireLanguages(["fr", "en"])
        // A second init changes nothing.
        try "edited".write(to: dir.appendingPathComponent("relance.toml"), atomically: true, encoding: .utf8)
        #expect(throws: OutreachConfigError.self) { try StarterFiles.install(into: dir) }
        #expect(try String(contentsOf: dir.appendingPathComponent("relance.toml"), encoding: .utf8) == "edited")
    }
}

@Suite struct LocalizedSignatureAndHoursTests {
    let head = """
        [company]
        name = "Atelier"
        sender_email = "a@b.example"

        """

    @Test func aTableByLanguageGivesEachMessageLanguageItsOwnWords() throws {
        let text = head + """
            signature = { fr = "Le service comptabilité", en = "The accounts team" }
            [contact]
            name = "C"
            phone = "1"
            email = "c@b.example"
            hours = { fr = "du lundi au vendredi", default = "weekdays" }
            """
        let c = try OutreachConfig.parse(text, file: "r.toml")
        #expect(c.company.localizedSignature.text(for: "fr") == "Le service comptabilité")
        #expect(c.company.localizedSignature.text(for: "fr-BE") == "Le service comptabilité")
        #expect(c.company.localizedSignature.text(for: "EN") == "The accounts team")
        #expect(c.company.localizedSignature.text(for: "de") == "")
        #expect(c.contact.localizedHours.text(for: "fr_CA") == "du lundi au vendredi")
        #expect(c.contact.localizedHours.text(for: "en") == "weekdays")
    }

    @Test func aPlainStringServesEveryLanguage() throws {
        let text = head + "signature = \"Atelier\"\n[contact]\nname = \"C\"\nphone = \"1\"\nemail = \"c@b.example\"\nhours = \"9-17\"\n"
        let c = try OutreachConfig.parse(text, file: "r.toml")
        #expect(c.company.signature == "Atelier")
        #expect(c.company.localizedSignature.text(for: "fr") == "Atelier")
        #expect(c.contact.localizedHours.text(for: "en") == "9-17")
    }

    @Test func aBadLanguageKeyOrValueIsRefusedWithItsLine() throws {
        for bad in ["signature = { \"9x\" = \"a\" }", "signature = { fr = 3 }", "signature = 3"] {
            let text = head + bad + "\n[contact]\nname = \"C\"\nphone = \"1\"\nemail = \"c@b.example\"\n"
            let error = #expect(throws: OutreachConfigError.self) { try OutreachConfig.parse(text, file: "r.toml") }
            #expect(error?.line == 4, "\(bad)")
            #expect(error?.problem.hasPrefix("[company] signature:") == true, "\(bad)")
        }
    }

    @Test func theStarterFileSignsFrenchMessagesInFrench() throws {
        let url = try #require(StarterFiles.resourcesDirectory).appendingPathComponent("relance.toml")
        let c = try OutreachConfig.parse(try String(contentsOf: url, encoding: .utf8), file: "relance.toml")
        #expect(c.company.localizedSignature.text(for: "fr") == "Le service comptabilité")
        #expect(c.contact.localizedHours.text(for: "fr").hasPrefix("du lundi au vendredi"))
        #expect(c.contact.localizedHours.text(for: "en").hasPrefix("Monday to Friday"))
    }
}
