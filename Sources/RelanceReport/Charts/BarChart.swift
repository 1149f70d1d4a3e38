/// Horizontal bars, one per labelled row: signed values (model coefficients, negative bars to the
/// left of zero) or amounts (by aging bucket, segment, tier).
///
/// Layout, left to right: the row labels (right-aligned, cut with an ellipsis when too long, the
/// full label in a tooltip), the plot with a zero line and a value axis at the bottom, then a value
/// column in the right margin, so values never collide with bars or each other. The chart's height
/// grows with the number of rows; ``layout(rows:)`` gives it.
public struct BarChart: Sendable {
    public struct Bar: Sendable {
        public var label: String
        public var value: Double
        /// Overrides the chart's positive/negative colours for this bar.
        public var colour: String?
        public init(label: String, value: Double, colour: String? = nil) {
            self.label = label
            self.value = value
            self.colour = colour
        }
    }

    public var title: String
    public var axisTitle: String
    public var bars: [Bar]
    public var positiveColour: String
    public var negativeColour: String
    /// Format of the axis ticks.
    public var axisFormat: ChartValueFormat
    /// Format of the value column.
    public var valueFormat: ChartValueFormat
    public var layout: ChartLayout
    public var language: ReportLanguage

    /// Height of one row in px.
    public static let rowHeight = 26.0

    /// The default layout for `rows` bars: 520 px wide, 170 px of labels, 96 px of values.
    public static func layout(rows: Int, width: Double = 520, labelWidth: Double = 170, valueWidth: Double = 96) -> ChartLayout {
        ChartLayout(width: width, height: 12 + Double(max(1, rows)) * rowHeight + 50, marginTop: 12,
                    marginRight: valueWidth, marginBottom: 50, marginLeft: labelWidth)
    }

    public init(title: String, axisTitle: String, bars: [Bar], positiveColour: String, negativeColour: String,
                axisFormat: ChartValueFormat = .automatic, valueFormat: ChartValueFormat = .decimal(fractionDigits: 2),
                layout: ChartLayout? = nil, language: ReportLanguage = .en) {
        self.title = title
        self.axisTitle = axisTitle
        self.bars = bars
        self.positiveColour = positiveColour
        self.negativeColour = negativeColour
        self.axisFormat = axisFormat
        self.valueFormat = valueFormat
        self.layout = layout ?? BarChart.layout(rows: bars.count)
        self.language = language
    }

    /// The value scale: always contains zero, widened to nice ticks.
    public var valueScale: Scale {
        let values = bars.map(\.value).filter(\.isFinite)
        let lo = min(0, values.min() ?? 0), hi = max(0, values.max() ?? 0)
        return Scale(domain: lo...(hi > lo ? hi : lo + 1), range: (layout.plotLeft, layout.plotRight)).niced()
    }

    /// The rectangle of bar `index` as (x, y, width, height) in SVG units.
    public func barRect(_ index: Int) -> (x: Double, y: Double, width: Double, height: Double) {
        let scale = valueScale
        let value = bars[index].value.isFinite ? bars[index].value : 0
        let zero = scale(0), end = scale(value)
        let rowTop = layout.plotTop + Double(index) * BarChart.rowHeight
        return (min(zero, end), rowTop + 4, abs(end - zero), BarChart.rowHeight - 8)
    }

    public func svg() -> String {
        var canvas = SVGCanvas(width: layout.width, height: layout.height)
        let scale = valueScale
        ChartAxes.drawX(&canvas, layout: layout, scale: scale, title: axisTitle, format: axisFormat,
                        language: language)
        for (i, bar) in bars.enumerated() {
            let r = barRect(i)
            let colour = bar.colour ?? (bar.value < 0 ? negativeColour : positiveColour)
            let valueText = valueFormat.string(bar.value, language: language)
            canvas.rect(r.x, r.y, r.width, r.height, fill: colour, cssClass: "bar", title: "\(bar.label): \(valueText)")
            let midY = r.y + r.height / 2 + 4
            let labelRoom = layout.plotLeft - 10
            canvas.text(layout.plotLeft - 8, midY, SVGCanvas.truncated(bar.label, toWidth: labelRoom, size: 12),
                        anchor: .end, size: 12, cssClass: "bar-label", fullText: bar.label)
            canvas.text(layout.width - 4, midY, valueText, anchor: .end, size: 12, weight: "600",
                        cssClass: "bar-value")
        }
        // The zero line on top of the bars, so the sign split is visible.
        let zero = scale(0)
        canvas.line(zero, layout.plotTop, zero, layout.plotBottom, stroke: "#111827", width: 1.5, cssClass: "zero")
        return canvas.finish(title: title)
    }
}
