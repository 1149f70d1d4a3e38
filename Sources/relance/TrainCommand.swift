import ArgumentParser
import Foundation
import RelanceData
import RelanceFeatures
import RelanceModels

/// `relance train`: fits the late-payment, severe-delay and anomaly models on the history known at
/// a day, evaluates them on the most recent invoices, and writes a model bundle.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train and evaluate the models on the history known at --as-of; write a model bundle.",
        discussion: """
            Uses only what was known at the end of --as-of. Invoices still open and not yet past \
            due + grace are censored (left out); open past it count as late. The most recently \
            issued 20% of the labelled invoices are held out: a model fitted on the earlier ones is \
            evaluated on them next to a naive baseline (the customer's prior late share), then the \
            final model is refitted on every labelled invoice. Writes model.json and MODEL_CARD.md \
            into --out. See docs/training.md.

            Exit status: 0 trained; 64 bad usage; 65 invalid data, or data that cannot support a \
            model (one class only, too little history), with the reason on standard error; 66 an \
            input file cannot be opened; 73 the bundle cannot be written; 78 invalid mapping file.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var input: DataInputOptions

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Use the history known at the end of this day (YYYY-MM-DD).", valueName: "date"))
    var asOf: String

    @Option(name: .long, help: ArgumentHelp("Folder for the bundle (model.json, MODEL_CARD.md); created if needed.", valueName: "dir"))
    var out: String

    @Option(name: .customLong("grace-days"), help: "Days after the due date still counted as on time.")
    var graceDays: Int = 0

    @Option(name: .long, help: ArgumentHelp("L2 penalty λ on standardised coefficients (scikit-learn C = 1/λ).", valueName: "λ"))
    var l2: Double = 1.0

    @Option(name: .customLong("holdout"), help: ArgumentHelp("Share of the labelled invoices, the most recent, held out for evaluation.", valueName: "fraction"))
    var holdOut: Double = 0.2

    @Option(name: .customLong("anomaly-truth"), help: ArgumentHelp("Validation only: CSV whose invoice_id column lists known anomalies (e.g. the generator's truth/anomalies.csv); reports anomaly ROC-AUC and PR-AUC.", valueName: "file"))
    var anomalyTruth: String?

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func validate() throws {
        guard Day(iso: asOf) != nil else { throw ValidationError("--as-of: \"\(asOf)\" is not a YYYY-MM-DD date") }
        guard (0...3650).contains(graceDays) else { throw ValidationError("--grace-days must be between 0 and 3650") }
        guard l2.isFinite, l2 >= 0 else { throw ValidationError("--l2 must be a finite number ≥ 0") }
        guard holdOut > 0, holdOut < 1 else { throw ValidationError("--holdout must be between 0 and 1 (exclusive)") }
    }

    func run() throws {
        try CommandFailure.reporting { try train() }
    }

    private func train() throws {
        // Before any BLAS call or second thread: the anomaly detector trains beside the models.
        TrainingPipeline.leaveACoreForTheAnomalyDetector()
        guard let day = Day(iso: asOf) else { throw ValidationError("--as-of: \"\(asOf)\" is not a YYYY-MM-DD date") }
        let progress = TerminalProgress()
        let began = DispatchTime.now().uptimeNanoseconds
        func seconds(since t: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9 }

        let truth = try anomalyTruth.map(Self.readTruth)
        progress.handle(.stageStarted("read"))
        let t0 = DispatchTime.now().uptimeNanoseconds
        let report = try input.load()
        let readSeconds = seconds(since: t0)
        progress.handle(.stageFinished("read", seconds: readSeconds))

        let options = TrainingOptions(
            asOf: day, features: FeatureOptions(graceDays: graceDays), l2: l2, holdOutFraction: holdOut,
            anomalyTruth: truth)
        let result: TrainingResult
        do {
            result = try TrainingPipeline.run(
                report.dataset, options: options, relanceVersion: Relance.configuration.version,
                progress: progress.handle)
        } catch let e as TrainingError {
            progress.done("")
            throw CommandFailure.data(e.description)
        }

        progress.handle(.stageStarted("write"))
        let t1 = DispatchTime.now().uptimeNanoseconds
        do {
            try result.bundle.write(to: URL(fileURLWithPath: out, isDirectory: true))
        } catch let e as BundleError {
            throw CommandFailure.cannotWrite(e.description)
        }
        let writeSeconds = seconds(since: t1)
        progress.handle(.stageFinished("write", seconds: writeSeconds))

        var stages = [("read", readSeconds)] + result.stageSeconds.map { ($0.stage, $0.seconds) }
        stages.append(("write", writeSeconds))
        stages.append(("total", seconds(since: began)))
        let summary = TrainSummary(bundle: result.bundle, out: out, stages: stages, warnings: report.warnings)
        switch format {
        case .text: print(summary.text, terminator: "")
        case .json: print(try summary.json())
        }
    }

    /// Invoice ids of the `invoice_id` column of a ground-truth CSV (simple CSV: no embedded commas in ids).
    static func readTruth(_ path: String) throws -> Set<String> {
        guard let data = FileManager.default.contents(atPath: path) else {
            FileHandle.standardError.write(Data("\((path as NSString).lastPathComponent): anomaly truth file not found\n".utf8))
            throw ExitCode(DataExitCode.missingInput)
        }
        var lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).makeIterator()
        guard let header = lines.next() else { return [] }
        let columns = header.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let k = columns.firstIndex(of: "invoice_id") else {
            FileHandle.standardError.write(Data("\((path as NSString).lastPathComponent):1: invoice_id: column missing\n".utf8))
            throw ExitCode(DataExitCode.dataError)
        }
        var ids = Set<String>()
        while let line = lines.next() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            if k < fields.count {
                ids.insert(fields[k].trimmingCharacters(in: CharacterSet(charactersIn: "\" ")))
            }
        }
        return ids
    }
}
