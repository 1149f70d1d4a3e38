import Foundation
import Testing
@testable import RelanceModels

/// Degenerate training data is detected and named, never turned into NaN coefficients.
@Suite struct LogisticDegenerateTests {
    /// Three informative columns plus whatever the test adds.
    func base(rows: Int = 400, seed: UInt64 = 7) -> (x: DenseMatrix, labels: [Double]) {
        let s = syntheticLogistic(rows: rows, coefficients: [-0.5, 1.0, -0.7, 0.3], seed: seed)
        return (s.x, s.labels)
    }

    func appendingColumn(_ x: DenseMatrix, _ column: (Int, [Double]) -> Double) -> DenseMatrix {
        var values = [Double]()
        for i in 0..<x.rows {
            let row = x.row(i)
            values.append(contentsOf: row)
            values.append(column(i, row))
        }
        return DenseMatrix(rows: x.rows, columns: x.columns + 1, values: values)
    }

    func allFinite(_ m: LogisticModel) -> Bool {
        ([m.intercept, m.rawIntercept, m.report.logLikelihood, m.report.gradientNorm] + m.coefficients + m.rawCoefficients).allSatisfy(\.isFinite)
    }

    @Test func constantFeatureIsDroppedNamedAndScoredAsZero() throws {
        let (x0, y) = base()
        let x = appendingColumn(x0) { _, _ in 30 }
        let names = ["a", "b", "c", "payment_terms_days"]
        let model = try LogisticRegression.fit(x, labels: y, featureNames: names)
        #expect(model.report.droppedConstantFeatures == ["payment_terms_days"])
        #expect(model.coefficients[3] == 0 && model.rawCoefficients[3] == 0)
        #expect(allFinite(model))
        // Same fit as without the column.
        let reference = try LogisticRegression.fit(x0, labels: y, featureNames: ["a", "b", "c"])
        for j in 0..<3 { #expect(abs(model.coefficients[j] - reference.coefficients[j]) < 1e-12) }
        // Scoring keeps the full schema, and the constant column's value does not matter.
        var changed = x.row(0); changed[3] = 45
        #expect(try model.probability(for: changed) == model.probability(for: x.row(0)))
        #expect(try model.probabilities(for: x, featureNames: names).count == x.rows)
    }

    @Test func constantFeatureIsRefusedByNameWhenAsked() throws {
        let (x0, y) = base()
        let x = appendingColumn(x0) { _, _ in 30 }
        let options = LogisticOptions(constantFeatures: .refuse)
        #expect(throws: ModelError.constantFeatures(["payment_terms_days"])) {
            try LogisticRegression.fit(x, labels: y, featureNames: ["a", "b", "c", "payment_terms_days"], options: options)
        }
        #expect(ModelError.constantFeatures(["payment_terms_days"]).description.contains("'payment_terms_days'"))
    }

