import Testing
@testable import RelanceModels

/// The chi-square CDF, survival function and quantiles against scipy.stats.chi2 (scipy 1.17.1),
/// values committed in Fixtures/anomaly_chi2_reference.csv by scripts/reference/anomaly_make_chi2_fixture.py.
@Suite struct AnomalyChiSquaredTests {
    struct Row { let kind: Substring; let df: Double; let x: Double; let value: Double }

    func rows() throws -> [Row] {
        let lines = try AnomalyFixtures.text("anomaly_chi2_reference.csv").split(separator: "\n").dropFirst()
        return try lines.map { line in
            let f = line.split(separator: ",")
            guard f.count == 4, let df = Double(f[1]), let x = Double(f[2]), let v = Double(f[3]) else {
                throw AnomalyDetectorError.invalidOptions("bad fixture line \(line)")
            }
            return Row(kind: f[0], df: df, x: x, value: v)
        }
    }

    @Test func cdfMatchesScipyWithin1e10() throws {
        let all = try rows().filter { $0.kind == "cdf" }
        #expect(all.count > 150)
        for r in all {
            let got = ChiSquaredDistribution(degreesOfFreedom: r.df).cdf(r.x)
            #expect(abs(got - r.value) < 1e-10, "cdf df=\(r.df) x=\(r.x): \(got) vs scipy \(r.value)")
        }
    }

    @Test func survivalMatchesScipyInAbsoluteAndRelativeTerms() throws {
        for r in try rows() where r.kind == "sf" {
            let got = ChiSquaredDistribution(degreesOfFreedom: r.df).survival(r.x)
            #expect(abs(got - r.value) < 1e-10, "sf df=\(r.df) x=\(r.x)")
            // Far tails (1e-40) keep relative precision: that is what the score's evidence scale uses.
            if r.value > 1e-290 {
                #expect(abs(got - r.value) <= 1e-9 * r.value, "sf relative df=\(r.df) x=\(r.x): \(got) vs \(r.value)")
            }
        }
    }

    @Test func quantilesMatchScipy() throws {
        for r in try rows() where r.kind == "ppf" {
            let got = ChiSquaredDistribution(degreesOfFreedom: r.df).quantile(r.x)
            #expect(abs(got - r.value) <= 1e-9 * max(1, r.value), "ppf df=\(r.df) q=\(r.x): \(got) vs \(r.value)")
        }
    }

    @Test func edgesAreDefinedNotTrapped() {
        let d = ChiSquaredDistribution(degreesOfFreedom: 3)
        #expect(d.cdf(0) == 0 && d.cdf(-1) == 0 && d.survival(0) == 1)
        #expect(d.cdf(.infinity) == 1)
        #expect(d.quantile(0) == 0 && d.quantile(1) == .infinity)
        #expect(d.quantile(1.5).isNaN)
    }
}
