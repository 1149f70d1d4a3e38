import Foundation

extension LogisticModel {
    /// A plain-text results table in the spirit of statsmodels' `summary()`: fit figures, then one
    /// line per feature with its standardised coefficient, standard error, z, odds ratio per
    /// standard deviation and raw-scale coefficient.
    ///
    /// Meant for the training command and the model report, so an analyst can see at a glance
    /// whether the fit converged and which features carry weight. z-values are only meaningful
    /// for `l2 = 0`; with a penalty they are indicative.
    public var summary: String {
        var lines: [String] = []
        let r = report
        lines.append("Logistic regression (IRLS), λ = \(format(r.l2)) on standardised coefficients")
        lines.append("rows \(r.rows), late \(r.positives), iterations \(r.iterations), converged \(r.converged ? "yes" : "NO")")
        lines.append("log-likelihood \(format(r.logLikelihood)), null \(format(r.nullLogLikelihood)), pseudo-R² \(format(r.pseudoRSquared)), gradient norm \(String(format: "%.2e", r.gradientNorm))")
        let width = max(9, featureNames.map(\.count).max() ?? 0)
        func pad(_ s: String) -> String { s.padding(toLength: width, withPad: " ", startingAt: 0) }
        lines.append("\(pad("feature"))  \(col("coef/sd"))  \(col("std err"))  \(col("z"))  \(col("odds/sd"))  \(col("coef/unit"))")
        lines.append("\(pad("intercept"))  \(col(format(intercept)))  \(col(format(r.interceptStandardError)))  \(col(format(intercept / r.interceptStandardError)))  \(col(""))  \(col(format(rawIntercept)))")
        for (j, name) in featureNames.enumerated() {
            if r.droppedConstantFeatures.contains(name) {
                lines.append("\(pad(name))  dropped (constant in training data)")
                continue
            }
            let se = j < r.standardErrors.count ? r.standardErrors[j] : .nan
            lines.append("\(pad(name))  \(col(format(coefficients[j])))  \(col(format(se)))  \(col(format(coefficients[j] / se)))  \(col(format(exp(coefficients[j]))))  \(col(format(rawCoefficients[j])))")
        }
        for note in r.notes { lines.append("note: \(note)") }
        return lines.joined(separator: "\n")
    }

    private func col(_ s: String) -> String {
        String(repeating: " ", count: max(0, 11 - s.count)) + s
    }

    private func format(_ v: Double) -> String {
        if !v.isFinite { return "-" }
        if v != 0 && (abs(v) >= 1e5 || abs(v) < 1e-3) { return String(format: "%.3e", v) }
        return String(format: "%.4f", v)
    }
}
