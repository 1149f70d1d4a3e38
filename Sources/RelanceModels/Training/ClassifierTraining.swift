import Foundation
import LinearAlgebra
import RelanceData

/// The shared recipe of both logistic models: time split, calibration decision, held-out metrics,
/// refit on every labelled row.
///
/// Rows arrive sorted by their time key (issue day, or landmark day), so "the earlier part" is a
/// prefix of the matrix and no row is copied more than once per fit.
struct ClassifierTraining {
    /// Which model (`late`, `severe_delay`), for progress and error messages.
    var name: String
    /// Row-major raw features with `featureNames.count` columns; this model's rows are the
    /// `labels.count` rows from `firstRow` on, in time order. (Both models' rows come from one
    /// feature sweep into one array: each reads its own part in place, no copy is split off.)
    var values: [Double]
    /// The matrix row of this model's first row.
    var firstRow: Int = 0
    var featureNames: [String]
    var labels: [Double]
    /// Time key of each row, non-decreasing.
    var days: [Int32]
    /// Column holding the baseline score (a probability known at the row's as-of day).
    var baselineColumn: Int
    /// Per row, the last day on which its label could still be unknown (due + grace for late
    /// payment, due + 30 for severe delay): rows with this day before the as-of day are "matured",
    /// their label was bound to be known whatever the outcome.
    var labelKnownAfter: [Int32]
    var options: TrainingOptions

    struct Outcome {
        var model: LogisticModel
        var calibrator: PlattCalibrator?
        var evaluation: HeldOutEvaluation
    }

    /// Index of the first test row: the rows on or after the day found at sorted position
    /// ⌊(1 − fraction)·n⌋ are held out (the rule of scripts/bench/peer_train.py, so both pipelines
    /// evaluate on the same rows). Throws when the cut leaves either side empty.
    static func cut(days: ArraySlice<Int32>, fraction: Double, what: String) throws -> Int {
        let n = days.count
        guard n >= 2 else { throw TrainingError.tooLittleHistory("\(what): \(n) row(s), need at least two to split by date") }
        let base = days.startIndex
        let k = min(n - 1, Int(Double(n) * (1 - fraction)))
        let cutDay = days[base + k]
        var first = base + k
        while first > base && days[first - 1] >= cutDay { first -= 1 }
        guard first > base else {
            throw TrainingError.tooLittleHistory(
                "\(what): all \(n) rows fall on or after \(Day(raw: cutDay).iso), so none is left to train on; a time split needs rows from several days")
        }
        return first - base
    }

    func run(progress: (TrainingEvent) -> Void) throws -> Outcome {
        try withoutActuallyEscaping(progress) { try run(escapingProgress: $0) }
    }

