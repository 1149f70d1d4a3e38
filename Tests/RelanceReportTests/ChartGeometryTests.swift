import Testing
@testable import RelanceReport

/// Geometry checks on small inputs, computed by hand from the plot box.
@Suite struct ChartGeometryTests {
    /// Plot box x ∈ [50, 190] (140 px), y ∈ [10, 160] (150 px).
    let box = ChartLayout(width: 200, height: 200, marginTop: 10, marginRight: 10, marginBottom: 40, marginLeft: 50)

    @Test func rocPolylineHasTheExpectedPoints() {
        let chart = LineChart(
            title: "ROC", xAxisTitle: "FPR", yAxisTitle: "TPR",
            series: [.init(name: "Model", points: [
                ChartPoint(x: 0, y: 0), ChartPoint(x: 0.25, y: 0.5), ChartPoint(x: 0.5, y: 0.75), ChartPoint(x: 1, y: 1),
            ], colour: "#1f4e79")],
            xDomain: 0...1, yDomain: 0...1, diagonalLabel: "Random", layout: box)
        let svg = chart.svg()
        // x = 50 + 140·fpr; y = 160 − 150·tpr.
        #expect(svg.contains("<polyline points=\"50,160 85,85 120,47.5 190,10\""))
        // The diagonal of a random ranking goes corner to corner of the plot box.
        #expect(svg.contains("<line x1=\"50\" y1=\"160\" x2=\"190\" y2=\"10\" stroke=\"#9ca3af\""))
        #expect(svg.contains("viewBox=\"0 0 200 200\""))
        // Legend has both entries.
        #expect(svg.contains(">Random</text>"))
        #expect(svg.contains(">Model</text>"))
    }

