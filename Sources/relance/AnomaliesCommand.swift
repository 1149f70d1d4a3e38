import ArgumentParser
import Foundation
import RelanceReport

/// `relance anomalies`: fits the anomaly detector on a history and writes every invoice's score and
/// flags (and, on request, the feature matrix and the fitted detector).
struct AnomaliesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anomalies",
        abstract: "Flag anomalous invoices (duplicates, spikes, unusual terms, …) in a history.",
        discussion: """
            Computes point-in-time anomaly features for every invoice (each invoice compared with \
            its customer's earlier invoices and the population known before it), fits the robust \
            profile (Minimum Covariance Determinant) and the rules, and writes \
            invoice_id,anomaly_score,robust_score,flags (flags joined with ';'), highest score first.

            --features writes the feature matrix (invoice_id,<features>) for outside comparisons \
            (scripts/bench/anomaly_peer.py); --model writes the fitted detector as JSON.
            """)

    @OptionGroup var input: DataInputOptions

    @Option(name: .long, help: ArgumentHelp("Where to write the scores and flags (CSV).", valueName: "file"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("Also write the anomaly feature matrix (CSV).", valueName: "file"))
    var features: String?

    @Option(name: .long, help: ArgumentHelp("Also write the fitted detector (JSON).", valueName: "file"))
    var model: String?

    func run() throws {
        let dataset = try input.load().dataset
        let matrix = try AnomalyFeatures.compute(dataset.invoices, customerCount: dataset.customerCount)
        let detector = try AnomalyDetector.fit(matrix)
        let result = try detector.assess(matrix)

        let order = (0..<result.count).sorted {
            result.anomalyScore[$0] != result.anomalyScore[$1] ? result.anomalyScore[$0] > result.anomalyScore[$1] : $0 < $1
        }
        var text = "invoice_id,anomaly_score,robust_score,flags\n"
        for i in order {
            text += CSVText.line([
                result.invoiceIds[i], String(format: "%.6f", result.anomalyScore[i]),
                String(format: "%.6f", result.robustScore[i]), result.flags[i].joined(separator: ";"),
            ]) + "\n"
        }
        try AtomicFile.write(text, to: URL(fileURLWithPath: out))
        if let features { try matrix.writeCSV(to: URL(fileURLWithPath: features)) }
        if let model {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try AtomicFile.write(encoder.encode(detector), to: URL(fileURLWithPath: model))
        }
        let flagged = result.flags.filter { !$0.isEmpty }.count
        print("\(result.count) invoices, \(flagged) flagged; robust profile fitted on \(detector.summary.fitRows) invoices (h = \(detector.summary.supportSize)); unusual_profile when d² ≥ \(String(format: "%.1f", detector.squaredDistanceThreshold))")
    }
}