    private func run(escapingProgress progress: @escaping (TrainingEvent) -> Void) throws -> Outcome {
        let n = labels.count, p = featureNames.count
        let trainEnd = try Self.cut(days: days[...], fraction: options.holdOutFraction, what: "\(name) model: held-out split")
        let calibrationStart = try? Self.cut(
            days: days[0..<trainEnd], fraction: options.calibrationFraction, what: "\(name) model: calibration slice")
        let logisticOptions = LogisticOptions(l2: options.l2)

        // One shared matrix; each fit and prediction reads its row range in place (no copies).
        let all = DenseMatrix(rows: values.count / max(p, 1), columns: p, values: values)
        let offset = firstRow
        guard offset >= 0, offset + n <= all.rows else {
            throw TrainingError.stepFailed(step: "\(name) model", reason: "rows \(offset)..<\(offset + n) of a \(all.rows)-row matrix")
        }
        /// A range of this model's rows as matrix rows.
        func matrixRows(_ rows: Range<Int>) -> Range<Int> { (offset + rows.lowerBound)..<(offset + rows.upperBound) }
        // Each fit covers a prefix of the next one's rows, so the previous coefficients are a close
        // start: Newton then needs two or three iterations instead of five or six, to the same optimum.
        // The held-out and calibration fits are used only for their predictions (their reports are
        // not kept), so they skip the report-only work; the bundle's fit gets the full treatment.
        var warmStart: LogisticModel?
        // The fits' row ranges are nested prefixes: their column summaries come from one read.
        let prefixEnds = Array(Set([calibrationStart, trainEnd, n].compactMap { $0 }.filter { $0 >= 2 })).sorted()
        var summaries: [Int: ColumnSummary] = [:]
        if let computed = try? ColumnSummary.computePrefixes(
            all, start: offset, ends: prefixEnds.map { offset + $0 }, featureNames: featureNames) {
            for (end, summary) in zip(prefixEnds, computed) { summaries[end] = summary }
        }
        func fit(_ rows: Range<Int>, _ label: String, forPredictionsOnly: Bool = true) throws -> LogisticModel {
            do {
                let report = { (iteration: Int, ll: Double) in
                    progress(.iteration(fit: "\(name) model, \(label)", iteration: iteration, logLikelihood: ll))
                }
                let model = try LogisticRegression.fitRows(
                    all, rows: matrixRows(rows), labels: Array(labels[rows]), featureNames: featureNames, options: logisticOptions,
                    warmStart: warmStart, rigour: forPredictionsOnly ? .predictionsOnly : .full,
                    summary: rows.lowerBound == 0 ? summaries[rows.upperBound] : nil, progress: report)
                warmStart = model
                return model
            } catch let e as ModelError {
                throw TrainingError.stepFailed(step: "\(name) model (\(label), \(rows.count) rows)", reason: e.description)
            }
        }
        func eta(_ model: LogisticModel, _ rows: Range<Int>) throws -> [Double] {
            try model.linearPredictor(for: all, rows: matrixRows(rows), featureNames: featureNames)
        }
        func metrics(_ y: [Double], _ probabilities: [Double], _ what: String) throws -> BinaryClassificationMetrics {
            do {
                return try BinaryClassificationMetrics(labels: y, probabilities: probabilities, bins: min(10, y.count), rocPointLimit: 101)
            } catch let e as ModelError {
                throw TrainingError.tooLittleHistory("\(name) model: \(what): \(e.description)")
            }
        }

        // 1. Calibration decision, on the newest training rows only.
        let calibration = try calibrationStart.map {
            try decideCalibration(fitRows: 0..<$0, sliceRows: $0..<trainEnd, fit: { try fit($0, $1) }, eta: eta)
        } ?? CalibrationDecision(
            applied: false, sliceRows: 0, checkLogLossBefore: nil, checkLogLossAfter: nil, calibrator: nil,
            reason: "every training row was issued on the same day, so no calibration slice could be set aside; probabilities left as fitted")

        // 2. Held-out evaluation of a model fitted on the training rows.
        let trainModel = try fit(0..<trainEnd, "train split")
        let testRows = trainEnd..<n
        let testLabels = Array(labels[testRows])
        let testEta = try eta(trainModel, testRows)
        let raw = testEta.map(logistic)
        let rawMetrics = try metrics(testLabels, raw, "held-out rows")
        var deliveredMetrics = rawMetrics
        var uncalibrated: BinaryClassificationMetrics?
        if let c = calibration.calibrator, calibration.applied {
            deliveredMetrics = try metrics(testLabels, c.probabilities(linearPredictors: testEta), "held-out rows")
            uncalibrated = rawMetrics
        }
        let baselineScores = testRows.map { min(max(values[(offset + $0) * p + baselineColumn], 0), 1) }
        let baseline = try metrics(testLabels, baselineScores, "baseline on held-out rows")
        // The newest held-out rows carry a label only if already paid (or already overdue): a late
        // payer not yet due is censored. Matured rows are free of that selection.
        let delivered = uncalibrated == nil ? raw : calibration.calibrator.map { $0.probabilities(linearPredictors: testEta) } ?? raw
        let maturedIndex = (0..<testRows.count).filter { labelKnownAfter[testRows.lowerBound + $0] < options.asOf.raw }
        let matured = maturedIndex.count >= 10 ? try? BinaryClassificationMetrics(
            labels: maturedIndex.map { testLabels[$0] }, probabilities: maturedIndex.map { delivered[$0] },
            bins: 10, rocPointLimit: 2) : nil
        let maturedUncalibratedLogLoss = matured != nil && uncalibrated != nil ? try? BinaryClassificationMetrics.logLoss(
            labels: maturedIndex.map { testLabels[$0] }, probabilities: maturedIndex.map { raw[$0] }) : nil

        // 3. The bundle's model: every labelled row.
        let final = try fit(0..<n, "final", forPredictionsOnly: false)
        let allProbabilities = try eta(final, 0..<n).map(logistic)
        let trainLogLoss = try BinaryClassificationMetrics.logLoss(labels: labels, probabilities: allProbabilities)

        let evaluation = HeldOutEvaluation(
            trainWindow: TrainingWindow(sortedDays: days, 0..<trainEnd), testWindow: TrainingWindow(sortedDays: days, testRows),
            model: deliveredMetrics, uncalibrated: uncalibrated, matured: matured,
            maturedUncalibratedLogLoss: maturedUncalibratedLogLoss, baseline: baseline, calibration: calibration,
            trainLogLoss: trainLogLoss, l2: options.l2, iterations: final.report.iterations, converged: final.report.converged)
        return Outcome(model: final, calibrator: calibration.applied ? calibration.calibrator : nil, evaluation: evaluation)
    }

