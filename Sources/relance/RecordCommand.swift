import ArgumentParser
import Foundation
import RelanceOutreach

/// `relance record --ledger FILE --events F`: imports outcomes (opened, bounced, promise to pay,
/// dispute opened/resolved, payment plan agreed, hardship reported…) into the contact ledger so
/// that the next day's plan uses them. The whole file is checked first, then imported in one
/// transaction; outcomes already recorded are ignored, so importing the same file twice is harmless.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Import outreach outcomes (events.csv layout) into the contact ledger.")

    @Option(help: "The contact ledger (SQLite), created if missing.")
    var ledger: String

    @Option(help: "Outcomes file: date, customer_id, invoice_id, kind, note (events.csv layout).")
    var events: String

    func run() throws {
        do {
            let outcomes = try OutcomeFile.read(URL(fileURLWithPath: events))
            let ledger = try ContactLedger(path: ledger)
            let added = try ledger.importOutcomes(outcomes)
            print("record: \(added) new outcome(s) recorded, \(outcomes.count - added) already known")
        } catch let e as OutcomeFile.ReadError {
            FileHandle.standardError.write(Data("relance record: \(e)\n".utf8))
            throw ExitCode(1)
        }
    }
}
