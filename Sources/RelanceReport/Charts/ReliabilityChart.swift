/// A calibration chart: observed late rate against mean predicted probability per bin, with the
/// diagonal of perfect calibration and, along the bottom, grey bars for how many invoices each
/// bin holds (a point resting on 12 invoices deserves less trust than one on 3 000).
///
/// Both axes run over [0, 1]. Empty bins are skipped. Point radius is fixed (readable in print);
/// the count is in each point's tooltip and in the bars. Bins without bounds (equal-count bins)
/// get no bar.
public struct ReliabilityChart: Sendable {
    public var title: String
    public var xAxisTitle: String
    public var yAxisTitle: String
    public var bins: [CalibrationBin]
    public var seriesName: String
    public var colour: String
    public var diagonalLabel: String
    public var countLabel: String
    public var layout: ChartLayout
    public var language: ReportLanguage

    /// Share of the plot height that the tallest count bar reaches.
    public static let countBarShare = 0.2

    public init(title: String, xAxisTitle: String, yAxisTitle: String, bins: [CalibrationBin],
                seriesName: String, colour: String, diagonalLabel: String, countLabel: String,
                layout: ChartLayout = .standard, language: ReportLanguage = .en) {
        self.title = title
        self.xAxisTitle = xAxisTitle
        self.yAxisTitle = yAxisTitle
        self.bins = bins
        self.seriesName = seriesName
        self.colour = colour
        self.diagonalLabel = diagonalLabel
        self.countLabel = countLabel
        self.layout = layout
        self.language = language
    }

    public var xScale: Scale { Scale(domain: 0...1, range: (layout.plotLeft, layout.plotRight)) }
    public var yScale: Scale { Scale(domain: 0...1, range: (layout.plotBottom, layout.plotTop)) }

    public func svg() -> String {
        var canvas = SVGCanvas(width: layout.width, height: layout.height)
        let xs = xScale, ys = yScale
        let format = ReportNumberFormat(language: language)
        ChartAxes.drawY(&canvas, layout: layout, scale: ys, title: yAxisTitle, format: .automatic, language: language)
        ChartAxes.drawX(&canvas, layout: layout, scale: xs, title: xAxisTitle, format: .automatic, language: language)

        let used = bins.filter { $0.count > 0 && $0.meanPredicted.isFinite && $0.observedRate.isFinite }
        let maxCount = Double(used.map(\.count).max() ?? 0)
        if maxCount > 0 {
            let fullHeight = layout.plotHeight * ReliabilityChart.countBarShare
            for bin in used {
                guard let lower = bin.lower, let upper = bin.upper, lower.isFinite, upper.isFinite else { continue }
                let lo = min(max(lower, 0), 1), hi = min(max(upper, 0), 1)
                let h = fullHeight * Double(bin.count) / maxCount
                let x = xs(lo) + 1, w = max(1, xs(hi) - xs(lo) - 2)
                canvas.rect(x, layout.plotBottom - h, w, h, fill: "#d1d5db", cssClass: "count-bar",
                            title: "\(format.decimal(lo, fractionDigits: 2))–\(format.decimal(hi, fractionDigits: 2)): \(format.integer(bin.count))")
            }
        }
        canvas.line(xs(0), ys(0), xs(1), ys(1), stroke: "#9ca3af", width: 1.5, dash: "4 4", cssClass: "diagonal")
        let points = used.sorted { $0.meanPredicted < $1.meanPredicted }
        if points.count > 1 {
            canvas.polyline(points.map { (xs($0.meanPredicted), ys($0.observedRate)) }, stroke: colour, width: 2,
                            cssClass: "series")
        }
        for bin in points {
            canvas.circle(xs(bin.meanPredicted), ys(bin.observedRate), r: 4.5, fill: colour,
                          title: "\(format.percent(bin.meanPredicted)) → \(format.percent(bin.observedRate)) (n = \(format.integer(bin.count)))")
        }
        var legend: [ChartAxes.LegendEntry] = [
            .init(label: seriesName, colour: colour, swatch: .dot),
            .init(label: diagonalLabel, colour: "#9ca3af", swatch: .line(dash: "4 4")),
        ]
        if used.contains(where: { $0.lower != nil && $0.upper != nil }) {
            legend.append(.init(label: countLabel, colour: "#d1d5db", swatch: .box))
        }
        ChartAxes.drawLegend(&canvas, layout: layout, entries: legend)
        return canvas.finish(title: title)
    }
}
