import Foundation
import RelanceData
import RelanceModels
import Testing
@testable import RelanceReport

@Suite("Report inputs from a model bundle")
struct BundleReportInputTests {
    @Test func modelInputCarriesTheBundleHeldOutFigures() throws {
        let f = try DailyFixture.shared.get()
        let m = f.bundle.metrics.late
        let input = ModelReportInput(bundle: f.bundle, anomalyScores: f.risk.map(\.anomalyScore))
        #expect(input.model == ClassifierMetrics(m.model))
        #expect(input.baseline == ClassifierMetrics(m.baseline))
        #expect(input.trainCount == m.trainRows && input.testCount == m.testRows)
        #expect(input.trainFrom == m.trainWindow.first && input.testTo == m.testWindow.last)
        #expect(input.rocModel.count == m.model.rocCurve.count)
        #expect(input.reliability.map(\.count) == m.model.reliability.map(\.count))
        // Every coefficient is named in words from the schema, not by its code name.
        #expect(input.coefficients.count == f.bundle.lateModel.featureNames.count)
        for row in input.coefficients {
            #expect(row.description == f.bundle.featureSchema.definition(named: row.feature)?.summary)
            #expect(row.description != row.feature)
        }
        // The anomaly histogram holds every scored invoice.
        #expect(input.anomaly?.scores.total == f.risk.count)
    }

    @Test func frenchReportNamesEveryCoefficientInFrench() throws {
        let f = try DailyFixture.shared.get()
        let english = ModelReportInput(bundle: f.bundle, language: .en)
        let french = ModelReportInput(bundle: f.bundle, language: .fr)
        #expect(french.coefficients.map(\.feature) == english.coefficients.map(\.feature))
        for (fr, en) in zip(french.coefficients, english.coefficients) {
            #expect(fr.description != en.description, "\(fr.feature) keeps its English description")
            #expect(!fr.description.contains(" the "), "\(fr.feature): \(fr.description)")
        }
    }

    @Test func scoreDistributionsByOutcomeAddUpToTheTestRows() throws {
        let f = try DailyFixture.shared.get()
        let m = f.bundle.metrics.late.model
        let input = ModelReportInput(bundle: f.bundle)
        #expect(input.scoresLate.total == m.positives)
        #expect(input.scoresOnTime.total == m.count - m.positives)
        // Late invoices score higher on average than on-time ones (the model ranks: AUC > 0.5).
        func mean(_ d: BinnedDistribution) -> Double {
            zip(d.counts, zip(d.edges, d.edges.dropFirst())).reduce(0) { $0 + Double($1.0) * ($1.1.0 + $1.1.1) / 2 } / Double(max(1, d.total))
        }
        #expect(m.rocAUC > 0.5)
        #expect(mean(input.scoresLate) > mean(input.scoresOnTime))
    }

    @Test func scoreDistributionsAreExactForAnUnthinnedCurve() throws {
        // Scores and labels small enough to count by hand.
        let scores = [0.05, 0.15, 0.15, 0.35, 0.55, 0.62, 0.81, 0.95]
        let labels: [Double] = [0, 0, 1, 0, 1, 0, 1, 1]
        let metrics = try BinaryClassificationMetrics(labels: labels, probabilities: scores, bins: 2, rocPointLimit: nil)
        let edges = BinnedDistribution.evenEdges(from: 0, to: 1, count: 5)
        let (late, onTime) = ModelReportInput.scoreDistributions(metrics, edges: edges)
        #expect(late == BinnedDistribution(values: zip(scores, labels).filter { $0.1 == 1 }.map(\.0), edges: edges))
        #expect(onTime == BinnedDistribution(values: zip(scores, labels).filter { $0.1 == 0 }.map(\.0), edges: edges))
    }
}
