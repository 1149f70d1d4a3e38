import ArgumentParser
import Foundation
import RelanceData
import RelanceExport
import RelanceModels
import RelanceScoring

/// `relance score`: scores every invoice open at --as-of with a trained bundle and writes the day's
/// risk list (CSV, JSON or XLSX), with reasons in English or French.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score every invoice open at --as-of: probability, anomaly, tier, priority and reasons.",
        discussion: """
            Open = issued on or before --as-of and not paid by its end. Features are computed with \
            the training code as of --as-of (nothing dated later is used). Invoices not yet past \
            due + grace get p_late = P(paid late); invoices already past it get the probability of \
            a severe delay (still unpaid 30 days past due) from the bundle's second model, and 1 \
            once that has happened. priority = p_late × amount. See docs/scoring.md.

            A drift check compares today's features with the training distributions stored in the \
            bundle (population stability index, warn ≥ 0.1, alert ≥ 0.25): warnings go to standard \
            error and into the JSON output.

            Exit status: 0 scored; 64 bad usage; 65 invalid data or a bundle this version cannot \
            use (other format or feature schema); 66 an input or the bundle cannot be opened; \
            73 the output cannot be written; 78 invalid mapping file.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json, xlsx }
    enum Grouping: String, ExpressibleByArgument, CaseIterable { case invoice, customer }

    @Option(name: .long, help: ArgumentHelp("Model bundle folder written by `relance train` (or its model.json).", valueName: "dir"))
    var model: String

    @OptionGroup var input: DataInputOptions

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Score the invoices open at the end of this day (YYYY-MM-DD).", valueName: "date"))
    var asOf: String

    @Option(name: .long, help: ArgumentHelp("Output file (written atomically).", valueName: "file"))
    var out: String

    @Option(help: "Output format: csv (default), json or xlsx (sheets invoices, customers, summary).")
    var format: Format = .csv

    @Option(help: "Language of the reasons: en or fr.")
    var language: ReasonLanguage = .en

    @Option(help: "CSV rows: one per invoice (default) or one per customer (roll-up). JSON and XLSX always hold both.")
    var by: Grouping = .invoice

    @Flag(help: "Replace customer names with stable keyed pseudonyms (key from RELANCE_PSEUDONYM_KEY or --pseudonym-key-file).")
    var pseudonymize = false

    @Option(name: .customLong("pseudonym-key-file"), help: ArgumentHelp("File holding the pseudonym key (at least 16 bytes).", valueName: "file"))
    var pseudonymKeyFile: String?

    @Flag(name: .long, help: "Start the CSV with a UTF-8 byte order mark (for Excel opened by double-click).")
    var bom = false

    func validate() throws {
        guard Day(iso: asOf) != nil else { throw ValidationError("--as-of: \"\(asOf)\" is not a YYYY-MM-DD date") }
        if pseudonymKeyFile != nil && !pseudonymize {
            throw ValidationError("--pseudonym-key-file is only used with --pseudonymize")
        }
    }

    func run() throws {
        HeapPolicy.reuseFreedMemory()
        try CommandFailure.reporting { try score() }
    }

    private func score() throws {
        guard let day = Day(iso: asOf) else { throw ValidationError("--as-of: \"\(asOf)\" is not a YYYY-MM-DD date") }
        let clock = StageClock()

        // The key and the bundle first: a bad key or bundle fails before the data is read.
        let pseudonymizer: Pseudonymizer?
        if pseudonymize {
            do {
                pseudonymizer = try Pseudonymizer.fromEnvironment(keyFile: pseudonymKeyFile.map { URL(fileURLWithPath: $0) })
            } catch let e as PseudonymizerError {
                warn(e.description)
                throw ExitCode(64)
            }
        } else {
            pseudonymizer = nil
        }
        let url = URL(fileURLWithPath: out)
        var isDirectory: ObjCBool = false
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure.cannotWrite("\(out): cannot write the risk list: folder \(folder) does not exist")
        }
        // The list this run replaces: its cached pages dropped while the inputs are read (the
        // final rename then has less to free).
        ReplacedFileCache.dropSoon(url.path)

        // The inputs start being read now, on another thread, while the bundle is loaded here
        // (when reading them early has no visible effect, see DataInputOptions.startLoad). The
        // anomaly assessment starts as soon as the invoices are read (it needs nothing else) and
        // runs while events.csv is read and the payment history prepared; it waits for the
        // bundle if the invoices come first, and is skipped if the bundle fails.
        let scorerReady = DispatchGroup()
        scorerReady.enter()
        nonisolated(unsafe) var readyScorer: OpenInvoiceScorer?
        nonisolated(unsafe) var anomalies: PendingAnomalyAssessment?
        let startAnomalies = { (invoices: InvoiceTable, customerCount: Int) in
            scorerReady.wait()
            anomalies = readyScorer?.startAnomalyAssessment(invoices, customerCount: customerCount, asOf: day)
        }
        let early = input.startLoad(invoicesRead: startAnomalies)
        let scorer: OpenInvoiceScorer
        let bundle: ModelBundle
        do {
            defer { scorerReady.leave() }
            do {
                bundle = try ModelBundle.load(from: URL(fileURLWithPath: model))
            } catch let e as BundleError {
                if case .unreadable = e {
                    warn(e.description)
                    throw ExitCode(DataExitCode.missingInput)
                }
                throw CommandFailure.data(e.description)
            }
            do {
                scorer = try OpenInvoiceScorer(models: ScoringModels(bundle: bundle))
            } catch let e as ScoringError {
                throw CommandFailure.data("\(model): \(e.description)")
            }
            readyScorer = scorer
        }
        if day < bundle.asOf {
            warn("note: the bundle was trained on the history known at \(bundle.asOf.iso), after --as-of \(day.iso): a backtest with it is optimistic")
        }
        if bundle.trainingDistributions == nil {
            warn("note: the bundle stores no training distributions: no drift check (retrain to add them)")
        }
        clock.lap("bundle")

        let report = try early?.join() ?? input.load(invoicesRead: startAnomalies)
        ProcessLifetime.keepUntilExit(report)
        for w in report.warnings { warn(w) }
        clock.lap("read")

        let result: ScoringResult
        do {
            result = try scorer.score(report.dataset, asOf: day, anomalies: anomalies)
        } catch let e as ScoringError {
            throw CommandFailure.data(e.description)
        } catch let e as CustomStringConvertible where e is Error {
            throw CommandFailure.data("scoring failed: \(e.description)")
        }
        ProcessLifetime.keepUntilExit(result)
        clock.lap("features+score")

        var list = RiskList(asOf: day, invoices: result.invoices)
        if let pseudonymizer { list = pseudonymizer.pseudonymize(list) }
        let render = ReasonText.renderer(language)
        do {
            switch (format, by) {
            case (.csv, .invoice): try list.writeCSV(to: url, language: language, byteOrderMark: bom)
            case (.csv, .customer): try AtomicFile.write(Self.customerCSV(list.customers, byteOrderMark: bom), to: url)
            case (.json, _): try AtomicFile.write(Self.json(list, drift: result.drift, bases: result, renderReason: render), to: url)
            case (.xlsx, _): try list.writeXLSX(to: url, renderReason: render)
            }
        } catch {
            throw CommandFailure.cannotWrite("\(out): cannot write the risk list: \((error as NSError).localizedDescription)")
        }
        clock.lap("write")

        for report in result.drift { for w in report.warnings { warn(w) } }
        let counts = result.basisCounts
        let tierCounts = result.tierCounts
        let tiers = RiskTier.allCases.reversed().map { "\($0.rawValue) \(tierCounts[$0] ?? 0)" }
        warn("scored \(result.invoices.count) open invoices as of \(day.iso): "
             + ScoreBasis.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", ")
             + "; tiers: " + tiers.joined(separator: ", "))
        warn("time: " + clock.summary)
        warn("cpu:  " + clock.cpuSummary)
    }

    private func warn(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// The customer roll-up as CSV (columns of ``RiskListColumns/customers``).
    static func customerCSV(_ rows: [CustomerRollup], byteOrderMark: Bool) -> String {
        func money(_ x: Double) -> String { x.isFinite ? String(format: "%.2f", x) : "" }
        var out = byteOrderMark ? "\u{FEFF}" : ""
        out += CSVText.line(RiskListColumns.customers) + "\n"
        for c in rows {
            let name = c.customerName.first.map { "=+-@\t\r".contains($0) } == true ? "'" + c.customerName : c.customerName
            out += CSVText.line([
                c.customerId, name, c.currency, money(c.openAmount), money(c.overdueAmount),
                money(c.expectedLateAmount), c.worstTier.rawValue, String(c.invoiceCount), String(c.oldestDaysOverdue),
            ]) + "\n"
        }
        return out
    }

    /// The export layer's JSON risk list with two scoring keys added at the top: `drift` (the PSI
    /// per feature, and which features passed a threshold) and `score_basis` (per invoice id,
    /// which question `p_late` answers).
    static func json(_ list: RiskList, drift: [DriftReport], bases result: ScoringResult, renderReason: @escaping ReasonRenderer) throws -> Data {
        struct Extra: Encodable {
            var drift: [DriftReport]
            var scoreBasis: [String: String]
            enum CodingKeys: String, CodingKey { case drift, scoreBasis = "score_basis" }
        }
        var basis: [String: String] = [:]
        for (inv, b) in zip(result.invoices, result.bases) { basis[inv.invoiceId] = b.rawValue }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let extra = try encoder.encode(Extra(drift: drift, scoreBasis: basis))
        var body = try list.json(renderReason: renderReason)
        // Splice the extra object's members into the list's top-level object: `{` + extra + `,` + rest.
        guard let open = body.firstIndex(of: UInt8(ascii: "{")),
              let extraOpen = extra.firstIndex(of: UInt8(ascii: "{")),
              let extraClose = extra.lastIndex(of: UInt8(ascii: "}")) else { return body }
        var members = extra[(extraOpen + 1)..<extraClose]
        while let last = members.last, last == 10 || last == 32 { members.removeLast() }
        body.insert(contentsOf: Data(members) + Data(",".utf8), at: open + 1)
        return body
    }
}

extension ReasonLanguage: ExpressibleByArgument {}

/// Wall-clock and CPU time per stage, for the summary lines on standard error. On a shared machine
/// the wall clock also measures the neighbours; the process CPU time (all threads) does not.
final class StageClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    private var lastCPU = StageClock.processCPUSeconds()
    private var laps: [(String, Double)] = []
    private var cpuLaps: [(String, Double)] = []

    func lap(_ name: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        laps.append((name, Double(now - last) / 1e9))
        last = now
        let cpu = Self.processCPUSeconds()
        cpuLaps.append((name, cpu - lastCPU))
        lastCPU = cpu
    }

    var summary: String { Self.format(laps) }

    /// CPU seconds (user + system, every thread) per stage.
    var cpuSummary: String { Self.format(cpuLaps) }

    private static func format(_ laps: [(String, Double)]) -> String {
        let total = laps.reduce(0) { $0 + $1.1 }
        return laps.map { "\($0.0) \(String(format: "%.3f", $0.1)) s" }.joined(separator: ", ")
            + ", total \(String(format: "%.3f", total)) s"
    }

    private static func processCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
