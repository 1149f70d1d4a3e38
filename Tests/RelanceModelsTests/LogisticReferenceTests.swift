import Foundation
import Testing
@testable import RelanceModels

/// Agreement with statsmodels (maximum likelihood) and scikit-learn (L2, newton-cholesky) on the
/// committed 2000×6 design. Reference: `scripts/reference/make_logistic_fixture.py`
/// (statsmodels 0.15.0, scikit-learn 1.9.1); tolerance 1e-6 relative (floor 1e-3 absolute·1e-6).
@Suite struct LogisticReferenceTests {
    @Test func maximumLikelihoodMatchesStatsmodels() throws {
        let (x, y, names) = try LogisticFixtures.design()
        let ref = try LogisticFixtures.json("logistic_reference.json")
        let mle = try ref.object("mle")
        #expect(names == (ref["features"] as? [String]))
        let model = try LogisticRegression.fit(x, labels: y, featureNames: names, options: .maximumLikelihood)
        #expect(model.report.converged)
        #expect(model.coefficients.count == (try mle.doubles("coefficients")).count)
        #expect(agrees(model.intercept, try mle.double("intercept"), relative: 1e-6))
        for (a, b) in zip(model.coefficients, try mle.doubles("coefficients")) {
            #expect(agrees(a, b, relative: 1e-6), "standardised coefficient \(a) vs statsmodels \(b)")
        }
        // Raw scale, compared with an independent statsmodels fit on the raw design.
        #expect(agrees(model.rawIntercept, try mle.double("rawIntercept"), relative: 1e-6))
        for (a, b) in zip(model.rawCoefficients, try mle.doubles("rawCoefficients")) {
            #expect(agrees(a, b, relative: 1e-6, floor: 1e-9), "raw coefficient \(a) vs statsmodels \(b)")
        }
        #expect(agrees(model.report.logLikelihood, try mle.double("logLikelihood"), relative: 1e-10))
        #expect(model.report.penalisedObjective == -model.report.logLikelihood)
        // statsmodels' llnull comes from its own iterative intercept-only fit (≈1e-10 off the
        // closed form n[ȳ log ȳ + (1−ȳ) log(1−ȳ)], which Relance evaluates exactly).
        #expect(agrees(model.report.nullLogLikelihood, try mle.double("nullLogLikelihood"), relative: 1e-9))
        let rate = 610.0 / 2000
        #expect(agrees(model.report.nullLogLikelihood, 2000 * (rate * log(rate) + (1 - rate) * log(1 - rate)), relative: 1e-13))
        // Standard errors (statsmodels bse on [1, Z]); the Hessian is taken at the solution.
        let bse = try mle.doubles("standardErrors")
        #expect(agrees(model.report.interceptStandardError, bse[0], relative: 1e-6))
        for (a, b) in zip(model.report.standardErrors, bse.dropFirst()) { #expect(agrees(a, b, relative: 1e-6)) }
    }

    @Test func standardisationUsesPopulationStandardDeviation() throws {
        let (x, y, names) = try LogisticFixtures.design()
        let ref = try LogisticFixtures.json("logistic_reference.json").object("standardisation")
        let model = try LogisticRegression.fit(x, labels: y, featureNames: names)
        for (a, b) in zip(model.standardisation.means, try ref.doubles("means")) { #expect(agrees(a, b, relative: 1e-12)) }
        for (a, b) in zip(model.standardisation.sds, try ref.doubles("sds")) { #expect(agrees(a, b, relative: 1e-12)) }
    }

    @Test(arguments: [0, 1])
    func penalisedFitMatchesScikitLearn(block: Int) throws {
        let (x, y, names) = try LogisticFixtures.design()
        let ref = try LogisticFixtures.json("logistic_reference.json").objects("l2")[block]
        let lambda = try ref.double("lambda")
        let model = try LogisticRegression.fit(x, labels: y, featureNames: names, options: LogisticOptions(l2: lambda))
        #expect(model.report.converged)
        #expect(model.coefficients.count == (try ref.doubles("coefficients")).count)
        #expect(agrees(model.intercept, try ref.double("intercept"), relative: 1e-6))
        for (a, b) in zip(model.coefficients, try ref.doubles("coefficients")) {
            #expect(agrees(a, b, relative: 1e-6), "λ=\(lambda): coefficient \(a) vs scikit-learn \(b)")
        }
        #expect(agrees(model.report.penalisedObjective, try ref.double("penalisedObjective"), relative: 1e-10))
        #expect(agrees(model.report.logLikelihood, try ref.double("logLikelihood"), relative: 1e-10))
    }

    @Test func penaltyShrinksCoefficientsTowardZero() throws {
        let (x, y, names) = try LogisticFixtures.design()
        let free = try LogisticRegression.fit(x, labels: y, featureNames: names, options: .maximumLikelihood)
        let strong = try LogisticRegression.fit(x, labels: y, featureNames: names, options: LogisticOptions(l2: 50))
        let norm = { (m: LogisticModel) in m.coefficients.reduce(0) { $0 + $1 * $1 } }
        #expect(norm(strong) < norm(free))
        #expect(strong.report.logLikelihood < free.report.logLikelihood)
    }

    @Test func reportCarriesStatsmodelsStyleFigures() throws {
        let (x, y, names) = try LogisticFixtures.design()
        var seen: [(Int, Double)] = []
        let model = try LogisticRegression.fit(x, labels: y, featureNames: names, options: .maximumLikelihood) { seen.append(($0, $1)) }
        let r = model.report
        #expect(r.rows == 2000 && r.positives == 610)
        #expect(r.iterations >= 3 && r.iterations <= 15)
        #expect(r.gradientNorm <= 1e-10 * 2000)
        #expect(r.stepHalvings == 0)
        #expect(r.nullLogLikelihood < r.logLikelihood)
        #expect(r.pseudoRSquared > 0 && r.pseudoRSquared < 1)
        // Progress: one call per iteration, log-likelihood never decreasing.
        #expect(seen.map(\.0) == Array(1...r.iterations))
        for (a, b) in zip(seen, seen.dropFirst()) { #expect(b.1 >= a.1) }
    }
}
