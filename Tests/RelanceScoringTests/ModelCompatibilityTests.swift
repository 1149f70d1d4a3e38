import Testing
import RelanceFeatures
import RelanceModels
@testable import RelanceScoring

/// Scoring refuses models the feature code of this build cannot feed, with a message saying why.
@Suite struct ModelCompatibilityTests {
    @Test func refusesAnotherFeatureSchemaVersion() {
        var models = ScoringFixture.models
        models.featureSchema.version = "payment-behaviour-0"
        #expect(throws: ScoringError.schemaVersionMismatch(bundle: "payment-behaviour-0", supported: "payment-behaviour-1")) {
            try OpenInvoiceScorer(models: models)
        }
        let message = ScoringError.schemaVersionMismatch(bundle: "payment-behaviour-0", supported: "payment-behaviour-1").description
        #expect(message.contains("retrain") && message.contains("payment-behaviour-0"))
    }

    @Test func refusesAModelWhoseFeaturesDiffer() throws {
        let late = ScoringFixture.models.latePayment
        var names = late.featureNames
        names.swapAt(0, 1)
        let swapped = LogisticModel(
            featureNames: names, standardisation: late.standardisation, intercept: late.intercept,
            coefficients: late.coefficients, rawIntercept: late.rawIntercept, rawCoefficients: late.rawCoefficients,
            report: late.report)
        var models = ScoringFixture.models
        models.latePayment = swapped
        do {
            _ = try OpenInvoiceScorer(models: models)
            Issue.record("a model with swapped features was accepted")
        } catch let error as ScoringError {
            guard case let .featureMismatch(model, problem) = error else { Issue.record("\(error)"); return }
            #expect(model == "late-payment model")
            #expect(problem == "feature 1 is 'late_share_shrunk' where this version expects 'prior_settled_count_log'")
        }
        var severe = ScoringFixture.models
        severe.severeDelay = LogisticModel(
            featureNames: Array(names.dropLast()), standardisation: FeatureStandardisation(means: Array(late.standardisation.means.dropLast()), sds: Array(late.standardisation.sds.dropLast())),
            intercept: 0, coefficients: Array(late.coefficients.dropLast()), rawIntercept: 0,
            rawCoefficients: Array(late.rawCoefficients.dropLast()), report: late.report)
        #expect(throws: ScoringError.self) { try OpenInvoiceScorer(models: severe) }
    }

    @Test func refusesADamagedTrainingDistribution() {
        var models = ScoringFixture.models
        models.latePaymentDistribution?[3].proportions[0] += 0.5
        #expect(throws: ScoringError.self) { try OpenInvoiceScorer(models: models) }
    }
}
