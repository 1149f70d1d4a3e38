import Foundation
import Testing
@testable import RelanceModels

/// Using a fitted model: schema checks, predictions on raw inputs, contributions, persistence.
@Suite struct LogisticModelTests {
    let names = ["avg_days_late", "amount", "tenure_years"]

    func fitted() throws -> (LogisticModel, DenseMatrix) {
        let s = syntheticLogistic(rows: 1500, coefficients: [-1, 0.8, 0.4, -0.6], seed: 3)
        // Put the columns on raw-looking scales so standardisation matters.
        var x = s.x
        for i in 0..<x.rows {
            x[i, 0] = 12 + 6 * x[i, 0]
            x[i, 1] = 2500 + 900 * x[i, 1]
            x[i, 2] = 4 + 2 * x[i, 2]
        }
        return (try LogisticRegression.fit(x, labels: s.labels, featureNames: names), x)
    }

    @Test func recoversTheGeneratingCoefficientsOnTheStandardisedScale() throws {
        let s = syntheticLogistic(rows: 20000, coefficients: [-1, 0.8, 0.4, -0.6], seed: 5)
        let model = try LogisticRegression.fit(s.x, labels: s.labels, featureNames: names, options: .maximumLikelihood)
        // sd of each column ≈ 1, so standardised ≈ generating coefficients (sampling error ~0.03).
        for (a, b) in zip(model.coefficients, [0.8, 0.4, -0.6]) { #expect(abs(a - b) < 0.1) }
        #expect(abs(model.intercept + 1) < 0.1)
    }

    @Test func refusesAMatrixWhoseFeaturesDiffer() throws {
        let (model, x) = try fitted()
        #expect(throws: ModelError.schemaMismatch(position: 1, expected: "amount", found: "tenure_years")) {
            try model.probabilities(for: x, featureNames: ["avg_days_late", "tenure_years", "amount"])
        }
        #expect(throws: ModelError.schemaMismatch(position: 2, expected: "tenure_years", found: nil)) {
            try model.checkSchema(["avg_days_late", "amount"])
        }
        #expect(throws: ModelError.schemaMismatch(position: 3, expected: nil, found: "channel")) {
            try model.checkSchema(names + ["channel"])
        }
        #expect(ModelError.schemaMismatch(position: 1, expected: "amount", found: "tenure_years").description
            == "feature 2 is 'tenure_years' but the model expects 'amount': features must match the model's names and order")
    }

    @Test func rawAndStandardisedCoefficientsGiveTheSamePredictions() throws {
        let (model, x) = try fitted()
        let p = try model.probabilities(for: x, featureNames: names)
        for i in stride(from: 0, to: x.rows, by: 97) {
            let row = x.row(i)
            var raw = model.rawIntercept
            for j in 0..<3 { raw += model.rawCoefficients[j] * row[j] }
            #expect(abs(1 / (1 + exp(-raw)) - p[i]) < 1e-12)
            #expect(abs(try model.probability(for: row) - p[i]) < 1e-12)
        }
    }

    @Test func contributionsAddUpToTheLinearPredictor() throws {
        let (model, x) = try fitted()
        let eta = try model.linearPredictor(for: x, featureNames: names)
        for i in [0, 10, 500] {
            let c = try model.contributions(for: x.row(i))
            #expect(abs(c.reduce(model.intercept, +) - eta[i]) < 1e-12)
            // Sign follows the coefficient and the side of the mean.
            let z = (x[i, 0] - model.standardisation.means[0]) / model.standardisation.sds[0]
            #expect(abs(c[0] - model.coefficients[0] * z) < 1e-12)
        }
        // An invoice exactly at the training means has no contributions.
        #expect(try model.contributions(for: model.standardisation.means).allSatisfy { abs($0) < 1e-12 })
    }

    @Test func refusesNonFiniteValuesWhenScoring() throws {
        let (model, x0) = try fitted()
        var x = x0
        x[7, 2] = .nan
        #expect(throws: ModelError.nonFiniteValue(row: 8, feature: "tenure_years")) {
            try model.probabilities(for: x, featureNames: names)
        }
        #expect(throws: ModelError.self) { try model.contributions(for: [1, .infinity, 3]) }
        #expect(throws: ModelError.self) { try model.contributions(for: [1, 2]) }
    }

    @Test func survivesAJSONRoundTrip() throws {
        let (model, _) = try fitted()
        let data = try JSONEncoder().encode(model)
        let decoded = try JSONDecoder().decode(LogisticModel.self, from: data)
        #expect(decoded == model)
    }

    @Test func summaryListsEveryFeatureAndTheFitFigures() throws {
        let (model, _) = try fitted()
        let text = model.summary
        for name in names { #expect(text.contains(name)) }
        #expect(text.contains("converged yes"))
        #expect(text.contains("rows 1500"))
    }

    @Test func aDamagedSavedModelIsRefusedAtLoad() throws {
        let (model, _) = try fitted()
        let data = try JSONEncoder().encode(model)
        guard var object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            Issue.record("model did not encode as a JSON object"); return
        }
        object["coefficients"] = [0.1, 0.2]
        let damaged = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(LogisticModel.self, from: damaged) }
    }

    @Test func integerRowWeightsEqualDuplicatedRows() throws {
        let s = syntheticLogistic(rows: 300, coefficients: [0.2, 0.9, -0.4, 0.1], seed: 9)
        let weights = (0..<300).map { Double($0 % 3) + 1 }
        var rows: [Int] = []
        for i in 0..<300 { rows += Array(repeating: i, count: Int(weights[i])) }
        let duplicated = s.x.selectingRows(rows)
        let labels = rows.map { s.labels[$0] }
        // Standardisation is unweighted, so compare on the raw scale with λ = 0.
        let weighted = try LogisticRegression.fit(s.x, labels: s.labels, featureNames: names, options: .maximumLikelihood, rowWeights: weights)
        let expanded = try LogisticRegression.fit(duplicated, labels: labels, featureNames: names, options: .maximumLikelihood)
        #expect(abs(weighted.rawIntercept - expanded.rawIntercept) < 1e-9)
        for j in 0..<3 { #expect(abs(weighted.rawCoefficients[j] - expanded.rawCoefficients[j]) < 1e-9) }
        #expect(abs(weighted.report.logLikelihood - expanded.report.logLikelihood) < 1e-8)
    }
}
