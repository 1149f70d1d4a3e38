import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
import RelanceData
@testable import RelanceReport

/// Empty, constant and non-finite inputs: the report renders, says what it can, and stays valid.
@Suite struct DegenerateInputTests {
    static func wellFormed(_ svg: String) -> Bool { XMLParser(data: Data(svg.utf8)).parse() }

    @Test func chartsWithNoDataStillDrawAxes() {
        let line = LineChart(title: "t", xAxisTitle: "x", yAxisTitle: "y", series: [])
        let bars = BarChart(title: "t", axisTitle: "a", bars: [], positiveColour: "#000000", negativeColour: "#000000")
        let hist = Histogram(title: "t", xAxisTitle: "x", yAxisTitle: "y", binEdges: [], series: [])
        let rel = ReliabilityChart(title: "t", xAxisTitle: "x", yAxisTitle: "y", bins: [], seriesName: "m",
                                   colour: "#000000", diagonalLabel: "d", countLabel: "c")
        for svg in [line.svg(), bars.svg(), hist.svg(), rel.svg()] {
            #expect(Self.wellFormed(svg))
            #expect(svg.contains("class=\"tick-label\""))
            #expect(!svg.contains("nan") && !svg.contains("inf"))
        }
    }

    @Test func nonFiniteValuesAreSkippedNotDrawnAtInfinity() {
        let line = LineChart(title: "t", xAxisTitle: "x", yAxisTitle: "y",
                             series: [.init(name: "s", points: [ChartPoint(x: 0, y: 0), ChartPoint(x: .nan, y: 1),
                                                                ChartPoint(x: 1, y: .infinity), ChartPoint(x: 1, y: 1)],
                                            colour: "#000000")])
        let svg = line.svg()
        #expect(Self.wellFormed(svg))
        #expect(!svg.contains("nan") && !svg.contains("inf"))
        let bars = BarChart(title: "t", axisTitle: "a", bars: [.init(label: "x", value: .nan), .init(label: "y", value: 2)],
                            positiveColour: "#000000", negativeColour: "#000000")
        #expect(bars.barRect(0).width == 0)
        #expect(Self.wellFormed(bars.svg()))
    }

    @Test func constantDataGetsAUsableScale() {
        let s = Scale(domain: 5...5, range: (0, 100)).niced()
        #expect(s.domainStart < 5 && s.domainEnd > 5)
        let zero = Scale(domain: 0...0, range: (0, 100)).niced()
        #expect(zero.domainStart == 0 && zero.domainEnd == 1)
        #expect(!zero.ticks().isEmpty)
    }

    @Test func reportWithEmptyModelCurvesAndNaNMetricsRenders() throws {
        let nanMetrics = ClassifierMetrics(rocAUC: .nan, prAUC: .nan, brier: .nan, logLoss: .nan, liftTopDecile: .nan)
        let day = try #require(Day(year: 2026, month: 1, day: 1))
        let model = ModelReportInput(
            trainFrom: day, trainTo: day, trainCount: 0, testCount: 0, model: nanMetrics, baseline: nanMetrics,
            baselineDescription: "", rocModel: [], rocBaseline: [], reliability: [],
            scoresLate: BinnedDistribution(edges: [], counts: []), scoresOnTime: BinnedDistribution(edges: [], counts: []),
            coefficients: [], convergence: ConvergenceSummary(iterations: 0, converged: false))
        let portfolio = PortfolioInput(asOf: day, currency: "EUR", invoices: [], creditSalesInWindow: 0)
        let branding = try ReportBranding(companyName: "Acme", brandColour: "#123")
        for language in ReportLanguage.allCases {
            let html = HTMLReport.render(model: model, portfolio: portfolio, worklist: [], branding: branding, language: language)
            #expect(html.contains("<section id=\"model\""))
            #expect(html.contains("<section id=\"portfolio\""))
            #expect(!html.contains(">nan") && !html.contains("nan<") && !html.contains(">inf"))
            // No DSO without sales: shown as undefined, not as 0 or a division by zero.
            #expect(html.contains(language == .fr ? "le DSO n’est pas défini" : "DSO is not defined"))
        }
    }
}
