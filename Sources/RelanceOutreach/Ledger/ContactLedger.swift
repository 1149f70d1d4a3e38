import Foundation
import GRDB
import RelanceData

/// The contact ledger: an embedded SQLite database (GRDB) remembering every planned contact and
/// every recorded outcome, so that caps and intervals hold across days and reruns are idempotent.
///
/// Tables: `runs(run_id, as_of, contact_count)`, `contacts(as_of, customer_id, action, tone,
/// channel, language, template, invoice_ids, reason, message_id, run_id)` with one row per
/// customer and day (primary key), and `outcomes(day, customer_id, invoice_id, kind, note)` with
/// duplicates ignored. Dates are ISO text so the file reads well with the `sqlite3` shell.
///
/// Writes are single transactions: ``record(runId:day:entries:)`` replaces the contacts of its day
/// all at once, or — on any error, or if the process dies — leaves the ledger exactly as before.
public final class ContactLedger {
    let db: DatabaseQueue

    /// Opens (creating and migrating if needed) the ledger file.
    public init(path: String) throws {
        db = try DatabaseQueue(path: path)
        try Self.migrator.migrate(db)
    }

    /// An in-memory ledger (tests, `--dry-run` simulations).
    public init() throws {
        db = try DatabaseQueue()
        try Self.migrator.migrate(db)
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                    run_id TEXT PRIMARY KEY NOT NULL,
                    as_of TEXT NOT NULL,
                    contact_count INTEGER NOT NULL);
                CREATE TABLE contacts (
                    as_of TEXT NOT NULL,
                    customer_id TEXT NOT NULL,
                    action TEXT NOT NULL,
                    tone TEXT NOT NULL,
                    channel TEXT NOT NULL,
                    language TEXT NOT NULL,
                    template TEXT NOT NULL,
                    invoice_ids TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    message_id TEXT NOT NULL,
                    run_id TEXT NOT NULL REFERENCES runs(run_id),
                    PRIMARY KEY (as_of, customer_id));
                CREATE TABLE outcomes (
                    day TEXT NOT NULL,
                    customer_id TEXT NOT NULL,
                    invoice_id TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    note TEXT NOT NULL,
                    UNIQUE (day, customer_id, invoice_id, kind, note));
                """)
        }
        return m
    }

    /// Contacts planned on days strictly before `day` (what the policy may know that day).
    public func contacts(before day: Day) throws -> [LedgerEntry] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM contacts WHERE as_of < ? ORDER BY as_of, customer_id", arguments: [day.iso])
                .compactMap(Self.entry)
        }
    }

    /// Contacts planned on `day` (what a previous run of the same day recorded).
    public func contacts(on day: Day) throws -> [LedgerEntry] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM contacts WHERE as_of = ? ORDER BY customer_id", arguments: [day.iso])
                .compactMap(Self.entry)
        }
    }

    /// Every contact, oldest first.
    public func allContacts() throws -> [LedgerEntry] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM contacts ORDER BY as_of, customer_id").compactMap(Self.entry)
        }
    }

    /// Run ids recorded, oldest day first.
    public func runIds() throws -> [String] {
        try db.read { db in try String.fetchAll(db, sql: "SELECT run_id FROM runs ORDER BY as_of, run_id") }
    }

    /// Outcomes dated on or before `day`.
    public func outcomes(through day: Day) throws -> [LedgerOutcome] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM outcomes WHERE day <= ? ORDER BY day, customer_id, kind", arguments: [day.iso])
                .compactMap { row in
                    guard let d = Day(iso: row["day"]), let kind = EventKind(label: row["kind"]) else { return nil }
                    return LedgerOutcome(day: d, customerId: row["customer_id"], invoiceId: row["invoice_id"], kind: kind, note: row["note"])
                }
        }
    }

    /// Records a run's contacts for `day` in one transaction, replacing what an earlier run of the
    /// same day recorded. Recording the same entries again leaves the ledger unchanged.
    public func record(runId: String, day: Day, entries: [LedgerEntry]) throws {
        try db.inTransaction { db in
            try db.execute(sql: "DELETE FROM contacts WHERE as_of = ?", arguments: [day.iso])
            try db.execute(sql: "DELETE FROM runs WHERE as_of = ?", arguments: [day.iso])
            try db.execute(sql: "INSERT INTO runs (run_id, as_of, contact_count) VALUES (?, ?, ?)",
                           arguments: [runId, day.iso, entries.count])
            for e in entries {
                try db.execute(sql: """
                    INSERT INTO contacts (as_of, customer_id, action, tone, channel, language, template, invoice_ids, reason, message_id, run_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [e.day.iso, e.customerId, e.action.rawValue, e.tone?.rawValue ?? "", e.channel.rawValue, e.language,
                                     e.template, Self.encodeIds(e.invoiceIds), e.reason.rawValue, e.messageId, runId])
            }
            return .commit
        }
    }

    /// Adds outcomes in one transaction; an outcome already recorded is ignored. Returns how many were new.
    @discardableResult
    public func importOutcomes(_ outcomes: [LedgerOutcome]) throws -> Int {
        try db.write { db in
            var added = 0
            for o in outcomes {
                try db.execute(sql: "INSERT OR IGNORE INTO outcomes (day, customer_id, invoice_id, kind, note) VALUES (?, ?, ?, ?, ?)",
                               arguments: [o.day.iso, o.customerId, o.invoiceId, o.kind.label, o.note])
                added += db.changesCount
            }
            return added
        }
    }

    /// Invoice ids are stored as a JSON array so that any character in an id survives.
    static func encodeIds(_ ids: [String]) -> String {
        (try? JSONEncoder().encode(ids)).flatMap { String(data: $0, encoding: .utf8) } ?? "[]"
    }

    static func decodeIds(_ text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    static func entry(_ row: Row) -> LedgerEntry? {
        guard let day = Day(iso: row["as_of"]), let action = OutreachAction(rawValue: row["action"]),
              let reason = DecisionReason(rawValue: row["reason"]) else { return nil }
        let toneText: String = row["tone"]
        let ids: String = row["invoice_ids"]
        return LedgerEntry(day: day, customerId: row["customer_id"], action: action, tone: Tone(rawValue: toneText),
                           channel: OutreachChannel(rawValue: row["channel"]) ?? .none, language: row["language"],
                           template: row["template"], invoiceIds: decodeIds(ids),
                           reason: reason, messageId: row["message_id"], runId: row["run_id"])
    }
}
