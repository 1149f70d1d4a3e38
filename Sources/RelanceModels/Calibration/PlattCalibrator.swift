import LinearAlgebra

/// Platt scaling: a one-feature logistic regression p = σ(slope·η + intercept) fitted on a
/// held-out slice's linear predictor η, to re-calibrate probabilities.
///
/// An L2 penalty shrinks coefficients (probabilities too timid), class weights or resampling
/// shift the intercept, and a drifting portfolio does both; the ranking survives but the
/// probabilities stop meaning "this share of such invoices is paid late". Fitting slope and
/// intercept on rows the model has not seen restores that, without changing the order of scores.
/// The fit reuses the IRLS code of ``LogisticRegression`` (λ = 0).
///
/// By default the targets are Platt's (1999) smoothed labels — (N₊ + 1)/(N₊ + 2) for late rows and
/// 1/(N₋ + 2) for on-time rows — which keep the fit finite when the slice is perfectly separated.
public struct PlattCalibrator: Codable, Sendable, Equatable {
    /// Multiplies the model's linear predictor (< 1 tames an over-confident model).
    public let slope: Double
    /// Added after scaling (corrects a biased base rate).
    public let intercept: Double
    /// Whether Platt's smoothed targets were used.
    public let smoothedTargets: Bool
    /// The IRLS fit report for (slope, intercept).
    public let report: LogisticFitReport

    /// Fits slope and intercept on held-out linear predictors and their 0/1 labels.
    public static func fit(linearPredictor eta: [Double], labels: [Double], smoothTargets: Bool = true) throws -> PlattCalibrator {
        guard eta.count == labels.count else {
            throw ModelError.dimensionMismatch("\(eta.count) linear predictors for \(labels.count) labels")
        }
        for (i, y) in labels.enumerated() where y != 0 && y != 1 { throw ModelError.invalidLabel(row: i + 1, value: y) }
        let positives = labels.reduce(0, +), negatives = Double(labels.count) - positives
        let high = (positives + 1) / (positives + 2), low = 1 / (negatives + 2)
        let targets = smoothTargets ? labels.map { $0 == 1 ? high : low } : labels
        let x = DenseMatrix(rows: eta.count, columns: 1, values: eta)
        let model: LogisticModel
        do {
            model = try LogisticRegression.fitTargets(
                x, targets: targets, featureNames: ["linear predictor"],
                options: LogisticOptions(l2: 0, constantFeatures: .refuse), rowWeights: nil, progress: nil)
        } catch ModelError.constantFeatures {
            throw ModelError.undefinedMetric("calibration: the model gives every held-out row the same score")
        }
        return PlattCalibrator(slope: model.rawCoefficients[0], intercept: model.rawIntercept,
                               smoothedTargets: smoothTargets, report: model.report)
    }

    public init(slope: Double, intercept: Double, smoothedTargets: Bool, report: LogisticFitReport) {
        self.slope = slope
        self.intercept = intercept
        self.smoothedTargets = smoothedTargets
        self.report = report
    }

    /// The re-calibrated linear predictor slope·η + intercept.
    public func calibratedLinearPredictor(_ eta: Double) -> Double { slope * eta + intercept }

    /// The re-calibrated probability for one linear predictor.
    public func probability(linearPredictor eta: Double) -> Double { logistic(calibratedLinearPredictor(eta)) }

    /// Re-calibrated probabilities for many linear predictors.
    public func probabilities(linearPredictors eta: [Double]) -> [Double] { eta.map { probability(linearPredictor: $0) } }
}
