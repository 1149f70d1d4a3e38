/// A line chart of one or more series with a legend, such as a ROC curve (model against the
/// naive baseline, with the diagonal of a random ranking).
///
/// A pure function of its fields: ``svg()`` returns the same string for the same input. Series are
/// drawn in order, later series on top; points are drawn in the order given (a ROC curve is
/// already ordered by threshold, so it is not re-sorted).
public struct LineChart: Sendable {
    /// One named line.
    public struct Series: Sendable {
        public var name: String
        public var points: [ChartPoint]
        /// CSS colour (`#RRGGBB`).
        public var colour: String
        public var dashed: Bool
        public init(name: String, points: [ChartPoint], colour: String, dashed: Bool = false) {
            self.name = name
            self.points = points
            self.colour = colour
            self.dashed = dashed
        }
    }

    public var title: String
    public var xAxisTitle: String
    public var yAxisTitle: String
    public var series: [Series]
    /// Fixed x domain; nil = from the data, widened to nice ticks.
    public var xDomain: ClosedRange<Double>?
    /// Fixed y domain; nil = from the data, widened to nice ticks.
    public var yDomain: ClosedRange<Double>?
    /// Draws the y = x reference line (a random ranking on a ROC chart), labelled in the legend.
    public var diagonalLabel: String?
    public var xFormat: ChartValueFormat
    public var yFormat: ChartValueFormat
    public var layout: ChartLayout
    public var language: ReportLanguage

    public init(title: String, xAxisTitle: String, yAxisTitle: String, series: [Series],
                xDomain: ClosedRange<Double>? = nil, yDomain: ClosedRange<Double>? = nil,
                diagonalLabel: String? = nil, xFormat: ChartValueFormat = .automatic,
                yFormat: ChartValueFormat = .automatic, layout: ChartLayout = .standard,
                language: ReportLanguage = .en) {
        self.title = title
        self.xAxisTitle = xAxisTitle
        self.yAxisTitle = yAxisTitle
        self.series = series
        self.xDomain = xDomain
        self.yDomain = yDomain
        self.diagonalLabel = diagonalLabel
        self.xFormat = xFormat
        self.yFormat = yFormat
        self.layout = layout
        self.language = language
    }

    /// The x scale: the fixed domain as given, or the data's extent widened to nice ticks.
    public var xScale: Scale {
        if let xDomain { return Scale(domain: xDomain, range: (layout.plotLeft, layout.plotRight)) }
        let xs = series.flatMap { $0.points.map(\.x) }.filter(\.isFinite)
        let lo = xs.min() ?? 0, hi = xs.max() ?? 1
        return Scale(domain: lo...max(lo, hi), range: (layout.plotLeft, layout.plotRight)).niced()
    }

    /// The y scale (SVG y grows downwards, so the range runs bottom → top).
    public var yScale: Scale {
        if let yDomain { return Scale(domain: yDomain, range: (layout.plotBottom, layout.plotTop)) }
        let ys = series.flatMap { $0.points.map(\.y) }.filter(\.isFinite)
        let lo = ys.min() ?? 0, hi = ys.max() ?? 1
        return Scale(domain: lo...max(lo, hi), range: (layout.plotBottom, layout.plotTop)).niced()
    }

    /// The SVG element.
    public func svg() -> String {
        var canvas = SVGCanvas(width: layout.width, height: layout.height)
        let xs = xScale, ys = yScale
        ChartAxes.drawY(&canvas, layout: layout, scale: ys, title: yAxisTitle, format: yFormat, language: language)
        ChartAxes.drawX(&canvas, layout: layout, scale: xs, title: xAxisTitle, format: xFormat, language: language)
        var legend: [ChartAxes.LegendEntry] = []
        if let diagonalLabel {
            let lo = max(xs.domainStart, ys.domainStart), hi = min(xs.domainEnd, ys.domainEnd)
            if hi > lo {
                canvas.line(xs(lo), ys(lo), xs(hi), ys(hi), stroke: "#9ca3af", width: 1.5, dash: "4 4",
                            cssClass: "diagonal")
            }
            legend.append(.init(label: diagonalLabel, colour: "#9ca3af", swatch: .line(dash: "4 4")))
        }
        for s in series {
            let pts = s.points.filter { $0.x.isFinite && $0.y.isFinite }.map { (xs($0.x), ys($0.y)) }
            if !pts.isEmpty {
                canvas.polyline(pts, stroke: s.colour, width: 2.5, dash: s.dashed ? "7 4" : nil, cssClass: "series")
            }
            legend.append(.init(label: s.name, colour: s.colour, swatch: .line(dash: s.dashed ? "7 4" : nil)))
        }
        ChartAxes.drawLegend(&canvas, layout: layout, entries: legend)
        return canvas.finish(title: title)
    }
}
