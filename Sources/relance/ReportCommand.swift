import ArgumentParser
import Foundation
import RelanceData
import RelanceModels
import RelanceReport

/// `relance report`: one self-contained HTML file with the model page, the portfolio page and the
/// day's worklist, in French or English, branded from relance.toml.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the HTML report: model quality, portfolio figures and the day's worklist.",
        discussion: """
            The model page comes from the bundle (the held-out figures `relance train --format json` \
            prints). The portfolio and the worklist come from the risk list (--risk, JSON or CSV from \
            `relance score`), or, without --risk, from scoring --invoices with the bundle as of \
            --as-of. --invoices (with --customers/--events) adds segments, DSO and past reminders; \
            --plan adds the planned action from plan.csv, --ledger what was already sent. Company \
            name and brand colour come from [company] in --config when given.

            Exit status: 0 written; 64 bad usage; 65 invalid data, risk list or bundle; 66 an input \
            cannot be opened; 73 the report cannot be written; 78 invalid configuration or mapping.
            """)

    @Option(help: ArgumentHelp("Model bundle folder written by `relance train` (or its model.json).", valueName: "dir"))
    var model: String

    @Option(help: ArgumentHelp("The day's risk list from `relance score` (.json keeps structured reasons; .csv works too).", valueName: "file"))
    var risk: String?

    @Option(help: ArgumentHelp("Folder holding the day's plan.csv from `relance plan`.", valueName: "dir"))
    var plan: String?

    @Option(help: ArgumentHelp("Contact ledger of `relance plan` (lists what was already sent).", valueName: "file"))
    var ledger: String?

    @Option(help: ArgumentHelp("relance.toml: company name and brand colour ([company]).", valueName: "file"))
    var config: String?

    @OptionGroup var data: OptionalDataInput

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The report's day (YYYY-MM-DD).", valueName: "date"))
    var asOf: String

    @Option(help: ArgumentHelp("Output HTML file (written atomically).", valueName: "file"))
    var out: String

    @Option(help: "Language of the page: fr or en.")
    var language: ReportLanguage = .en

    @Option(name: .customLong("worklist-rows"), help: "Rows of the worklist shown (the risk list files hold all).")
    var worklistRows: Int = 200

    func validate() throws {
        guard Day(iso: asOf) != nil else { throw ValidationError("--as-of: \"\(asOf)\" is not a YYYY-MM-DD date") }
        guard worklistRows > 0 else { throw ValidationError("--worklist-rows must be at least 1") }
        if risk == nil && data.invoices == nil {
            throw ValidationError("give --risk (the day's risk list) or --invoices (to score with the bundle)")
        }
    }

    func run() throws {
        try CommandFailure.reporting { try report() }
    }

    private func report() throws {
        guard let day = Day(iso: asOf) else { throw ValidationError("--as-of: \"\(asOf)\" is not a YYYY-MM-DD date") }
        let branding = try ReportInputs.branding(configPath: config)
        let bundle = try ReportInputs.loadBundle(model)
        let dataset = try data.load()?.dataset

        var rows: [ScoredInvoice]
        if let risk {
            rows = try ReportInputs.readRisk(risk)
        } else if let dataset {
            rows = try ReportInputs.score(dataset, bundle: bundle, asOf: day).invoices
        } else {
            rows = []
        }
        var planRows: [PlanRow]? = nil
        if let plan {
            let url = URL(fileURLWithPath: plan).appendingPathComponent("plan.csv")
            do { planRows = try PlanCSVReader.read(url) } catch let e as PlanCSVReader.ReadError {
                if e.line == 0 { warnLine(e.description); throw ExitCode(DataExitCode.missingInput) }
                throw CommandFailure.data(e.description)
            }
        }
        var entries: [LedgerEntry] = []
        if let ledger {
            guard FileManager.default.fileExists(atPath: ledger) else {
                warnLine("\(ledger): contact ledger not found")
                throw ExitCode(DataExitCode.missingInput)
            }
            entries = try ContactLedger(path: ledger).allContacts()
        }
        let assembly = ReportAssembly(bundle: bundle, risk: rows, asOf: day, dataset: dataset, plan: planRows,
                                      ledger: entries, worklistLimit: worklistRows)
        if !assembly.excludedCurrencies.isEmpty {
            warnLine("note: portfolio figures are in \(PortfolioInput.mainCurrency(of: rows)); invoices in \(assembly.excludedCurrencies.joined(separator: ", ")) are in the worklist only")
        }
        do {
            try AtomicFile.write(assembly.render(branding: branding, language: language), to: URL(fileURLWithPath: out))
        } catch {
            throw CommandFailure.cannotWrite("\(out): cannot write the report: \(error)")
        }
        warnLine("report \(day.iso): \(rows.count) open invoices, \(min(rows.count, worklistRows)) in the worklist → \(out)")
    }
}