    /// Fits a model on `fitRows`, scores `sliceRows`; Platt is fitted on the slice's older half and
    /// judged on its newer half, and kept (refitted on the whole slice) only if it lowers log loss.
    private func decideCalibration(
        fitRows: Range<Int>, sliceRows: Range<Int>,
        fit: (Range<Int>, String) throws -> LogisticModel, eta: (LogisticModel, Range<Int>) throws -> [Double]
    ) throws -> CalibrationDecision {
        // On a short history the earlier training rows may not support a fit of their own (one
        // class, fewer rows than parameters): then there is no honest evidence for calibration.
        let model: LogisticModel
        do {
            model = try fit(fitRows, "calibration fit")
        } catch let e as TrainingError {
            return CalibrationDecision(
                applied: false, sliceRows: sliceRows.count, checkLogLossBefore: nil, checkLogLossAfter: nil, calibrator: nil,
                reason: "no model could be fitted on the training rows before the calibration slice (\(e.description)); probabilities left as fitted")
        }
        let e = try eta(model, sliceRows)
        let y = Array(labels[sliceRows])
        let halfCut: Int
        do {
            halfCut = try Self.cut(days: days[sliceRows], fraction: 0.5, what: "calibration check")
        } catch {
            return CalibrationDecision(
                applied: false, sliceRows: y.count, checkLogLossBefore: nil, checkLogLossAfter: nil, calibrator: nil,
                reason: "calibration slice spans a single day; probabilities left as fitted")
        }
        let fitHalf = 0..<halfCut, checkHalf = halfCut..<y.count
        let before = try? BinaryClassificationMetrics.logLoss(
            labels: Array(y[checkHalf]), probabilities: e[checkHalf].map(logistic))
        guard let candidate = try? PlattCalibrator.fit(linearPredictor: Array(e[fitHalf]), labels: Array(y[fitHalf])) else {
            return CalibrationDecision(
                applied: false, sliceRows: y.count, checkLogLossBefore: before, checkLogLossAfter: nil, calibrator: nil,
                reason: "Platt scaling could not be fitted on the calibration slice (one class only or constant scores); probabilities left as fitted")
        }
        let after = try? BinaryClassificationMetrics.logLoss(
            labels: Array(y[checkHalf]), probabilities: candidate.probabilities(linearPredictors: Array(e[checkHalf])))
        guard let b = before, let a = after, a < b, let whole = try? PlattCalibrator.fit(linearPredictor: e, labels: y) else {
            return CalibrationDecision(
                applied: false, sliceRows: y.count, checkLogLossBefore: before, checkLogLossAfter: after, calibrator: nil,
                reason: "Platt scaling did not lower the log loss on the newest calibration rows; probabilities left as fitted")
        }
        return CalibrationDecision(
            applied: true, sliceRows: y.count, checkLogLossBefore: before, checkLogLossAfter: after, calibrator: whole,
            reason: "Platt scaling lowered the log loss on the newest calibration rows; applied (slope \(String(format: "%.3f", whole.slope)), intercept \(String(format: "%.3f", whole.intercept)))")
    }
}

