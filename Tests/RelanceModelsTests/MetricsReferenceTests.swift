import Foundation
import Testing
@testable import RelanceModels

/// Metrics against scikit-learn 1.9.1 on a 500-row scored sample with tied scores
/// (`Fixtures/metrics_reference.json`, from `scripts/reference/make_logistic_fixture.py`).
/// Tolerance 1e-9 absolute.
@Suite struct MetricsReferenceTests {
    func fixture() throws -> (labels: [Double], p: [Double], ref: [String: Any]) {
        let ref = try LogisticFixtures.json("metrics_reference.json")
        return (try ref.doubles("labels"), try ref.doubles("probabilities"), ref)
    }

    @Test func scalarMetricsMatchScikitLearn() throws {
        let (y, p, ref) = try fixture()
        #expect(Set(p).count < p.count, "the fixture must contain tied scores")
        let m = try BinaryClassificationMetrics(labels: y, probabilities: p)
        #expect(abs(m.rocAUC - (try ref.double("rocAUC"))) < 1e-9)
        #expect(abs(m.averagePrecision - (try ref.double("averagePrecision"))) < 1e-9)
        #expect(abs(m.brierScore - (try ref.double("brier"))) < 1e-9)
        #expect(abs(m.logLoss - (try ref.double("logLoss"))) < 1e-9)
        #expect(abs(m.liftTopDecile - (try ref.double("liftTopDecile"))) < 1e-9)
        #expect(m.count == 500 && m.positives == Int(y.reduce(0, +)))
    }

    @Test func rocCurveMatchesScikitLearnPointForPoint() throws {
        let (y, p, ref) = try fixture()
        let roc = try ref.object("roc")
        let fpr = try roc.doubles("fpr"), tpr = try roc.doubles("tpr")
        let thresholds = roc["thresholds"] as? [Any] ?? []
        let curve = try BinaryClassificationMetrics.rocCurve(labels: y, scores: p)
        #expect(curve.count == fpr.count)
        for (k, point) in curve.enumerated() where k < fpr.count {
            #expect(abs(point.falsePositiveRate - fpr[k]) < 1e-9 && abs(point.truePositiveRate - tpr[k]) < 1e-9)
            #expect(point.threshold == (thresholds[k] as? Double))
        }
        #expect(curve.first?.threshold == nil)
        // Thinned for storage: ends kept, never more than the limit.
        let thinned = BinaryClassificationMetrics.thin(curve, to: 20)
        #expect(thinned.count <= 20 && thinned.first == curve.first && thinned.last == curve.last)
    }

    @Test func reliabilityTableMatchesTheNumpyDefinition() throws {
        let (y, p, ref) = try fixture()
        let expected = try ref.objects("reliability")
        let table = try BinaryClassificationMetrics.reliabilityTable(labels: y, probabilities: p)
        #expect(table.count == expected.count)
        for (bin, e) in zip(table, expected) {
            #expect(bin.count == Int(try e.double("count")))
            #expect(abs(bin.meanPredicted - (try e.double("meanPredicted"))) < 1e-9)
            #expect(abs(bin.observedRate - (try e.double("observedRate"))) < 1e-9)
        }
    }

    @Test func smallCasesMatchHandComputedValues() throws {
        // Perfect ranking gives 1; a tie between a late and an on-time row counts one half.
        #expect(try BinaryClassificationMetrics.rocAUC(labels: [0, 0, 1, 1], scores: [0.1, 0.2, 0.8, 0.9]) == 1)
        #expect(try BinaryClassificationMetrics.rocAUC(labels: [0, 1], scores: [0.5, 0.5]) == 0.5)
        // y = [1,0,1], s = [.9,.8,.7]: AP = 1/2·1 + 1/2·2/3 = 5/6.
        #expect(abs(try BinaryClassificationMetrics.averagePrecision(labels: [1, 0, 1], scores: [0.9, 0.8, 0.7]) - 5.0 / 6) < 1e-15)
        // Clipping: log loss of a confident wrong answer is -log(ε), finite.
        let ll = try BinaryClassificationMetrics.logLoss(labels: [1], probabilities: [0])
        #expect(ll.isFinite && abs(ll + log(Double.ulpOfOne)) < 1e-12)
    }

    @Test func undefinedInputsAreRefused() throws {
        #expect(throws: ModelError.self) { try BinaryClassificationMetrics(labels: [1, 1], probabilities: [0.2, 0.3]) }
        #expect(throws: ModelError.self) { try BinaryClassificationMetrics(labels: [0, 1], probabilities: [0.2, .nan]) }
        #expect(throws: ModelError.self) { try BinaryClassificationMetrics(labels: [0, 1], probabilities: [0.2, 1.5]) }
        #expect(throws: ModelError.self) { try BinaryClassificationMetrics(labels: [0, 1, 0], probabilities: [0.2, 0.5]) }
    }

    @Test func survivesAJSONRoundTrip() throws {
        let (y, p, _) = try fixture()
        let m = try BinaryClassificationMetrics(labels: y, probabilities: p)
        let decoded = try JSONDecoder().decode(BinaryClassificationMetrics.self, from: JSONEncoder().encode(m))
        #expect(decoded == m)
    }
}