    @Test func lineChartDrawsOnePolylinePerSeriesInOrder() {
        let chart = LineChart(
            title: "ROC", xAxisTitle: "FPR", yAxisTitle: "TPR",
            series: [
                .init(name: "Model", points: [ChartPoint(x: 0, y: 0), ChartPoint(x: 1, y: 1)], colour: "#111111"),
                .init(name: "Baseline", points: [ChartPoint(x: 0, y: 0), ChartPoint(x: 0.5, y: 0.5)], colour: "#222222", dashed: true),
            ],
            xDomain: 0...1, yDomain: 0...1, layout: box)
        let svg = chart.svg()
        let first = svg.range(of: "points=\"50,160 190,10\" fill=\"none\" stroke=\"#111111\"")
        let second = svg.range(of: "points=\"50,160 120,85\" fill=\"none\" stroke=\"#222222\" stroke-width=\"2.5\" stroke-linejoin=\"round\" stroke-dasharray=\"7 4\"")
        #expect(first != nil)
        #expect(second != nil)
        if let first, let second { #expect(first.lowerBound < second.lowerBound) }
    }

    @Test func signedCoefficientBarsExtendLeftAndRightOfZero() {
        // Plot x ∈ [150, 450]: domain −1…2 (already nice), so 0 sits at 250 and 100 px per unit.
        let layout = BarChart.layout(rows: 2, width: 540, labelWidth: 150, valueWidth: 90)
        let chart = BarChart(title: "Weights", axisTitle: "Weight",
                             bars: [.init(label: "on_time_share", value: -1), .init(label: "past_late_share", value: 2)],
                             positiveColour: "#aa0000", negativeColour: "#0000aa", layout: layout)
        #expect(chart.valueScale.domainStart == -1)
        #expect(chart.valueScale.domainEnd == 2)
        let negative = chart.barRect(0), positive = chart.barRect(1)
        #expect(negative.x == 150)
        #expect(negative.width == 100)
        #expect(positive.x == 250)
        #expect(positive.width == 200)
        // Rows are 26 px from the plot top (12), bars inset 4 px.
        #expect(negative.y == 16)
        #expect(positive.y == 42)
        let svg = chart.svg()
        #expect(svg.contains("<rect x=\"150\" y=\"16\" width=\"100\" height=\"18\" fill=\"#0000aa\""))
        #expect(svg.contains("<rect x=\"250\" y=\"42\" width=\"200\" height=\"18\" fill=\"#aa0000\""))
        #expect(svg.contains("<line x1=\"250\" y1=\"12\" x2=\"250\" y2=\"64\" stroke=\"#111827\""))
    }

    @Test func amountBarsStartAtZeroOnTheLeftOfThePlot() {
        let layout = BarChart.layout(rows: 2, width: 540, labelWidth: 150, valueWidth: 90)
        let chart = BarChart(title: "Aging", axisTitle: "Amount",
                             bars: [.init(label: "Current", value: 7_500), .init(label: "1–30", value: 10_000)],
                             positiveColour: "#aa0000", negativeColour: "#0000aa", layout: layout)
        #expect(chart.barRect(0).x == 150)
        #expect(chart.barRect(0).width == 225)
        #expect(chart.barRect(1).width == 300)
    }

    @Test func histogramGroupsBarsPerBinAndDrawsTheThreshold() {
        // Two bins over [0, 1] → 70 px each; two series → (70 − 2)/2 = 34 px per bar.
        let chart = Histogram(
            title: "Scores", xAxisTitle: "p", yAxisTitle: "share",
            binEdges: [0, 0.5, 1],
            series: [.init(name: "On time", counts: [4, 1], colour: "#0072b2"),
                     .init(name: "Late", counts: [1, 1], colour: "#d55e00")],
            threshold: 0.75, thresholdLabel: "Cut-off", layout: box)
        #expect(chart.heights == [[0.8, 0.2], [0.5, 0.5]])
        // y domain 0…0.8: y = 160 − 150·share/0.8.
        #expect(chart.yScale.domainEnd == 0.8)
        let svg = chart.svg()
        #expect(svg.contains("<rect x=\"51\" y=\"10\" width=\"34\" height=\"150\" fill=\"#0072b2\""))
        #expect(svg.contains("<rect x=\"121\" y=\"122.5\" width=\"34\" height=\"37.5\" fill=\"#0072b2\""))
        #expect(svg.contains("<rect x=\"85\" y=\"66.25\" width=\"34\" height=\"93.75\" fill=\"#d55e00\""))
        #expect(svg.contains("<line x1=\"155\" y1=\"10\" x2=\"155\" y2=\"160\" stroke=\"#111827\" stroke-width=\"2\" stroke-dasharray=\"6 3\" class=\"threshold\"/>"))
    }

    @Test func reliabilityPointsSitAtMeanPredictedAndObservedRate() {
        let chart = ReliabilityChart(
            title: "Calibration", xAxisTitle: "Predicted", yAxisTitle: "Observed",
            bins: [CalibrationBin(lower: 0, upper: 0.5, count: 40, meanPredicted: 0.25, observedRate: 0.2),
                   CalibrationBin(lower: 0.5, upper: 1, count: 10, meanPredicted: 0.75, observedRate: 0.8),
                   CalibrationBin(lower: 0.2, upper: 0.3, count: 0, meanPredicted: 0, observedRate: 0)],
            seriesName: "Model", colour: "#1f4e79", diagonalLabel: "Perfect", countLabel: "Invoices", layout: box)
        let svg = chart.svg()
        #expect(svg.contains("<circle cx=\"85\" cy=\"130\""))
        #expect(svg.contains("<circle cx=\"155\" cy=\"40\""))
        #expect(svg.contains("<polyline points=\"85,130 155,40\""))
        // Empty bins draw nothing: two points only.
        #expect(svg.components(separatedBy: "<circle").count - 1 == 2 + 1) // + the legend dot
        // Count bars: tallest = 20 % of 150 px = 30 px.
        #expect(svg.contains("<rect x=\"51\" y=\"130\" width=\"68\" height=\"30\" fill=\"#d1d5db\""))
    }
}

@Suite struct CalibrationWithoutBoundsTests {
    @Test func equalCountBinsDrawPointsButNoCountBars() {
        let box = ChartLayout(width: 200, height: 200, marginTop: 10, marginRight: 10, marginBottom: 40, marginLeft: 50)
        let chart = ReliabilityChart(
            title: "c", xAxisTitle: "x", yAxisTitle: "y",
            bins: [CalibrationBin(count: 50, meanPredicted: 0.25, observedRate: 0.2),
                   CalibrationBin(count: 50, meanPredicted: 0.75, observedRate: 0.8)],
            seriesName: "Model", colour: "#1f4e79", diagonalLabel: "Perfect", countLabel: "Invoices", layout: box)
        let svg = chart.svg()
        #expect(svg.contains("<polyline points=\"85,130 155,40\""))
        #expect(!svg.contains("class=\"count-bar\""))
        #expect(!svg.contains(">Invoices</text>"))
    }
}