    @Test func singleClassIsRefused() throws {
        let (x, y) = base()
        #expect(throws: ModelError.singleClass(label: 0, rows: x.rows)) {
            try LogisticRegression.fit(x, labels: y.map { _ in 0 }, featureNames: ["a", "b", "c"])
        }
    }

    @Test func tooFewRowsForTheParametersIsRefused() throws {
        let x = DenseMatrix(rows: 4, columns: 3, values: [1, 2, 3, 2, 1, 5, 3, 7, 1, 4, 4, 4])
        #expect(throws: ModelError.tooFewRows(rows: 4, parameters: 4)) {
            try LogisticRegression.fit(x, labels: [0, 1, 0, 1], featureNames: ["a", "b", "c"])
        }
        #expect(throws: ModelError.tooFewRows(rows: 0, parameters: 4)) {
            try LogisticRegression.fit(DenseMatrix(zeros: 0, 3), labels: [], featureNames: ["a", "b", "c"])
        }
    }

    @Test func completeSeparationWithoutPenaltyNamesTheFeature() throws {
        let (x0, y) = base()
        // "days_overdue" is > 0 exactly for late rows.
        let x = appendingColumn(x0) { i, _ in y[i] == 1 ? 5 + Double(i % 7) : -Double(i % 5) }
        let names = ["a", "b", "c", "days_overdue"]
        do {
            _ = try LogisticRegression.fit(x, labels: y, featureNames: names, options: .maximumLikelihood)
            Issue.record("separated data must not produce a maximum-likelihood fit")
        } catch let ModelError.separation(features, detail) {
            #expect(features == ["days_overdue"])
            #expect(detail.contains("alone separates"))
        }
        // With the default penalty the fit exists and is finite.
        let penalised = try LogisticRegression.fit(x, labels: y, featureNames: names)
        #expect(penalised.report.converged)
        #expect(allFinite(penalised))
        #expect(penalised.coefficients[3] > 1)
    }

    @Test func quasiSeparationByABinaryFlagIsDetected() throws {
        let (x0, y) = base(rows: 600, seed: 11)
        // The flag is 1 only on (some) late rows: on-time rows never have it.
        let x = appendingColumn(x0) { i, _ in y[i] == 1 && i % 3 == 0 ? 1 : 0 }
        do {
            _ = try LogisticRegression.fit(x, labels: y, featureNames: ["a", "b", "c", "disputed"], options: .maximumLikelihood)
            Issue.record("quasi-separated data must be reported")
        } catch let ModelError.separation(features, _) {
            #expect(features.contains("disputed"))
        }
    }

    @Test func collinearFeaturesAreNamedWithoutPenaltyAndNotedWithIt() throws {
        let (x0, y) = base()
        let x = appendingColumn(x0) { _, row in row[0] + 2 * row[1] }
        let names = ["a", "b", "c", "a_plus_2b"]
        do {
            _ = try LogisticRegression.fit(x, labels: y, featureNames: names, options: .maximumLikelihood)
            Issue.record("collinear design must be refused without a penalty")
        } catch let ModelError.collinearFeatures(feature, others) {
            #expect(feature == "a_plus_2b")
            #expect(Set(others) == ["a", "b"])
        }
        let penalised = try LogisticRegression.fit(x, labels: y, featureNames: names)
        #expect(allFinite(penalised))
        #expect(penalised.report.notes.count == 1)
        #expect(penalised.report.notes.first?.contains("'a_plus_2b'") == true)
    }

    @Test func nonFiniteValuesAreRefusedWithRowAndFeature() throws {
        var (x, y) = base()
        x[4, 1] = .nan
        #expect(throws: ModelError.nonFiniteValue(row: 5, feature: "b")) {
            try LogisticRegression.fit(x, labels: y, featureNames: ["a", "b", "c"])
        }
        x[4, 1] = 0
        x[9, 2] = -.infinity
        #expect(throws: ModelError.nonFiniteValue(row: 10, feature: "c")) {
            try LogisticRegression.fit(x, labels: y, featureNames: ["a", "b", "c"])
        }
    }

    @Test func labelsOtherThanZeroOrOneAreRefused() throws {
        var (x, y) = base()
        y[2] = 2
        #expect(throws: ModelError.invalidLabel(row: 3, value: 2)) {
            try LogisticRegression.fit(x, labels: y, featureNames: ["a", "b", "c"])
        }
        y[2] = .nan
        #expect(throws: ModelError.self) { try LogisticRegression.fit(x, labels: y, featureNames: ["a", "b", "c"]) }
    }

    @Test func mismatchedInputsAreRefused() throws {
        let (x, y) = base()
        #expect(throws: ModelError.self) { try LogisticRegression.fit(x, labels: Array(y.dropLast()), featureNames: ["a", "b", "c"]) }
        #expect(throws: ModelError.self) { try LogisticRegression.fit(x, labels: y, featureNames: ["a", "b"]) }
        #expect(throws: ModelError.duplicateFeature("a")) { try LogisticRegression.fit(x, labels: y, featureNames: ["a", "b", "a"]) }
        #expect(throws: ModelError.self) { try LogisticRegression.fit(x, labels: y, featureNames: ["a", "b", "c"], options: LogisticOptions(l2: -1)) }
    }

    @Test func separationByACombinationOfFeaturesIsDetected() throws {
        // Late exactly when a + b > 0: no single feature separates, the pair does.
        let (x, _) = base(rows: 300, seed: 17)
        let y = (0..<x.rows).map { x[$0, 0] + x[$0, 1] > 0 ? 1.0 : 0.0 }
        do {
            _ = try LogisticRegression.fit(x, labels: y, featureNames: ["a", "b", "c"], options: .maximumLikelihood)
            Issue.record("separated data must not produce a maximum-likelihood fit")
        } catch let ModelError.separation(features, _) {
            #expect(Set(features).isSuperset(of: ["a", "b"]))
            #expect(!features.contains("c"))
        }
    }

    @Test func rareStrongFlagsAndRareLateRowsAreNotMistakenForSeparation() throws {
        // 2 % late rows, and a flag set on 1 % of rows that multiplies the odds by e^2.5 but
        // does not separate: the MLE exists and must be returned.
        var rng = SeededRandom(seed: 44)
        var values: [Double] = [], y: [Double] = []
        for _ in 0..<20000 {
            let a = rng.normal(), flag: Double = rng.uniform() < 0.01 ? 1 : 0
            values += [a, flag]
            let eta = -4.2 + 0.8 * a + 2.5 * flag
            y.append(rng.uniform() < 1 / (1 + exp(-eta)) ? 1 : 0)
        }
        let x = DenseMatrix(rows: 20000, columns: 2, values: values)
        let model = try LogisticRegression.fit(x, labels: y, featureNames: ["a", "flag"], options: .maximumLikelihood)
        #expect(model.report.converged)
        #expect(abs(model.rawCoefficients[1] - 2.5) < 0.6)
    }

    @Test func hittingTheIterationLimitIsReportedNotHidden() throws {
        let (x, y) = base()
        let model = try LogisticRegression.fit(x, labels: y, featureNames: ["a", "b", "c"], options: LogisticOptions(maxIterations: 1))
        #expect(!model.report.converged)
        #expect(model.report.iterations == 1)
        #expect(model.report.gradientNorm > 0 && allFinite(model))
    }

    @Test func fewRowsOfTheRarerClassPerFeatureAreNoted() throws {
        let (x, y) = base(rows: 60, seed: 5)
        let model = try LogisticRegression.fit(x, labels: y, featureNames: ["a", "b", "c"])
        let rarer = min(model.report.positives, 60 - model.report.positives)
        #expect(rarer < 30)
        #expect(model.report.notes.contains { $0.contains("fewer than 10 per feature") })
        let large = try LogisticRegression.fit(base().x, labels: base().labels, featureNames: ["a", "b", "c"])
        #expect(large.report.notes.isEmpty)
    }
}
