import Foundation
import Testing
@testable import RelanceModels

/// Real data: the UCI "default of credit card clients" file (30,000 clients, 23 features),
/// compared with statsmodels `Logit` and scikit-learn (λ = 1) on the same standardised design.
/// Reference figures: `Fixtures/uci_reference.json` from `scripts/reference/make_logistic_fixture.py`.
/// The data set is third-party and not committed: the test is skipped (and says so) without it.
@Suite struct LogisticUCICreditTests {
    static let relativePath = "uci-taiwan-credit-default/UCI_Credit_Card.csv"
    static let file = LogisticFixtures.sharedDataset(relativePath)

    static func load(_ url: URL) throws -> (x: DenseMatrix, labels: [Double], names: [String]) {
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline)
        let header = lines.removeFirst().split(separator: ",").map { $0.replacingOccurrences(of: "\"", with: "") }
        guard header.first == "ID", header.last == "default.payment.next.month" else { throw FixtureError("unexpected UCI header") }
        let p = header.count - 2
        var values = [Double](), labels = [Double]()
        values.reserveCapacity(lines.count * p)
        for (n, line) in lines.enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == p + 2 else { throw FixtureError("UCI line \(n + 2): \(fields.count) fields") }
            for f in fields[1...p] {
                guard let v = Double(f) else { throw FixtureError("UCI line \(n + 2): bad number") }
                values.append(v)
            }
            guard let y = Double(fields[p + 1]) else { throw FixtureError("UCI line \(n + 2): bad label") }
            labels.append(y)
        }
        return (DenseMatrix(rows: labels.count, columns: p, values: values), labels, Array(header[1...p]))
    }

    // Skipped when ../shared/datasets (beside the package) and /work/shared/datasets lack the file.
    @Test(.enabled(if: file != nil, "UCI credit-default CSV not found under ../shared/datasets or /work/shared/datasets: real-data comparison skipped"))
    func creditDefaultFitMatchesStatsmodelsAndScikitLearn() throws {
        guard let url = Self.file else { return }
        let (x, y, names) = try Self.load(url)
        let ref = try LogisticFixtures.json("uci_reference.json")
        #expect(names == (ref["features"] as? [String]))
        #expect(x.rows == 30000 && Int(y.reduce(0, +)) == 6636)

        let mle = try ref.object("mle")
        let model = try LogisticRegression.fit(x, labels: y, featureNames: names, options: .maximumLikelihood)
        #expect(model.report.converged)
        #expect(model.coefficients.count == (try mle.doubles("coefficients")).count)
        #expect(agrees(model.intercept, try mle.double("intercept"), relative: 1e-6))
        for (name, (a, b)) in zip(names, zip(model.coefficients, try mle.doubles("coefficients"))) {
            #expect(agrees(a, b, relative: 1e-6), "\(name): \(a) vs statsmodels \(b)")
        }
        #expect(agrees(model.report.logLikelihood, try mle.double("logLikelihood"), relative: 1e-10))

        let l2 = try ref.objects("l2")[0]
        let penalised = try LogisticRegression.fit(x, labels: y, featureNames: names, options: LogisticOptions(l2: try l2.double("lambda")))
        #expect(agrees(penalised.intercept, try l2.double("intercept"), relative: 1e-6))
        for (name, (a, b)) in zip(names, zip(penalised.coefficients, try l2.doubles("coefficients"))) {
            #expect(agrees(a, b, relative: 1e-6), "\(name): \(a) vs scikit-learn \(b)")
        }
        print("UCI credit default: \(model.report.iterations) Newton iterations, log-likelihood \(model.report.logLikelihood), pseudo-R² \(model.report.pseudoRSquared)")
    }
}
