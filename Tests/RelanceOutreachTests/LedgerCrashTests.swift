import Foundation
import Testing
@testable import RelanceOutreach

/// Kills `relance record` with SIGKILL while its ledger transaction is open and checks that the
/// ledger reopens exactly as it was before the run.
@Suite struct LedgerCrashTests {
    /// The `relance` executable built beside the test bundle (`swift build --build-tests` builds it).
    static var relance: URL? {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("relance")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    @Test(.enabled(if: relance != nil, "the relance executable is not built beside the tests"))
    func recordKilledMidTransactionLeavesTheLedgerAsBefore() throws {
        let dir = try Book.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ledgerPath = dir.appendingPathComponent("ledger.sqlite").path
        do {
            let ledger = try ContactLedger(path: ledgerPath)
            try ledger.importOutcomes([LedgerOutcome(day: Fixture.wednesday, customerId: "C0", kind: .promiseToPay)])
        }
        var lines = ["date,customer_id,invoice_id,kind,note"]
        for k in 0..<300_000 { lines.append("2026-03-05,C\(k),I\(k),reminder_opened,") }
        let events = dir.appendingPathComponent("outcomes.csv")
        try (lines.joined(separator: "\n") + "\n").write(to: events, atomically: true, encoding: .utf8)

        let journal = ledgerPath + "-journal"
        let p = Process()
        p.executableURL = Self.relance!
        p.arguments = ["record", "--ledger", ledgerPath, "--events", events.path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Wait until the transaction has started writing (the rollback journal exists), then kill.
        var sawJournal = false
        let deadline = Date().addingTimeInterval(120)
        while p.isRunning && Date() < deadline {
            if FileManager.default.fileExists(atPath: journal) { sawJournal = true; break }
            usleep(500)
        }
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        #expect(sawJournal, "the run finished before it could be interrupted; make the input larger")
        guard sawJournal else { return }
        #expect(p.terminationReason == .uncaughtSignal)
        let reopened = try ContactLedger(path: ledgerPath)
        #expect(try reopened.outcomes(through: Fixture.wednesday + 10).count == 1)
    }
}
