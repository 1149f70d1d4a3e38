import ArgumentParser
import Foundation
import RelanceData
import RelanceFeatures

/// `relance features`: the design matrix a model is trained on, as CSV, for inspection or for
/// another tool.
struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Write the point-in-time feature matrix (invoice_id,label,<features…>) as CSV.",
        discussion: """
            One row per invoice issued on or before --as-of, described as of its own issue day from \
            what was known strictly before it. label is 1 (late: paid after due + grace, or still \
            open past it at --as-of), 0 (paid on time) or empty (still open and not yet past due + \
            grace: censored). These are exactly the rows and values `relance train` fits on (the \
            rows with a label).

            With --anomaly the anomaly features (invoice_id,<features…>) are written instead.

            Exit status: 0 written; 64 bad usage; 65 invalid data; 66 an input file cannot be \
            opened; 73 the output cannot be written; 78 invalid mapping file.
            """)

    @OptionGroup var input: DataInputOptions

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Use the history known at the end of this day (YYYY-MM-DD).", valueName: "date"))
    var asOf: String

    @Option(name: .long, help: ArgumentHelp("Output CSV file.", valueName: "file"))
    var out: String

    @Option(name: .customLong("grace-days"), help: "Days after the due date still counted as on time.")
    var graceDays: Int = 0

    @Flag(name: .long, help: "Write the anomaly features instead of the payment-behaviour features.")
    var anomaly = false

    func validate() throws {
        guard Day(iso: asOf) != nil else { throw ValidationError("--as-of: \"\(asOf)\" is not a YYYY-MM-DD date") }
        guard (0...3650).contains(graceDays) else { throw ValidationError("--grace-days must be between 0 and 3650") }
    }

    func run() throws {
        try CommandFailure.reporting { try produce() }
    }

    private func produce() throws {
        guard let day = Day(iso: asOf) else { throw ValidationError("--as-of: \"\(asOf)\" is not a YYYY-MM-DD date") }
        let known = try input.load().dataset.truncated(at: day)
        let url = URL(fileURLWithPath: out)
        do {
            if anomaly {
                let matrix = try AnomalyFeatures.compute(known.invoices, customerCount: known.customerCount)
                try write { try matrix.writeCSV(to: url) }
            } else {
                let builder = try PointInTimeFeatureBuilder(known, options: FeatureOptions(graceDays: graceDays))
                let matrix = try builder.features(forInvoices: Array(0..<known.invoices.count), labelsAsOf: day)
                try write { try matrix.writeCSV(to: url, invoiceIds: known.invoices.invoiceIds) }
            }
        } catch let e as FeatureError {
            throw CommandFailure.data(e.description)
        } catch let e as AnomalyFeatureError {
            throw CommandFailure.data(e.description)
        }
    }

    private func write(_ body: () throws -> Void) throws {
        do { try body() } catch { throw CommandFailure.cannotWrite("\(out): \(error.localizedDescription)") }
    }
}

