import Foundation
import LinearAlgebra
import RelanceData
import RelanceFeatures
import RelanceModels
@testable import RelanceScoring

/// Models trained on the shipped sample (datasets/sample, exported 2026-11-27) the way the training
/// pipeline does: late-payment rows as of their issue day, severe-delay rows at due + grace + 1,
/// the anomaly detector on every invoice, training distributions for the drift check. Trained
/// once per test process.
enum ScoringFixture {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sampleDirectory = root.appendingPathComponent("datasets/sample")
    static let sampleAsOf = Day(iso: "2026-11-27")!

    static let sample: Dataset = {
        let dir = sampleDirectory
        let sources = DatasetSources(
            invoices: dir.appendingPathComponent("invoices.csv"), customers: dir.appendingPathComponent("customers.csv"),
            events: dir.appendingPathComponent("events.csv"), mapping: nil, defaultCurrency: "EUR", rejects: nil)
        do { return try DatasetLoader.load(sources).dataset } catch { fatalError("sample does not load: \(error)") }
    }()

    static let models: ScoringModels = {
        do { return try train(sample, cutoff: sampleAsOf) } catch { fatalError("fixture training failed: \(error)") }
    }()

    /// Trains the three models on `dataset` with labels read at `cutoff`.
    static func train(_ dataset: Dataset, cutoff: Day, options: FeatureOptions = FeatureOptions()) throws -> ScoringModels {
        let builder = try PointInTimeFeatureBuilder(dataset, options: options)
        let training = try builder.trainingFeatures(labelsAsOf: cutoff)
        let late = try fit(training, labels: training.labels.map { $0 == .late ? 1 : 0 })

        // Severe delay: rows at the landmark day due + grace + 1 of invoices still unpaid then,
        // whose 30-day outcome is known at the cut-off; label = still unpaid 30 days past due.
        let inv = dataset.invoices
        var rows: [Int] = [], days: [Day] = [], labels: [Double] = []
        for r in 0..<inv.count {
            let landmark = inv.dueDate[r] + (options.graceDays + 1)
            let horizon = inv.dueDate[r] + 30
            guard horizon.raw < cutoff.raw, inv.issueDate[r].raw <= landmark.raw else { continue }
            let paid = inv.paidDate[r]
            if !paid.isMissing && paid.raw < landmark.raw { continue }   // paid before the landmark
            rows.append(r); days.append(landmark)
            labels.append(paid.isMissing || paid.raw > horizon.raw ? 1 : 0)
        }
        let severeMatrix = try builder.features(forInvoices: rows, observationDays: days)
        let severe = try fit(severeMatrix, labels: labels)

        let anomalyFeatures = try AnomalyFeatures.compute(inv, customerCount: dataset.customerCount)
        let detector = try AnomalyDetector.fit(anomalyFeatures)
        return ScoringModels(
            featureOptions: options, latePayment: late, severeDelay: severe, anomalyDetector: detector,
            latePaymentDistribution: FeatureDistribution.fit(training),
            severeDelayDistribution: FeatureDistribution.fit(severeMatrix))
    }

    static func fit(_ m: FeatureMatrix, labels: [Double]) throws -> LogisticModel {
        var options = LogisticOptions()
        options.l2 = 1
        options.constantFeatures = .drop
        return try LogisticRegression.fit(
            DenseMatrix(rows: m.rowCount, columns: m.columnCount, values: m.values), labels: labels,
            featureNames: m.featureNames, options: options)
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("relance-scoring-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

/// Small histories written in code, days as offsets from 2024-01-01.
struct HistoryFixture {
    static let base = Day(year: 2024, month: 1, day: 1)!
    static func day(_ offset: Int) -> Day { base + offset }

    var dataset = Dataset()

    mutating func customer(_ id: String, name: String) {
        let code = dataset.customerIds.intern(id)
        dataset.customers.append(customer: code, name: name)
    }

    mutating func invoice(_ id: String, customer: String, issue: Int, due: Int, paid: Int?, amount: Double,
                          currency: String = "EUR", method: PaymentMethod = .transfer) {
        let code = dataset.customerIds.intern(customer)
        dataset.invoices.append(
            invoiceId: id, customer: code, issueDate: Self.day(issue), dueDate: Self.day(due),
            paidDate: paid.map { Self.day($0) }, amount: amount, currency: currency, paymentMethod: method,
            channel: .electronic, sourceLine: dataset.invoices.count + 2)
    }
}
