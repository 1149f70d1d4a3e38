import Foundation
import Testing
@testable import RelanceOutreach

@Suite struct OutreachPlannerTests {
    @Test func oneRowPerCustomerWithHoldsAndCallsExplained() throws {
        let (ds, risk) = Book.dataset()
        let plan = try Book.planner().plan(dataset: ds, risk: risk, ledger: try ContactLedger(), asOf: Book.asOf)
        let byCustomer = Dictionary(grouping: plan.rows, by: { $0.decision.customerId })
        #expect(byCustomer.keys.sorted() == ["C1", "C2", "C3", "C4", "C5", "C6"])
        #expect(byCustomer.values.allSatisfy { $0.count == 1 })
        func action(_ id: String) -> OutreachAction? { byCustomer[id]?.first?.decision.action }
        #expect(action("C1") == .overdueReminder)
        #expect(action("C2") == .overdueReminder)
        #expect(action("C3") == .call)
        #expect(action("C4") == .call)
        #expect(byCustomer["C4"]?.first?.decision.reason == .callNoUsableAddress)
        #expect(action("C5") == .hold)
        #expect(byCustomer["C5"]?.first?.decision.reason == .holdDispute)
        #expect(action("C6") == .thankYou)
        #expect(Set(plan.calls.map(\.customerId)) == ["C3", "C4"])
        #expect(plan.warnings == ["customers.csv:5: email: customer C4 has no usable address; routed to calls.csv"])
        #expect(Set(plan.messages.map(\.customerId)) == ["C1", "C2", "C6"])
    }

    @Test func languageFollowsTheCustomerWithFallback() throws {
        let (ds, risk) = Book.dataset()
        let plan = try Book.planner().plan(dataset: ds, risk: risk, ledger: try ContactLedger(), asOf: Book.asOf)
        let lang = Dictionary(uniqueKeysWithValues: plan.messages.map { ($0.customerId, $0) })
        #expect(lang["C1"]?.language == "fr")  // fr-BE → fr
        #expect(lang["C1"]?.text.contains("Bonjour Marie Leroy") == true)
        #expect(lang["C1"]?.text.contains("1\u{00A0}234,50\u{00A0}EUR") == true)
        #expect(lang["C2"]?.language == "en")  // de → configured default (en)
        #expect(lang["C2"]?.text.contains("Dear Jürgen Müller") == true)
    }

    @Test func everyMessageNamesTheHumanContactAndNeverTheModel() throws {
        let (ds, risk) = Book.dataset()
        let config = Fixture.config()
        let plan = try Book.planner().plan(dataset: ds, risk: risk, ledger: try ContactLedger(), asOf: Book.asOf)
        #expect(!plan.messages.isEmpty)
        for m in plan.messages {
            for part in [m.text, m.html] {
                #expect(part.contains(config.contact.name))
                #expect(part.contains(config.contact.phone))
                #expect(part.contains(config.contact.email))
                #expect(!part.lowercased().contains("model"))
                #expect(!part.contains("risky"))
            }
            #expect(m.mime.replyToAddress == config.contact.email)
        }
        let c1 = try #require(plan.messages.first { $0.customerId == "C1" })
        #expect(c1.text.contains("https://pay.example.com/i/C1-OPEN"))
        #expect(c1.text.contains("FR76 3000 6000 0112 3456 7890 189"))
    }

