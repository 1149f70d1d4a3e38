#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// A logistic model unrolled for the scoring loop: contributions βⱼ·zⱼ written into a caller's
/// buffer, no allocation per row. Gives exactly ``LogisticModel/contributions(for:)`` and
/// η = intercept + Σ contributions (tested against the model).
struct LinearScorer: Sendable {
    let intercept: Double
    let beta: [Double]
    let mean: [Double]
    let sd: [Double]
    let calibration: PlattCalibrator?

    init(_ model: LogisticModel, calibration: PlattCalibrator?) {
        intercept = model.intercept
        beta = model.coefficients
        mean = model.standardisation.means
        sd = model.standardisation.sds
        self.calibration = calibration
    }

    /// Fills `c` with the contributions of row `x` and returns the linear predictor η.
    @inline(__always)
    func contributions(_ x: UnsafeBufferPointer<Double>, into c: UnsafeMutableBufferPointer<Double>) -> Double {
        var eta = intercept
        for j in 0..<beta.count {
            // Same arithmetic as FeatureStandardisation.standardise: (x − mean) / sd.
            let z = sd[j] > 0 ? (x[j] - mean[j]) / sd[j] : 0
            let v = x[j].isFinite ? beta[j] * z : .nan
            c[j] = v
            eta += v
        }
        return eta
    }

    /// The probability for η, calibrated when a calibrator is present.
    @inline(__always) func probability(_ eta: Double) -> Double {
        let t = calibration.map { $0.calibratedLinearPredictor(eta) } ?? eta
        return t >= 0 ? 1 / (1 + exp(-t)) : exp(t) / (1 + exp(t))
    }
}
