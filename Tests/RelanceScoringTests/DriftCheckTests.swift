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

    /// The drift check counts a value in the bin `FeatureDistribution.bin(of:)` gives it, values on
    /// an edge, beyond the last edge and non-finite included, whatever the number of edges.
    @Test func binCountsAreThoseOfTheDistribution() throws {
        let schema = FeatureSchema.paymentBehaviour
        let p = schema.definitions.count
        let names = Array(schema.names.prefix(3))
        // 9, 1 and 20 edges (more than one vector of eight).
        let distributions = [
            FeatureDistribution(name: names[0], edges: (1...9).map(Double.init), proportions: [Double](repeating: 0.1, count: 10), rowCount: 10),
            FeatureDistribution(name: names[1], edges: [0], proportions: [0.5, 0.5], rowCount: 2),
            FeatureDistribution(name: names[2], edges: (0..<20).map { Double($0) * 0.5 - 3 }, proportions: [Double](repeating: 1.0 / 21, count: 21), rowCount: 21),
        ]
        var generator = SystemRandomNumberGenerator()
        let n = 500
        var values = [Double](repeating: 0, count: n * p)
        for i in 0..<n {
            for j in 0..<3 {
                let edges = distributions[j].edges
                switch Int.random(in: 0..<6, using: &generator) {
                case 0: values[i * p + j] = edges.randomElement(using: &generator)!   // on an edge
                case 1: values[i * p + j] = [Double.nan, .infinity, -.infinity].randomElement(using: &generator)!
                case 2: values[i * p + j] = edges.last! + 1
                default: values[i * p + j] = Double.random(in: -5...12, using: &generator)
                }
            }
        }
        let matrix = FeatureMatrix(schema: schema, rows: Array(0..<n), values: values, labels: [PaymentLabel](repeating: .unknown, count: n),
                                   asOfDays: [Day](repeating: Day(raw: 0), count: n), labelCutoff: nil)
        var check = DriftCheck()
        check.excluded = []
        let report = try #require(check.run(matrix, training: distributions, model: "m"))
        #expect(report.features.count == 3)
        for (j, d) in distributions.enumerated() {
            let column = (0..<n).map { values[$0 * p + j] }
            let counts = d.counts(column)
            let finite = counts.reduce(0, +)
            let drift = try #require(report.features.first { $0.feature == d.name })
            #expect(drift.currentProportions == counts.map { Double($0) / Double(finite) }, "\(d.name)")
        }
    }
}