    @Test func messagesAreValidMIMEForPythonsEmailParser() throws {
        let (ds, risk) = Book.dataset()
        let plan = try Book.planner().plan(dataset: ds, risk: risk, ledger: try ContactLedger(), asOf: Book.asOf)
        let dir = try Book.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try OutreachPlanOutput.write(plan, to: dir, ledger: nil, dryRun: false)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("outbox").path).sorted()
        #expect(files.count == plan.messages.count)
        guard let python = MIMECheck.python() else {
            Issue.record("python3 not found: MIME check skipped")
            return
        }
        let report = try MIMECheck.run(python: python, files: files.map { dir.appendingPathComponent("outbox").appendingPathComponent($0).path })
        #expect(report.count == files.count)
        for r in report {
            #expect(r["defects"] as? Int == 0, "\(r)")
            #expect(r["type"] as? String == "multipart/alternative")
            #expect(r["parts"] as? [String] == ["text/plain", "text/html"])
            #expect((r["subject"] as? String)?.isEmpty == false)
            #expect((r["message_id"] as? String)?.hasPrefix("<relance.") == true)
            #expect(r["mime_version"] as? String == "1.0")
            #expect((r["text"] as? String)?.contains("Claire Martin") == true)
            #expect((r["html"] as? String)?.contains("#224466") == true)
            #expect(r["date"] as? String == "Wed, 04 Mar 2026 08:00:00 +0000")
            #expect(r["to_ok"] as? Bool == true)
        }
        // Non-ASCII subject and names went through RFC 2047 and come back intact.
        let raw = try String(contentsOf: dir.appendingPathComponent("outbox").appendingPathComponent(files[0]), encoding: .utf8)
        #expect(raw.contains("\r\n"))
        let subjects = report.compactMap { $0["subject"] as? String }
        #expect(subjects.contains { $0.contains("règlement") || $0.contains("rappel") })
    }

    @Test func rerunForTheSameDayChangesNothing() throws {
        let (ds, risk) = Book.dataset()
        let dir = try Book.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ledger = try ContactLedger(path: dir.appendingPathComponent("ledger.sqlite").path)
        let out = dir.appendingPathComponent("out")
        let planner = try Book.planner()
        let first = try planner.plan(dataset: ds, risk: risk, ledger: ledger, asOf: Book.asOf)
        try OutreachPlanOutput.write(first, to: out, ledger: ledger, dryRun: false)
        let snapshot = try Self.files(out)
        let contacts = try ledger.allContacts()
        let runs = try ledger.runIds()
        #expect(contacts.count == 5)  // C1, C2, C6 messages; C3, C4 calls
        let second = try planner.plan(dataset: ds, risk: risk, ledger: ledger, asOf: Book.asOf)
        let summary = try OutreachPlanOutput.write(second, to: out, ledger: ledger, dryRun: false)
        #expect(summary.removedFiles.isEmpty)
        #expect(try Self.files(out) == snapshot)
        #expect(try ledger.allContacts() == contacts)
        #expect(try ledger.runIds() == runs)
        #expect(second.runId == first.runId)
    }

    @Test func nextDayRespectsTheLedgerAndRecordedOutcomes() throws {
        let (ds, risk) = Book.dataset()
        let ledger = try ContactLedger()
        let planner = try Book.planner()
        let day0 = try planner.plan(dataset: ds, risk: risk, ledger: ledger, asOf: Book.asOf)
        try ledger.record(runId: day0.runId, day: Book.asOf, entries: day0.ledgerEntries)
        // The next day nobody is contacted again (minimum interval), and C1's promise recorded
        // through `relance record` holds it.
        try ledger.importOutcomes([LedgerOutcome(day: Book.asOf + 1, customerId: "C1", invoiceId: "C1-OPEN", kind: .promiseToPay, note: "2026-03-20")])
        let day1 = try planner.plan(dataset: ds, risk: risk, ledger: ledger, asOf: Book.asOf + 1)
        #expect(day1.messages.isEmpty)
        #expect(day1.rows.first { $0.decision.customerId == "C1" }?.decision.reason == .holdPromise)
        #expect(day1.rows.first { $0.decision.customerId == "C2" }?.decision.reason == .holdContactedRecently)
        // A week later C2 (no answer) gets the next step of the ladder; C1 is still held by its promise.
        let day7 = try planner.plan(dataset: ds, risk: risk, ledger: ledger, asOf: Book.asOf + 7)
        let c2 = try #require(day7.rows.first { $0.decision.customerId == "C2" })
        #expect(c2.decision.action == .overdueReminder)
        #expect(c2.decision.tone == .clear)
        #expect(day7.rows.first { $0.decision.customerId == "C1" }?.decision.reason == .holdPromise)
    }

    @Test func simulatingDaysShowsTheCadenceWithoutRecording() throws {
        let (ds, risk) = Book.dataset()
        let ledger = try ContactLedger()
        let plan = try Book.planner().plan(dataset: ds, risk: risk, ledger: ledger, asOf: Book.asOf, days: 30)
        let c2 = plan.rows.filter { $0.decision.customerId == "C2" && $0.decision.action == .overdueReminder }
        #expect(c2.map { $0.decision.tone } == [.friendly, .clear, .firm])
        #expect(c2.allSatisfy { $0.decision.day.isoWeekday <= 5 })
        #expect(plan.rows.filter { $0.decision.customerId == "C2" }.count == 30)
        let dir = try Book.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try OutreachPlanOutput.write(plan, to: dir, ledger: ledger, dryRun: true)
        #expect(try ledger.allContacts().isEmpty)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("preview").path))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("outbox").path))
        let csv = try String(contentsOf: dir.appendingPathComponent("plan.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("customer_id,action,channel,language,tone,invoice_ids,reason,"))
        // Without --dry-run, only the as-of day is recorded and sent.
        try OutreachPlanOutput.write(plan, to: dir, ledger: ledger, dryRun: false)
        #expect(try ledger.allContacts().allSatisfy { $0.day == Book.asOf })
        #expect(try ledger.allContacts().count == plan.ledgerEntries.count)
        let outbox = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("outbox").path)
        #expect(outbox.count == plan.messages.count)
        #expect(outbox.allSatisfy { $0.hasPrefix(Book.asOf.iso) })
    }

    @Test func failedLedgerWriteRollsBackTheWholeRun() throws {
        let ledger = try ContactLedger()
        let day = Book.asOf
        let before = [LedgerEntry(day: day - 1, customerId: "C1", action: .overdueReminder, tone: .friendly, channel: .email, language: "fr",
                                  template: "overdue_reminder_friendly", invoiceIds: ["A"], reason: .overdueFirstReminder, messageId: "m1", runId: "r0")]
        try ledger.record(runId: "r0", day: day - 1, entries: before)
        let earlierSameDay = [LedgerEntry(day: day, customerId: "C9", action: .call, tone: nil, channel: .phone, language: "fr", template: "",
                                          invoiceIds: ["Z"], reason: .callAnomaly, messageId: "", runId: "r1")]
        try ledger.record(runId: "r1", day: day, entries: earlierSameDay)
        let snapshot = try ledger.allContacts()
        // The second entry violates the one-row-per-customer-and-day key half-way through the run.
        var bad = before[0]
        bad.day = day
        #expect(throws: (any Error).self) { try ledger.record(runId: "r2", day: day, entries: [bad, bad]) }
        #expect(try ledger.allContacts() == snapshot)
        #expect(try ledger.runIds() == ["r0", "r1"])
    }

    @Test func templateProblemStopsThePlanBeforeAnythingIsWritten() throws {
        let (ds, risk) = Book.dataset()
        var texts: [String: String] = [:]
        let folder = StarterFiles.resourcesDirectory!.appendingPathComponent("templates/en")
        for f in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            texts[String(f.dropLast(".mustache".count))] = try String(contentsOf: folder.appendingPathComponent(f), encoding: .utf8)
        }
        // English only: the French customers fall back to en, but the configured default is "fr".
        let templates = try MessageTemplates.make(["en": texts])
        var config = Fixture.config()
        config.defaultLanguage = "fr"
        let planner = OutreachPlanner(config: config, templates: templates)
        #expect(throws: OutreachConfigError.self) {
            _ = try planner.plan(dataset: ds, risk: risk, ledger: try ContactLedger(), asOf: Book.asOf)
        }
    }

    static func files(_ dir: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: dir.path)
        while let f = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            let url = dir.appendingPathComponent(f)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue { out[f] = try Data(contentsOf: url) }
        }
        return out
    }
}