extension ReportLanguage: ExpressibleByArgument {}

/// Input files for commands where the data is optional (`relance report`).
struct OptionalDataInput: ParsableArguments {
    @Option(help: ArgumentHelp("invoices.csv (segments, DSO and events need it).", valueName: "file"))
    var invoices: String?
    @Option(help: ArgumentHelp("customers.csv (segments, names).", valueName: "file"))
    var customers: String?
    @Option(help: ArgumentHelp("events.csv (past reminders, promises, disputes).", valueName: "file"))
    var events: String?
    @Option(help: ArgumentHelp("Column mapping (TOML); see datasets/mappings/README.md.", valueName: "file"))
    var mapping: String?
    @Option(help: ArgumentHelp("ISO 4217 currency of invoices without one.", valueName: "code"))
    var currency: String = "EUR"

    func load() throws -> LoadReport? {
        guard let invoices else { return nil }
        return try ReportInputs.loadData(invoices: URL(fileURLWithPath: invoices), customers: customers.map { URL(fileURLWithPath: $0) },
                                         events: events.map { URL(fileURLWithPath: $0) }, mapping: mapping.map { URL(fileURLWithPath: $0) },
                                         currency: currency)
    }
}

/// Loading steps shared by `relance report` and `relance daily`, each turning a failure into the
/// documented exit status with a one-line message on standard error.
enum ReportInputs {
    static func loadBundle(_ path: String) throws -> ModelBundle {
        do {
            return try ModelBundle.load(from: URL(fileURLWithPath: path))
        } catch let e as BundleError {
            if case .unreadable = e {
                warnLine(e.description)
                throw ExitCode(DataExitCode.missingInput)
            }
            throw CommandFailure.data(e.description)
        }
    }

    static func branding(configPath: String?) throws -> ReportBranding {
        guard let configPath else { return try ReportBranding(companyName: "Relance", brandColour: "#1F4E79") }
        do {
            return try ReportBranding(company: OutreachConfig.load(from: URL(fileURLWithPath: configPath)).company)
        } catch let e as OutreachConfigError {
            warnLine("\(e)")
            throw ExitCode(e.line == 0 ? DataExitCode.missingInput : PlanExitCode.config)
        } catch let e as ReportInputError {
            warnLine("\(configPath): [company] \(e.description)")
            throw ExitCode(PlanExitCode.config)
        }
    }

    static func loadData(invoices: URL, customers: URL?, events: URL?, mapping: URL?, currency: String) throws -> LoadReport {
        var columnMapping: ColumnMapping? = nil
        if let mapping {
            guard FileManager.default.fileExists(atPath: mapping.path) else {
                warnLine("\(mapping.lastPathComponent): mapping file not found")
                throw ExitCode(DataExitCode.missingInput)
            }
            do { columnMapping = try ColumnMapping.load(from: mapping) } catch {
                warnLine("\(error)")
                throw ExitCode(DataExitCode.badMapping)
            }
        }
        do {
            let report = try DatasetLoader.load(DatasetSources(
                invoices: invoices, customers: customers, events: events, mapping: columnMapping,
                defaultCurrency: currency.uppercased(), rejects: nil))
            for w in report.warnings { warnLine(w) }
            return report
        } catch let e as IngestError {
            warnLine(e.description)
            throw ExitCode(e.missingInput ? DataExitCode.missingInput : DataExitCode.dataError)
        }
    }

    static func readRisk(_ path: String) throws -> [ScoredInvoice] {
        guard FileManager.default.fileExists(atPath: path) else {
            warnLine("\(path): risk list not found")
            throw ExitCode(DataExitCode.missingInput)
        }
        do {
            if path.lowercased().hasSuffix(".json") { return try RiskListJSONReader.read(URL(fileURLWithPath: path)).invoices }
            return try RiskListCSVReader.read(URL(fileURLWithPath: path))
        } catch let e as RiskListJSONReader.ReadError {
            throw CommandFailure.data(e.description)
        } catch let e as RiskListCSVReader.ReadError {
            throw CommandFailure.data(e.description)
        }
    }

    static func score(_ dataset: Dataset, bundle: ModelBundle, asOf: Day) throws -> ScoringResult {
        do {
            let scorer = try OpenInvoiceScorer(models: ScoringModels(bundle: bundle))
            return try scorer.score(dataset, asOf: asOf)
        } catch let e as ScoringError {
            throw CommandFailure.data(e.description)
        } catch let e as CustomStringConvertible where e is Error {
            throw CommandFailure.data("scoring failed: \(e.description)")
        }
    }
}

/// One line on standard error.
func warnLine(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
