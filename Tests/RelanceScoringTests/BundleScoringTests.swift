import Foundation
import Testing
import RelanceData
import RelanceModels
@testable import RelanceScoring

/// Scoring with a bundle from the real training pipeline, and refusing bundles it cannot use.
@Suite struct BundleScoringTests {
    static let bundle: ModelBundle = {
        do {
            return try TrainingPipeline.run(ScoringFixture.sample, options: TrainingOptions(asOf: ScoringFixture.sampleAsOf)).bundle
        } catch { fatalError("training the sample failed: \(error)") }
    }()

    @Test func aTrainedBundleScoresTheSampleWithADriftCheck() throws {
        let models = ScoringModels(bundle: Self.bundle)
        #expect(models.severeDelay != nil && models.severeDelayDays == 30)
        #expect(models.latePaymentDistribution?.count == models.featureSchema.definitions.count)
        let result = try OpenInvoiceScorer(models: models).score(ScoringFixture.sample, asOf: ScoringFixture.sampleAsOf)
        // Counted straight from the columns: open at the end of the day, and 1–29 days past due.
        let inv = ScoringFixture.sample.invoices, day = ScoringFixture.sampleAsOf
        let open = (0..<inv.count).filter { inv.issueDate[$0] <= day && (inv.paidDate[$0].isMissing || inv.paidDate[$0] > day) }
        let severe = open.filter { (1..<30).contains(day - inv.dueDate[$0]) }.count
        #expect(result.invoices.count == open.count && open.count > 500)
        #expect(result.basisCounts[.severeDelay] == severe)
        // A model's rows are checked for drift only from 100 rows on.
        #expect(result.drift.map(\.model) == (severe >= 100 ? ["late_payment", "severe_delay"] : ["late_payment"]))
        #expect(result.invoices.allSatisfy { $0.pLate >= 0 && $0.pLate <= 1 && $0.reasons.count >= 3 })
    }

    /// A bundle saved to JSON and edited to claim another feature schema version, or another
    /// format, is refused when loaded, with a message naming the file and what to do.
    @Test func aBundleOfAnotherSchemaOrFormatIsRefused() throws {
        let json = String(decoding: try Self.bundle.jsonData(), as: UTF8.self)
        let version = "\"version\" : \"payment-behaviour-1\""
        #expect(json.contains(version))
        let renamed = json.replacingOccurrences(of: version, with: "\"version\" : \"payment-behaviour-0\"")
        do {
            _ = try ModelBundle.decode(Data(renamed.utf8), path: "models/model.json")
            Issue.record("a bundle with another schema version was accepted")
        } catch let e as BundleError {
            #expect(e.description.hasPrefix("models/model.json: feature schema version differs"))
            #expect(e.description.contains("retrain"))
        }
        let format = json.replacingOccurrences(of: "\n  \"formatVersion\" : 1,", with: "\n  \"formatVersion\" : 2,")
        #expect(format != json)
        #expect(throws: BundleError.self) { try ModelBundle.decode(Data(format.utf8), path: "models/model.json") }
        // The scorer refuses on its own too (a bundle built in memory never went through decode).
        var models = ScoringModels(bundle: Self.bundle)
        models.featureSchema.version = "payment-behaviour-0"
        #expect(throws: ScoringError.self) { try OpenInvoiceScorer(models: models) }
    }

    @Test func aBundleWithoutDistributionsStillScoresWithoutDriftCheck() throws {
        var bundle = Self.bundle
        bundle.trainingDistributions = nil
        let data = try bundle.jsonData()
        let reloaded = try ModelBundle.decode(data, path: "model.json")
        #expect(reloaded.trainingDistributions == nil)
        let result = try OpenInvoiceScorer(models: ScoringModels(bundle: reloaded)).score(ScoringFixture.sample, asOf: ScoringFixture.sampleAsOf)
        #expect(result.drift.isEmpty && result.invoices.count > 500)
    }
}
