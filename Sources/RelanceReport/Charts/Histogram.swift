import Foundation

/// Grouped histogram bars of one or more distributions over the same bins (e.g. predicted
/// probabilities of invoices that were paid late against those paid on time), with an optional
/// vertical threshold line (e.g. the anomaly cut-off).
///
/// With ``Normalisation/shareOfSeries`` each series is divided by its own total, so a small group
/// (the late invoices) stays visible next to a large one; the y axis then reads as a share.
public struct Histogram: Sendable {
    /// Counts of one group per bin.
    public struct Series: Sendable {
        public var name: String
        public var counts: [Int]
        public var colour: String
        public init(name: String, counts: [Int], colour: String) {
            self.name = name
            self.counts = counts
            self.colour = colour
        }
    }

    public enum Normalisation: Sendable {
        /// Bar height = count.
        case count
        /// Bar height = count / series total (each series sums to 1).
        case shareOfSeries
    }

    public var title: String
    public var xAxisTitle: String
    public var yAxisTitle: String
    /// Bin edges, ascending; `binEdges.count == counts.count + 1` for every series.
    public var binEdges: [Double]
    public var series: [Series]
    public var normalisation: Normalisation
    public var threshold: Double?
    public var thresholdLabel: String?
    public var xFormat: ChartValueFormat
    public var layout: ChartLayout
    public var language: ReportLanguage

    public init(title: String, xAxisTitle: String, yAxisTitle: String, binEdges: [Double], series: [Series],
                normalisation: Normalisation = .shareOfSeries, threshold: Double? = nil,
                thresholdLabel: String? = nil, xFormat: ChartValueFormat = .automatic,
                layout: ChartLayout = .standard, language: ReportLanguage = .en) {
        self.title = title
        self.xAxisTitle = xAxisTitle
        self.yAxisTitle = yAxisTitle
        self.binEdges = binEdges
        self.series = series
        self.normalisation = normalisation
        self.threshold = threshold
        self.thresholdLabel = thresholdLabel
        self.xFormat = xFormat
        self.layout = layout
        self.language = language
    }

    /// Bar heights in data units, per series and bin (counts or shares); bins beyond the edges are ignored.
    public var heights: [[Double]] {
        let binCount = max(0, binEdges.count - 1)
        return series.map { s in
            let counts = (0..<binCount).map { $0 < s.counts.count ? Double(max(0, s.counts[$0])) : 0 }
            switch normalisation {
            case .count: return counts
            case .shareOfSeries:
                let total = counts.reduce(0, +)
                return total > 0 ? counts.map { $0 / total } : counts
            }
        }
    }

    public var xScale: Scale {
        var lo = binEdges.first ?? 0, hi = binEdges.last ?? 1
        if let threshold, threshold.isFinite { lo = min(lo, threshold); hi = max(hi, threshold) }
        return Scale(domain: lo...max(lo, hi), range: (layout.plotLeft, layout.plotRight))
    }

    public var yScale: Scale {
        let top = heights.flatMap { $0 }.max() ?? 0
        return Scale(domain: 0...(top > 0 ? top : 1), range: (layout.plotBottom, layout.plotTop)).niced()
    }

    public func svg() -> String {
        var canvas = SVGCanvas(width: layout.width, height: layout.height)
        let xs = xScale, ys = yScale
        let yFormat: ChartValueFormat = normalisation == .shareOfSeries ? .percent(fractionDigits: 0) : .automatic
        ChartAxes.drawY(&canvas, layout: layout, scale: ys, title: yAxisTitle, format: yFormat, language: language)
        ChartAxes.drawX(&canvas, layout: layout, scale: xs, title: xAxisTitle, format: xFormat, language: language,
                        grid: false)
        let format = ReportNumberFormat(language: language)
        let h = heights
        let groups = max(1, series.count)
        for bin in 0..<max(0, binEdges.count - 1) {
            let x0 = xs(binEdges[bin]), x1 = xs(binEdges[bin + 1])
            let inner = max(0, x1 - x0 - 2)
            let barWidth = inner / Double(groups)
            for (k, s) in series.enumerated() {
                let value = h[k][bin]
                guard value > 0 else { continue }
                // A non-empty bin is at least 2 px tall, so a lone outlier is not invisible.
                let top = min(ys(value), layout.plotBottom - 2)
                let count = bin < s.counts.count ? s.counts[bin] : 0
                let label = normalisation == .shareOfSeries
                    ? "\(s.name): \(format.percent(value)) (\(format.integer(count)))"
                    : "\(s.name): \(format.integer(count))"
                canvas.rect(x0 + 1 + Double(k) * barWidth, top, barWidth, layout.plotBottom - top, fill: s.colour,
                            opacity: 0.85, cssClass: "bar", title: label)
            }
        }
        var legend = series.map { ChartAxes.LegendEntry(label: $0.name, colour: $0.colour, swatch: .box) }
        if let threshold, threshold.isFinite {
            let x = xs(threshold)
            canvas.line(x, layout.plotTop, x, layout.plotBottom, stroke: "#111827", width: 2, dash: "6 3",
                        cssClass: "threshold")
            let text = (thresholdLabel ?? "") + " " + xFormat.string(threshold, language: language,
                                                                     step: nil)
            // Keep the label inside the plot: to the right of the line, or to its left near the edge.
            let width = SVGCanvas.estimatedWidth(text, size: 11)
            let fitsRight = x + 4 + width <= layout.plotRight
            canvas.text(fitsRight ? x + 4 : x - 4, layout.plotTop + 12, text.trimmingCharacters(in: [" "]),
                        anchor: fitsRight ? .start : .end, size: 11, weight: "600", cssClass: "threshold-label")
            if let thresholdLabel {
                legend.append(.init(label: thresholdLabel, colour: "#111827", swatch: .line(dash: "6 3")))
            }
        }
        ChartAxes.drawLegend(&canvas, layout: layout, entries: legend)
        return canvas.finish(title: title)
    }
}
