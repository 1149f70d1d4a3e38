import Foundation
import RelanceData

extension ReportPage {
    /// Training window, convergence, metrics against the baseline, then the charts.
    func modelSection(_ m: ModelReportInput) -> String {
        let s = strings
        var out = "<p class=\"lead\">"
        out += esc(s.modelIntro(format.integer(m.trainCount), format.date(m.trainFrom), format.date(m.trainTo))) + " "
        out += esc(s.testIntro(format.integer(m.testCount)))
        if let from = m.testFrom, let to = m.testTo { out += esc(s.testWindow(format.date(from), format.date(to))) }
        out += "."
        if let rate = m.testLateRate { out += " " + esc(s.testLateRate(format.percent(rate))) }
        out += "</p>\n"
        if let version = m.modelVersion {
            out += "<p class=\"muted small\">\(esc(s.modelVersion + s.colon))<code>\(esc(version))</code></p>\n"
        }
        out += convergenceStatus(m.convergence)
        out += metricsTable(m)
        out += "<div class=\"charts\">\n"
        out += rocFigure(m)
        out += reliabilityFigure(m)
        out += scoresFigure(m)
        if let anomaly = m.anomaly { out += anomalyFigure(anomaly) }
        out += coefficientsFigure(m)
        out += "</div>\n"
        return out
    }

    func convergenceStatus(_ c: ConvergenceSummary) -> String {
        let s = strings
        var details: [String] = []
        if let ll = c.finalLogLikelihood { details.append("\(s.logLikelihood) \(format.decimal(ll, fractionDigits: 2))") }
        if let g = c.gradientNorm { details.append("\(s.gradientNorm) \(ReportPage.scientific(g, language: language))") }
        if let l2 = c.l2Penalty { details.append("\(s.l2Penalty) \(format.decimal(l2, fractionDigits: l2 < 1 ? 4 : 2))") }
        let detail = details.isEmpty ? "" : " <span class=\"small\">(\(esc(details.joined(separator: " · "))))</span>"
        if c.converged {
            return "<p class=\"status ok\">\(esc(s.converged(format.integer(c.iterations))))\(detail)</p>\n"
        }
        return "<p class=\"status warning\" role=\"alert\">\(esc(s.notConverged(format.integer(c.iterations))))\(detail)</p>\n"
    }

    func metricsTable(_ m: ModelReportInput) -> String {
        let s = strings
        let model = m.model, base = m.baseline
        // (model value, baseline value, higher is better, fraction digits, suffix)
        let rows: [(Double, Double, Bool, Int, String)] = [
            (model.rocAUC, base.rocAUC, true, 3, ""),
            (model.prAUC, base.prAUC, true, 3, ""),
            (model.brier, base.brier, false, 4, ""),
            (model.logLoss, base.logLoss, false, 4, ""),
            (model.liftTopDecile, base.liftTopDecile, true, 2, "×"),
        ]
        var out = "<table class=\"metrics\"><thead><tr><th>\(esc(s.metric))</th><th class=\"num\">\(esc(s.modelColumn))</th>"
        out += "<th class=\"num\">\(esc(s.baselineColumn))<br><span class=\"small muted\">\(esc(m.baselineDescription))</span></th>"
        out += "<th>\(esc(s.meaning))</th></tr></thead><tbody>\n"
        for (i, row) in rows.enumerated() {
            let (mv, bv, higher, digits, suffix) = row
            let modelBetter = mv.isFinite && bv.isFinite && (higher ? mv > bv : mv < bv)
            let baseBetter = mv.isFinite && bv.isFinite && (higher ? bv > mv : bv < mv)
            let mText = format.decimal(mv, fractionDigits: digits) + (mv.isFinite ? suffix : "")
            let bText = format.decimal(bv, fractionDigits: digits) + (bv.isFinite ? suffix : "")
            out += "<tr><th scope=\"row\">\(esc(s.metricNames[i]))</th>"
            out += "<td class=\"num\(modelBetter ? " better" : "")\">\(esc(mText))</td>"
            out += "<td class=\"num\(baseBetter ? " better" : "")\">\(esc(bText))</td>"
            out += "<td class=\"small\">\(esc(s.metricMeanings[i]))</td></tr>\n"
        }
        out += "</tbody></table>\n"
        return out
    }

    func rocFigure(_ m: ModelReportInput) -> String {
        let s = strings
        let chart = LineChart(
            title: s.rocTitle, xAxisTitle: s.falsePositiveRate, yAxisTitle: s.truePositiveRate,
            series: [
                .init(name: "\(s.baseline) (\(format.decimal(m.baseline.rocAUC, fractionDigits: 3)))",
                      points: m.rocBaseline, colour: ReportPage.baselineColour, dashed: true),
                .init(name: "\(s.model) (\(format.decimal(m.model.rocAUC, fractionDigits: 3)))",
                      points: m.rocModel, colour: branding.accentColour),
            ],
            xDomain: 0...1, yDomain: 0...1, diagonalLabel: s.randomRanking, language: language)
        return figure(title: s.rocTitle, caption: s.rocCaption, svg: chart.svg())
    }

