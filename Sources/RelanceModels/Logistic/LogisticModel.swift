import Foundation
import LinearAlgebra

/// A fitted late-payment logistic regression: everything needed to score raw feature rows, plus
/// how the fit went.
///
/// Coefficients exist on two scales. `coefficients` are per standard deviation of each feature
/// (comparable across features, what the penalty acts on, what `contributions` use); `rawCoefficients`
/// are per unit of the raw feature (what a spreadsheet would use: η = rawIntercept + Σ rawβⱼ·xⱼ).
/// Both give the same linear predictor. A dropped constant feature has coefficient 0 on both.
public struct LogisticModel: Codable, Sendable, Equatable {
    /// Feature names in the order the model expects them.
    public let featureNames: [String]
    /// Means and population standard deviations from the training rows.
    public let standardisation: FeatureStandardisation
    /// β₀ on the standardised scale (log-odds at the training means).
    public let intercept: Double
    /// βⱼ per standard deviation of feature j.
    public let coefficients: [Double]
    /// Intercept for raw inputs: β₀ − Σ βⱼ meanⱼ / sdⱼ.
    public let rawIntercept: Double
    /// βⱼ / sdⱼ, per raw unit of feature j.
    public let rawCoefficients: [Double]
    /// Iterations, convergence, log-likelihood, gradient norm, dropped features.
    public let report: LogisticFitReport

    public init(featureNames: [String], standardisation: FeatureStandardisation, intercept: Double,
                coefficients: [Double], rawIntercept: Double, rawCoefficients: [Double], report: LogisticFitReport) {
        self.featureNames = featureNames
        self.standardisation = standardisation
        self.intercept = intercept
        self.coefficients = coefficients
        self.rawIntercept = rawIntercept
        self.rawCoefficients = rawCoefficients
        self.report = report
    }

    private enum CodingKeys: String, CodingKey {
        case featureNames, standardisation, intercept, coefficients, rawIntercept, rawCoefficients, report
    }

    /// Decodes a saved model and refuses one whose arrays disagree in length or hold non-finite
    /// numbers, so a damaged bundle fails at load time instead of crashing at scoring time.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        featureNames = try c.decode([String].self, forKey: .featureNames)
        standardisation = try c.decode(FeatureStandardisation.self, forKey: .standardisation)
        intercept = try c.decode(Double.self, forKey: .intercept)
        coefficients = try c.decode([Double].self, forKey: .coefficients)
        rawIntercept = try c.decode(Double.self, forKey: .rawIntercept)
        rawCoefficients = try c.decode([Double].self, forKey: .rawCoefficients)
        report = try c.decode(LogisticFitReport.self, forKey: .report)
        let p = featureNames.count
        guard coefficients.count == p, rawCoefficients.count == p,
              standardisation.means.count == p, standardisation.sds.count == p else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription:
                "logistic model: \(p) features but \(coefficients.count) coefficients, \(rawCoefficients.count) raw coefficients, \(standardisation.means.count) means, \(standardisation.sds.count) standard deviations"))
        }
        let numbers = [intercept, rawIntercept] + coefficients + rawCoefficients + standardisation.means + standardisation.sds
        guard numbers.allSatisfy(\.isFinite), standardisation.sds.allSatisfy({ $0 >= 0 }) else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription:
                "logistic model: coefficients and standardisation must be finite, standard deviations ≥ 0"))
        }
    }

    /// Throws ``ModelError/schemaMismatch(position:expected:found:)`` at the first position where
    /// `names` differ from the model's features (a reordered, renamed, missing or extra column).
    public func checkSchema(_ names: [String]) throws {
        for i in 0..<max(names.count, featureNames.count) {
            let expected = i < featureNames.count ? featureNames[i] : nil
            let found = i < names.count ? names[i] : nil
            if expected != found { throw ModelError.schemaMismatch(position: i, expected: expected, found: found) }
        }
    }

    /// η = β₀ + Σ βⱼ zⱼ for every row of a raw matrix whose columns are `featureNames`.
    public func linearPredictor(for x: DenseMatrix, featureNames names: [String]) throws -> [Double] {
        try linearPredictor(for: x, rows: 0..<x.rows, featureNames: names)
    }

    /// η for the contiguous rows `rows` of a raw matrix only (a held-out tail of a time-ordered
    /// matrix), as `linearPredictor(for:featureNames:)` on a copy of those rows would give.
    public func linearPredictor(for x: DenseMatrix, rows: Range<Int>, featureNames names: [String]) throws -> [Double] {
        try checkSchema(names)
        guard rows.lowerBound >= 0, rows.upperBound <= x.rows else {
            throw ModelError.dimensionMismatch("rows \(rows.lowerBound)..<\(rows.upperBound) of a \(x.rows)-row matrix")
        }
        try checkFinite(x, rows: rows)
        let active = (0..<featureNames.count).filter { standardisation.sds[$0] > 0 }
        let design = StandardisedDesign(
            base: x, rowRange: rows, columns: active, shift: active.map { standardisation.means[$0] },
            scale: active.map { 1 / standardisation.sds[$0] }, includesIntercept: true)
        return try design.multiply([intercept] + active.map { coefficients[$0] })
    }

    /// Probability of late payment for every row of a raw matrix whose columns are `featureNames`.
    public func probabilities(for x: DenseMatrix, featureNames names: [String]) throws -> [Double] {
        try linearPredictor(for: x, featureNames: names).map(logistic)
    }

    /// η for one raw row in the model's feature order.
    public func linearPredictor(for row: [Double]) throws -> Double {
        try contributions(for: row).reduce(intercept, +)
    }

    /// Probability of late payment for one raw row in the model's feature order.
    public func probability(for row: [Double]) throws -> Double {
        logistic(try linearPredictor(for: row))
    }

    /// Signed contribution βⱼ·zⱼ of each feature to one row's log-odds, relative to an invoice at
    /// the training means (η = intercept + Σ contributions). Positive pushes towards "late".
    /// This is what plain-language reasons are ranked by.
    public func contributions(for row: [Double]) throws -> [Double] {
        guard row.count == featureNames.count else {
            throw ModelError.dimensionMismatch("row has \(row.count) values, the model has \(featureNames.count) features")
        }
        return try row.indices.map { j in
            guard row[j].isFinite else { throw ModelError.nonFiniteValue(row: 1, feature: featureNames[j]) }
            return coefficients[j] * standardisation.standardise(row[j], feature: j)
        }
    }

    private func checkFinite(_ x: DenseMatrix, rows: Range<Int>) throws {
        let p = x.columns
        let bad: Int? = x.values.withUnsafeBufferPointer { v in
            for i in (rows.lowerBound * p)..<(rows.upperBound * p) where !v[i].isFinite { return i - rows.lowerBound * p }
            return nil
        }
        if let b = bad { throw ModelError.nonFiniteValue(row: b / p + 1, feature: featureNames[b % p]) }
    }
}
