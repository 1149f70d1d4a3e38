import Foundation
import RelanceData
import RelanceModels
import RelanceScoring
import SyntheticData
@testable import RelanceReport

/// A small generated book trained and scored once for the report-assembly tests: the bundle, its
/// JSON (what `relance train` writes), the day's risk list and its JSON (what `relance score
/// --format json` writes), and the dataset. Built with the product's own pipeline, nothing mocked.
struct DailyFixture: @unchecked Sendable {
    var dataset: Dataset
    var bundle: ModelBundle
    var bundleJSON: [String: Any]
    var risk: [ScoredInvoice]
    var riskJSON: [String: Any]
    var asOf: Day

    static let shared: Result<DailyFixture, Error> = Result { try make() }

    static func make() throws -> DailyFixture {
        let asOf = Day(iso: "2026-11-27")!
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("relance-report-fixture-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        _ = try HistoryGenerator.write(
            options: GeneratorOptions(seed: 7, customers: 150, invoices: 6_000, start: Day(iso: "2025-01-06")!, asOf: asOf), to: dir)
        let loaded = try DatasetLoader.load(DatasetSources(
            invoices: dir.appendingPathComponent("invoices.csv"), customers: dir.appendingPathComponent("customers.csv"),
            events: dir.appendingPathComponent("events.csv"), mapping: nil, defaultCurrency: "EUR", rejects: nil))
        let bundle = try TrainingPipeline.run(loaded.dataset, options: TrainingOptions(asOf: asOf), relanceVersion: "test").bundle
        let scored = try OpenInvoiceScorer(models: ScoringModels(bundle: bundle)).score(loaded.dataset, asOf: asOf)
        let list = RiskList(asOf: asOf, invoices: scored.invoices)
        let riskData = try list.json(renderReason: ReasonText.renderer(.en))
        return DailyFixture(
            dataset: loaded.dataset, bundle: bundle,
            bundleJSON: try JSONSerialization.jsonObject(with: bundle.jsonData()) as? [String: Any] ?? [:],
            risk: scored.invoices,
            riskJSON: try JSONSerialization.jsonObject(with: riskData) as? [String: Any] ?? [:],
            asOf: asOf)
    }

    /// A number at a key path of a JSON object (`["metrics", "late", "model", "rocAUC"]`).
    static func number(_ object: Any, _ path: [Any]) -> Double? {
        var current: Any? = object
        for key in path {
            if let k = key as? String { current = (current as? [String: Any])?[k] }
            else if let i = key as? Int, let a = current as? [Any], i < a.count { current = a[i] } else { return nil }
        }
        return (current as? NSNumber)?.doubleValue
    }
}
