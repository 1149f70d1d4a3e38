import Foundation
import Testing
@testable import RelanceModels

/// Platt re-calibration on constructed mis-calibrated scores and on an over-penalised model.
@Suite struct CalibrationTests {
    /// Count-weighted mean |mean predicted − observed rate| over probability deciles.
    func reliabilityError(_ y: [Double], _ p: [Double]) throws -> Double {
        let table = try BinaryClassificationMetrics.reliabilityTable(labels: y, probabilities: p)
        return table.reduce(0) { $0 + Double($1.count) * abs($1.meanPredicted - $1.observedRate) } / Double(y.count)
    }

    @Test func plattScalingRepairsAnOverconfidentBiasedScore() throws {
        // True log-odds η; the "model" reports 2.5·η + 1 (too sharp, and biased towards late).
        let s = syntheticLogistic(rows: 8000, coefficients: [-0.8, 0.9, -0.5], seed: 21)
        let reported = s.eta.map { 2.5 * $0 + 1 }
        let fitRows = 0..<4000, testRows = 4000..<8000
        let calibrator = try PlattCalibrator.fit(linearPredictor: Array(reported[fitRows]), labels: Array(s.labels[fitRows]))
        #expect(calibrator.report.converged)
        #expect(calibrator.report.positives == Int(s.labels[fitRows].reduce(0, +)))
        #expect(calibrator.report.notes.isEmpty)
        // It should undo the distortion: slope ≈ 1/2.5, intercept ≈ −1/2.5.
        #expect(abs(calibrator.slope - 0.4) < 0.05)
        #expect(abs(calibrator.intercept + 0.4) < 0.1)

        let y = Array(s.labels[testRows])
        let before = testRows.map { 1 / (1 + exp(-reported[$0])) }
        let after = calibrator.probabilities(linearPredictors: Array(reported[testRows]))
        let llBefore = try BinaryClassificationMetrics.logLoss(labels: y, probabilities: before)
        let llAfter = try BinaryClassificationMetrics.logLoss(labels: y, probabilities: after)
        #expect(llAfter < llBefore - 0.05, "log loss \(llBefore) → \(llAfter)")
        let relBefore = try reliabilityError(y, before), relAfter = try reliabilityError(y, after)
        #expect(relAfter < relBefore / 3, "reliability error \(relBefore) → \(relAfter)")
        // Calibration is monotone: the ranking (AUC) is unchanged.
        #expect(abs(try BinaryClassificationMetrics.rocAUC(labels: y, scores: before) - BinaryClassificationMetrics.rocAUC(labels: y, scores: after)) < 1e-12)
    }

    @Test func plattScalingRestoresAnOverPenalisedModel() throws {
        let s = syntheticLogistic(rows: 9000, coefficients: [-1.2, 1.1, 0.6, -0.7], seed: 33)
        let names = ["a", "b", "c"]
        let train = Array(0..<3000), calibrate = Array(3000..<6000), test = Array(6000..<9000)
        // λ = 3000 on 3000 rows: coefficients shrink hard, probabilities hug the base rate.
        let model = try LogisticRegression.fit(s.x.selectingRows(train), labels: train.map { s.labels[$0] },
                                               featureNames: names, options: LogisticOptions(l2: 3000))
        let etaCal = try model.linearPredictor(for: s.x.selectingRows(calibrate), featureNames: names)
        let calibrator = try PlattCalibrator.fit(linearPredictor: etaCal, labels: calibrate.map { s.labels[$0] })
        #expect(calibrator.slope > 1.5, "shrunken scores need stretching, slope \(calibrator.slope)")
        let etaTest = try model.linearPredictor(for: s.x.selectingRows(test), featureNames: names)
        let y = test.map { s.labels[$0] }
        let before = etaTest.map { 1 / (1 + exp(-$0)) }
        let after = calibrator.probabilities(linearPredictors: etaTest)
        #expect(try BinaryClassificationMetrics.logLoss(labels: y, probabilities: after) < BinaryClassificationMetrics.logLoss(labels: y, probabilities: before))
        #expect(try reliabilityError(y, after) < reliabilityError(y, before))
    }

    @Test func smoothedTargetsKeepASeparatedSliceFinite() throws {
        let eta: [Double] = [-3, -2, -1, 1, 2, 3]
        let labels: [Double] = [0, 0, 0, 1, 1, 1]
        let smooth = try PlattCalibrator.fit(linearPredictor: eta, labels: labels)
        #expect(smooth.slope.isFinite && smooth.slope > 0)
        #expect(throws: ModelError.self) { try PlattCalibrator.fit(linearPredictor: eta, labels: labels, smoothTargets: false) }
        #expect(throws: ModelError.self) { try PlattCalibrator.fit(linearPredictor: [1, 1, 1, 1], labels: [0, 1, 0, 1]) }
    }
}
