import Foundation
import Testing
import RelanceFeatures
@testable import RelanceScoring

/// Population stability index per feature against the training bins.
@Suite struct DriftCheckTests {
    @Test func decileEdgesSplitTheTrainingRowsEvenly() {
        let values = (0..<1_000).map(Double.init)
        let d = FeatureDistribution.fit(name: "x", values: values)
        #expect(d.edges.count == 9)
        #expect(d.proportions.allSatisfy { abs($0 - 0.1) < 1e-12 })
        #expect(d.validationProblem == nil)
        // A 0/1 flag has one edge and two bins: its distribution exactly.
        let flag = FeatureDistribution.fit(name: "flag", values: (0..<100).map { $0 < 30 ? 1 : 0 })
        #expect(flag.edges == [0] && flag.proportions == [0.7, 0.3])
        // A constant has one bin.
        #expect(FeatureDistribution.fit(name: "c", values: [2, 2, 2]).proportions == [1])
    }

    /// PSI by hand: shares (0.5, 0.5) → (0.7, 0.3): 0.2·ln(1.4) + (−0.2)·ln(0.6) = 0.16946.
    @Test func psiMatchesTheFormula() {
        let check = DriftCheck()
        let psi = check.psi(training: [0.5, 0.5], current: [0.7, 0.3])
        #expect(abs(psi - (0.2 * log(1.4) - 0.2 * log(0.6))) < 1e-12)
        #expect(check.level(psi) == .warn)
        #expect(check.level(0.09) == .stable && check.level(0.25) == .alert)
        #expect(check.psi(training: [0.2, 0.8], current: [0.2, 0.8]) == 0)
    }

    @Test func theSampleDoesNotDriftAgainstItselfButAShiftedBookDoes() throws {
        let models = ScoringFixture.models
        let builder = try PointInTimeFeatureBuilder(ScoringFixture.sample)
        let training = try builder.trainingFeatures(labelsAsOf: ScoringFixture.sampleAsOf)
        let check = DriftCheck()
        let same = try #require(check.run(training, training: models.latePaymentDistribution!, model: "late_payment"))
        #expect(same.drifted.isEmpty, "\(same.warnings)")
        #expect(same.features.count == PaymentFeature.allCases.count - DriftCheck.defaultExcluded.count)
        // Double every amount: the amount feature moves by log 2 and must alert.
        var shifted = training
        let j = PaymentFeature.logAmount.rawValue
        for i in 0..<shifted.rowCount { shifted.values[i * shifted.columnCount + j] += log(4.0) }
        let report = try #require(check.run(shifted, training: models.latePaymentDistribution!, model: "late_payment"))
        let amount = try #require(report.features.first { $0.feature == "log_amount" })
        #expect(amount.level == .alert)
        #expect(report.warnings.contains { $0.hasPrefix("drift alert: late_payment: log_amount: PSI") })
    }

    @Test func tooFewRowsAreNotChecked() throws {
        let builder = try PointInTimeFeatureBuilder(ScoringFixture.sample)
        let m = try builder.features(forInvoices: Array(0..<50))
        #expect(DriftCheck().run(m, training: ScoringFixture.models.latePaymentDistribution!, model: "late_payment") == nil)
    }
}
