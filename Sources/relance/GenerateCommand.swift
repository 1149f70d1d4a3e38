import ArgumentParser
import Foundation
import SyntheticData

/// `relance generate`: writes a seeded synthetic invoice history (the defaults give the shipped sample).
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a synthetic, realistic invoice history in the canonical CSV format.",
        discussion: """
            Writes invoices.csv, customers.csv and events.csv into the output folder, plus \
            truth/anomalies.csv and truth/customers.csv (ground truth for validation; the toolkit \
            never reads them). The same options always produce byte-identical files. The defaults \
            produce the sample shipped in datasets/sample.
            """)

    @Option(name: .long, help: "Output folder (created if needed).")
    var out: String

    @Option(name: .long, help: "Number of customers.")
    var customers: Int = GeneratorOptions().customers

    @Option(name: .long, help: "Approximate number of invoices.")
    var invoices: Int = GeneratorOptions().invoices

    @Option(name: .long, help: "Random seed.")
    var seed: UInt64 = GeneratorOptions().seed

    @Option(name: .long, help: "First day of the history (YYYY-MM-DD).")
    var start: String = GeneratorOptions().start.iso

    @Option(name: .customLong("as-of"), help: "Export day (YYYY-MM-DD): nothing after it is known.")
    var asOf: String = GeneratorOptions().asOf.iso

    @Option(name: .long, help: ArgumentHelp(
        "Last simulated day (YYYY-MM-DD, default: the as-of date).",
        discussion: "Runs with the same seed and horizon but different --as-of dates are exports of one ledger taken on different days."))
    var horizon: String?

    @Option(name: .customLong("anomaly-rate"), help: "Share of invoices carrying an injected anomaly (0 to 0.2).")
    var anomalyRate: Double = GeneratorOptions().anomalyRate

    /// The options as the generator takes them; throws a message naming the bad argument.
    func generatorOptions() throws -> GeneratorOptions {
        guard let startDay = Day(iso: start) else {
            throw ValidationError("--start: \"\(start)\" is not a YYYY-MM-DD date")
        }
        guard let asOfDay = Day(iso: asOf) else {
            throw ValidationError("--as-of: \"\(asOf)\" is not a YYYY-MM-DD date")
        }
        var horizonDay: Day?
        if let horizon {
            guard let day = Day(iso: horizon) else {
                throw ValidationError("--horizon: \"\(horizon)\" is not a YYYY-MM-DD date")
            }
            horizonDay = day
        }
        let options = GeneratorOptions(
            seed: seed, customers: customers, invoices: invoices, start: startDay, asOf: asOfDay,
            horizon: horizonDay, anomalyRate: anomalyRate)
        do {
            try options.validate()
        } catch let error as GeneratorError {
            throw ValidationError(error.description)
        }
        return options
    }

    func validate() throws {
        _ = try generatorOptions()
    }

    func run() throws {
        let options = try generatorOptions()
        let began = Date()
        let summary = try HistoryGenerator.write(options: options, to: URL(fileURLWithPath: out, isDirectory: true))
        let seconds = Date().timeIntervalSince(began)
        FileHandle.standardError.write(Data(
            "generated \(summary) as of \(options.asOf.iso) in \(String(format: "%.2f", seconds)) s\n".utf8))
    }
}
