import ArgumentParser
import Foundation
import RelanceData
import RelanceModels
import RelanceReport

/// `relance daily`: the morning job in one command, as cron runs it — score, plan, export, report.
struct DailyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daily",
        abstract: "Run the daily job: score → plan → exports → report, paths from relance.toml [daily].",
        discussion: """
            Reads [daily] (data files, model bundle, ledger, output folder, language) and the \
            outreach settings from --config, then writes into <out_dir>/<as-of>/: risk.csv, \
            risk.xlsx, risk.json (structured reasons), plan.csv, calls.csv, outbox/*.eml and \
            report.html. Nothing is written unless the configuration, templates, bundle and data \
            are valid. Files are written first, the contact ledger last (one transaction): send \
            the outbox only after a 0 exit. Running twice the same day rewrites identical files \
            and records nothing twice (the ledger keys the day's run). --dry-run writes the same \
            files with the messages in preview/ instead of outbox/ and records nothing: a way to \
            look at tomorrow's plan, or at a new configuration, without touching the ledger.

            Exit status: 0 done; 64 bad usage; 65 invalid data or an unusable bundle; 66 an input, \
            the bundle or the configuration cannot be opened; 73 an output cannot be written; \
            78 invalid configuration, template or mapping.
            """)

    @Option(help: ArgumentHelp("Configuration file with [company], [contact], … and [daily].", valueName: "file"))
    var config: String = "relance.toml"

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The day to run for (YYYY-MM-DD); default: today (local time).", valueName: "date"))
    var asOf: String?

    @Option(help: ArgumentHelp("Output folder (overrides [daily] out_dir); the day's files go to <dir>/<as-of>/.", valueName: "dir"))
    var out: String?

    @Flag(help: "Write everything but put messages in preview/ and record nothing in the ledger.")
    var dryRun = false

    func validate() throws {
        if let asOf, Day(iso: asOf) == nil { throw ValidationError("--as-of: \"\(asOf)\" is not a YYYY-MM-DD date") }
    }

    func run() throws {
        try CommandFailure.reporting { try daily() }
    }

    static func today() -> Day? {
        let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return Day(year: c.year ?? 0, month: c.month ?? 0, day: c.day ?? 0)
    }

    private func daily() throws {
        guard let day = asOf.flatMap(Day.init(iso:)) ?? Self.today() else {
            throw ValidationError("cannot tell today's date; give --as-of")
        }
        let clock = StageClock()

        // 1. Configuration, templates, bundle: every problem stops here, before any data is read.
        let configURL = URL(fileURLWithPath: config)
        guard FileManager.default.fileExists(atPath: configURL.path) else {
            warnLine("\(config): configuration file not found (write one with `relance init`)")
            throw ExitCode(DataExitCode.missingInput)
        }
        let outreach: OutreachConfig, settings: DailyConfig, templates: MessageTemplates, branding: ReportBranding
        do {
            outreach = try OutreachConfig.load(from: configURL)
            settings = try DailyConfig.load(from: configURL)
            let templatesURL = outreach.templatesDirectory.hasPrefix("/")
                ? URL(fileURLWithPath: outreach.templatesDirectory)
                : configURL.deletingLastPathComponent().appendingPathComponent(outreach.templatesDirectory)
            templates = try MessageTemplates.load(directory: templatesURL)
            branding = try ReportBranding(company: outreach.company)
        } catch let e as OutreachConfigError {
            warnLine("\(e)")
            throw ExitCode(PlanExitCode.config)
        } catch let e as ReportInputError {
            warnLine("\(config): [company] \(e.description)")
            throw ExitCode(PlanExitCode.config)
        } catch let e as MessageRenderer.RenderError {
            warnLine("\(e)")
            throw ExitCode(PlanExitCode.config)
        }
        let language = ReportLanguage(rawValue: settings.language) ?? .en
        let render = ReasonText.renderer(language == .fr ? .fr : .en)
        let bundle = try ReportInputs.loadBundle(settings.model.path)
        clock.lap("config+bundle")

        // 2. Data and scoring.
        let loaded = try ReportInputs.loadData(invoices: settings.invoices, customers: settings.customers, events: settings.events,
                                               mapping: settings.mapping, currency: settings.currency)
        clock.lap("read")
        let result = try ReportInputs.score(loaded.dataset, bundle: bundle, asOf: day)
        for report in result.drift { for w in report.warnings { warnLine(w) } }
        clock.lap("score")

        // 3. Plan in memory (renders every message; a template problem throws before any write).
        let ledger: ContactLedger
        let plan: OutreachPlan
        do {
            if dryRun && !FileManager.default.fileExists(atPath: settings.ledger.path) {
                // Nothing to read and nothing to record: do not create the ledger file.
                ledger = try ContactLedger()
            } else {
                try FileManager.default.createDirectory(at: settings.ledger.deletingLastPathComponent(), withIntermediateDirectories: true)
                ledger = try ContactLedger(path: settings.ledger.path)
            }
            var planner = OutreachPlanner(config: outreach, templates: templates)
            planner.customersFileName = settings.customers.lastPathComponent
            plan = try planner.plan(dataset: loaded.dataset, risk: result.invoices, ledger: ledger, asOf: day)
        } catch let e as OutreachConfigError {
            warnLine("\(e)")
            throw ExitCode(PlanExitCode.config)
        } catch let e as MessageRenderer.RenderError {
            warnLine("\(e)")
            throw ExitCode(PlanExitCode.config)
        }
        for w in plan.warnings { warnLine("plan: \(w)") }
        clock.lap("plan")

        // 4. Files: risk lists, then plan/outbox/calls with the ledger last, then the report.
        let dir = URL(fileURLWithPath: out ?? settings.outDirectory.path, isDirectory: true).appendingPathComponent(day.iso)
        let list = RiskList(asOf: day, invoices: result.invoices)
        let riskCSV = dir.appendingPathComponent("risk.csv"), riskXLSX = dir.appendingPathComponent("risk.xlsx")
        let riskJSON = dir.appendingPathComponent("risk.json"), reportURL = dir.appendingPathComponent("report.html")
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try list.writeCSV(to: riskCSV, language: language == .fr ? .fr : .en, byteOrderMark: false)
            try list.writeXLSX(to: riskXLSX, renderReason: render)
            try AtomicFile.write(ScoreCommand.json(list, drift: result.drift, bases: result, renderReason: render), to: riskJSON)
        } catch {
            throw CommandFailure.cannotWrite("\(dir.path): cannot write the risk list: \(error)")
        }
        let summary: OutreachPlanOutput.Summary
        do {
            summary = try OutreachPlanOutput.write(plan, to: dir, ledger: ledger, dryRun: dryRun)
        } catch {
            throw CommandFailure.cannotWrite("\(dir.path): cannot write the plan or record it in the ledger: \(error)")
        }
        clock.lap("exports+plan")
        let assembly = ReportAssembly(bundle: bundle, risk: result.invoices, asOf: day, dataset: loaded.dataset,
                                      plan: plan.rows, ledger: try ledger.allContacts(), worklistLimit: settings.worklistRows)
        do {
            try AtomicFile.write(assembly.render(branding: branding, language: language), to: reportURL)
        } catch {
            throw CommandFailure.cannotWrite("\(reportURL.path): cannot write the report: \(error)")
        }
        clock.lap("report")

        let customers = Set(plan.rows.map(\.decision.customerId)).count
        print("daily \(day.iso): \(result.invoices.count) open invoices scored; plan for \(customers) customers: "
              + "\(plan.messages.count) messages, \(plan.calls.count) calls; "
              + (summary.recorded ? "recorded as \(plan.runId)" : "not recorded (dry run)"))
        print("  risk list  \(riskCSV.path)  (+ risk.xlsx, risk.json)")
        print("  plan       \(dir.appendingPathComponent("plan.csv").path)")
        print("  calls      \(dir.appendingPathComponent("calls.csv").path)")
        print("  \(dryRun ? "preview" : "outbox ")    \(dir.appendingPathComponent(dryRun ? "preview" : "outbox").path)/  (\(summary.messageFiles.count) messages)")
        print("  report     \(reportURL.path)")
        print("  ledger     \(settings.ledger.path)")
        warnLine("time: " + clock.summary)
    }
}
