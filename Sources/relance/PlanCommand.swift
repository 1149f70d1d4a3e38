import ArgumentParser
import Foundation
import RelanceData
import RelanceOutreach

/// `relance plan`: decides, for each customer, the single most helpful contact of the day (or
/// none), renders the messages, lists the calls and records the plan in the contact ledger.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan the day's outreach: plan.csv, outbox/*.eml and calls.csv, recorded in the contact ledger.",
        discussion: """
            Nothing is written or recorded unless the configuration, every template and the input \
            files are valid. Files are written first (atomically), the ledger last (one transaction): \
            send the outbox only after this command exited successfully. A rerun for the same \
            --as-of day rewrites identical files and changes nothing in the ledger.
            """)

    @Option(help: "The day's risk list from `relance score`: JSON (--format json, keeps which reasons may be shared with the customer) or CSV (reasons are then never mentioned in messages).")
    var risk: String

    @Option(help: "Invoices file with the payment history (optional; without it the risk list is the only invoice source).")
    var invoices: String?

    @Option(help: "Customers file (names, addresses, language, opt-out).")
    var customers: String

    @Option(help: "Events file (reminders, promises, disputes…).")
    var events: String?

    @Option(help: "Configuration file.")
    var config: String = "relance.toml"

    @Option(help: "Contact ledger (SQLite), created if missing.")
    var ledger: String

    @Option(name: .customLong("as-of"), help: "Planning day, YYYY-MM-DD.")
    var asOf: String

    @Option(help: "Output folder for plan.csv, calls.csv and outbox/.")
    var out: String

    @Flag(help: "Write the plan (messages go to preview/) without recording it in the ledger.")
    var dryRun = false

    @Option(help: "Simulate this many days from --as-of (assuming no payments); only the first day is recorded.")
    var days: Int = 1

    func validate() throws {
        guard Day(iso: asOf) != nil else { throw ValidationError("--as-of must be a YYYY-MM-DD date") }
        guard (1...366).contains(days) else { throw ValidationError("--days must be between 1 and 366") }
    }

    func run() throws {
        guard let day = Day(iso: asOf) else { throw ValidationError("--as-of must be a YYYY-MM-DD date") }
        do {
            // 1. Configuration and templates: any problem stops here, before anything is read or written.
            let configURL = URL(fileURLWithPath: config)
            let cfg = try OutreachConfig.load(from: configURL)
            let templatesURL = cfg.templatesDirectory.hasPrefix("/")
                ? URL(fileURLWithPath: cfg.templatesDirectory)
                : configURL.deletingLastPathComponent().appendingPathComponent(cfg.templatesDirectory)
            let templates = try MessageTemplates.load(directory: templatesURL)

            // 2. Inputs.
            let scored = risk.lowercased().hasSuffix(".json")
                ? try RiskListJSONReader.read(URL(fileURLWithPath: risk)).invoices
                : try RiskListCSVReader.read(URL(fileURLWithPath: risk), defaultCurrency: "EUR")
            let dataset = try loadDataset(scored: scored)

            // 3. Plan in memory (renders every message; a template problem throws here).
            let contactLedger = try ContactLedger(path: ledger)
            var planner = OutreachPlanner(config: cfg, templates: templates)
            planner.customersFileName = customers
            let plan = try planner.plan(dataset: dataset, risk: scored, ledger: contactLedger, asOf: day, days: days)
            for w in plan.warnings { FileHandle.standardError.write(Data("relance plan: \(w)\n".utf8)) }

            // 4. Files, then the ledger.
            let outURL = URL(fileURLWithPath: out, isDirectory: true)
            let summary = try OutreachPlanOutput.write(plan, to: outURL, ledger: contactLedger, dryRun: dryRun)
            let customersCount = Set(plan.rows.map(\.decision.customerId)).count
            print("plan \(day.iso): \(customersCount) customers, \(plan.messages.count) messages, \(plan.calls.count) calls"
                  + (days > 1 ? ", \(days) days simulated" : "")
                  + (summary.recorded ? ", recorded as \(plan.runId)" : ", not recorded (dry run)"))
        } catch let e as OutreachConfigError {
            throw fail("\(e)", code: PlanExitCode.config)
        } catch let e as RiskListCSVReader.ReadError {
            throw fail("\(e)", code: DataExitCode.dataError)
        } catch let e as RiskListJSONReader.ReadError {
            throw fail("\(e)", code: DataExitCode.dataError)
        } catch let e as MessageRenderer.RenderError {
            throw fail("\(e)", code: PlanExitCode.config)
        }
    }

    /// The customers and events, with the invoice history when `--invoices` is given; otherwise the
    /// open invoices of the risk list stand in for the invoices file.
    func loadDataset(scored: [ScoredInvoice]) throws -> Dataset {
        var invoicesURL = invoices.map { URL(fileURLWithPath: $0) }
        var temporary: URL? = nil
        defer { if let t = temporary { try? FileManager.default.removeItem(at: t) } }
        if invoicesURL == nil {
            guard !scored.isEmpty else { return Dataset() }
            let tmp = FileManager.default.temporaryDirectory
                .appendingPathComponent("relance-plan-invoices-\(ProcessInfo.processInfo.processIdentifier).csv")
            var lines = ["invoice_id,customer_id,issue_date,due_date,amount,currency"]
            for s in scored {
                lines.append(CSVText.line([s.invoiceId, s.customerId, s.issueDate.iso, s.dueDate.iso, String(s.amount), s.currency]))
            }
            try AtomicFile.write(lines.joined(separator: "\n") + "\n", to: tmp)
            invoicesURL = tmp
            temporary = tmp
        }
        do {
            let report = try DatasetLoader.load(DatasetSources(
                invoices: invoicesURL!, customers: URL(fileURLWithPath: customers), events: events.map { URL(fileURLWithPath: $0) },
                mapping: nil, defaultCurrency: "EUR", rejects: nil))
            for w in report.warnings { FileHandle.standardError.write(Data("relance plan: \(w)\n".utf8)) }
            return report.dataset
        } catch let e as IngestError {
            FileHandle.standardError.write(Data((e.description + "\n").utf8))
            throw ExitCode(e.missingInput ? DataExitCode.missingInput : DataExitCode.dataError)
        }
    }

    func fail(_ message: String, code: Int32) -> ExitCode {
        FileHandle.standardError.write(Data("relance plan: \(message)\n".utf8))
        return ExitCode(code)
    }
}

/// Exit statuses of `relance plan` beyond ``DataExitCode``.
enum PlanExitCode {
    /// EX_CONFIG: relance.toml or a template is invalid (nothing was written).
    static let config: Int32 = 78
}