    func reliabilityFigure(_ m: ModelReportInput) -> String {
        let s = strings
        let chart = ReliabilityChart(
            title: s.reliabilityTitle, xAxisTitle: s.meanPredicted, yAxisTitle: s.observedLateRate,
            bins: m.reliability, seriesName: s.model, colour: branding.accentColour,
            diagonalLabel: s.perfectCalibration, countLabel: s.invoicesPerBin, language: language)
        var table = "<details><summary class=\"small\">\(esc(s.binColumn))</summary><table><thead><tr>"
        table += "<th>\(esc(s.binColumn))</th><th class=\"num\">\(esc(s.countColumn))</th>"
        table += "<th class=\"num\">\(esc(s.meanPredicted))</th><th class=\"num\">\(esc(s.observedLateRate))</th></tr></thead><tbody>"
        for (index, bin) in m.reliability.enumerated() {
            let range = bin.lower.flatMap { lo in bin.upper.map { hi in
                format.decimal(lo, fractionDigits: 2) + "–" + format.decimal(hi, fractionDigits: 2)
            } } ?? String(index + 1)
            table += "<tr><td>\(esc(range))</td>"
            table += "<td class=\"num\">\(esc(format.integer(bin.count)))</td>"
            table += "<td class=\"num\">\(esc(bin.count > 0 ? format.percent(bin.meanPredicted) : "—"))</td>"
            table += "<td class=\"num\">\(esc(bin.count > 0 ? format.percent(bin.observedRate) : "—"))</td></tr>"
        }
        table += "</tbody></table></details>"
        return figure(title: s.reliabilityTitle, caption: s.reliabilityCaption, svg: chart.svg(), extra: table)
    }

    func scoresFigure(_ m: ModelReportInput) -> String {
        let s = strings
        let edges = m.scoresOnTime.edges.count >= 2 ? m.scoresOnTime.edges : m.scoresLate.edges
        let chart = Histogram(
            title: s.scoresTitle, xAxisTitle: s.predictedProbability, yAxisTitle: s.shareOfInvoices,
            binEdges: edges,
            series: [
                .init(name: "\(s.paidOnTime) (\(format.integer(m.scoresOnTime.total)))", counts: m.scoresOnTime.counts,
                      colour: ReportPage.onTimeColour),
                .init(name: "\(s.paidLate) (\(format.integer(m.scoresLate.total)))", counts: m.scoresLate.counts,
                      colour: ReportPage.lateColour),
            ],
            normalisation: .shareOfSeries, language: language)
        return figure(title: s.scoresTitle, caption: s.scoresCaption, svg: chart.svg())
    }

    func coefficientsFigure(_ m: ModelReportInput) -> String {
        let s = strings
        let sorted = m.coefficients.sorted { $0.coefficient > $1.coefficient }
        let chart = BarChart(
            title: s.coefficientsTitle, axisTitle: s.weightAxis,
            bars: sorted.map { .init(label: $0.feature, value: $0.coefficient) },
            positiveColour: ReportPage.higherRiskColour, negativeColour: ReportPage.lowerRiskColour,
            valueFormat: .decimal(fractionDigits: 3),
            layout: BarChart.layout(rows: sorted.count, width: 520, labelWidth: 190, valueWidth: 70),
            language: language)
        var table = "<table><thead><tr><th>\(esc(s.feature))</th><th>\(esc(s.description))</th>"
        table += "<th class=\"num\">\(esc(s.weight))</th><th>\(esc(s.effect))</th></tr></thead><tbody>"
        for row in sorted {
            let raises = row.coefficient > 0
            // Long snake_case names may break after an underscore, never mid-word.
            let feature = esc(row.feature).replacingOccurrences(of: "_", with: "_<wbr>")
            table += "<tr><td><code>\(feature)</code></td><td>\(esc(row.description))</td>"
            var weight = format.decimal(row.coefficient, fractionDigits: 3)
            if let se = row.standardError { weight += " ± " + format.decimal(se, fractionDigits: 3) }
            table += "<td class=\"num\">\(esc(weight))</td>"
            table += "<td class=\"\(raises ? "raises" : "lowers")\">\(esc(row.coefficient == 0 ? "—" : raises ? s.raisesRisk : s.lowersRisk))</td></tr>"
        }
        if let intercept = m.intercept {
            table += "<tr><td colspan=\"2\" class=\"muted\">\(esc(s.intercept))</td><td class=\"num muted\">\(esc(format.decimal(intercept, fractionDigits: 3)))</td><td></td></tr>"
        }
        table += "</tbody></table>"
        return figure(title: s.coefficientsTitle, caption: s.coefficientsCaption, svg: chart.svg(), extra: table,
                      wide: true)
    }

    func anomalyFigure(_ a: AnomalySummary) -> String {
        let s = strings
        let chart = Histogram(
            title: s.anomalyTitle, xAxisTitle: a.scoreDescription ?? s.anomalyScore, yAxisTitle: s.numberOfInvoices,
            binEdges: a.scores.edges,
            series: [.init(name: "\(s.scoredInvoices) (\(format.integer(a.scores.total)))", counts: a.scores.counts,
                           colour: ReportPage.baselineColour)],
            normalisation: .count, threshold: a.threshold, thresholdLabel: s.threshold,
            xFormat: .automatic, language: language)
        return figure(title: s.anomalyTitle, caption: s.anomalyCaption(format.integer(a.flaggedCount)), svg: chart.svg())
    }

    /// `1.2e-7` style for tiny numbers such as a gradient norm, with the language's decimal mark.
    static func scientific(_ x: Double, language: ReportLanguage) -> String {
        guard x.isFinite else { return "—" }
        if x == 0 { return "0" }
        let exponent = Int(floor(log10(abs(x))))
        if (-3...5).contains(exponent) {
            return ReportNumberFormat(language: language).decimal(x, fractionDigits: max(0, 3 - exponent))
        }
        let mantissa = x / pow(10, Double(exponent))
        return ReportNumberFormat(language: language).decimal(mantissa, fractionDigits: 1) + "e" + String(exponent)
    }
}
