/// Draws the parts every x/y chart shares: grid, axis lines, ticks, tick labels, axis titles and
/// the legend row. Internal: charts call it with their scales.
enum ChartAxes {
    static let tickLength = 5.0
    static let tickFontSize = 11.0
    static let titleFontSize = 12.5

    /// Vertical-value axis on the left with horizontal grid lines across the plot.
    static func drawY(_ canvas: inout SVGCanvas, layout: ChartLayout, scale: Scale, title: String,
                      format: ChartValueFormat, language: ReportLanguage, tickCount: Int = 5) {
        let step = Scale.niceStep(span: abs(scale.domainEnd - scale.domainStart), count: tickCount)
        for tick in scale.ticks(count: tickCount) {
            let y = scale(tick)
            canvas.line(layout.plotLeft, y, layout.plotRight, y, stroke: SVGCanvas.gridColour, cssClass: "grid")
            canvas.line(layout.plotLeft - tickLength, y, layout.plotLeft, y, stroke: SVGCanvas.axisColour)
            canvas.text(layout.plotLeft - tickLength - 3, y + 4, format.string(tick, language: language, step: step),
                        anchor: .end, size: tickFontSize, fill: SVGCanvas.axisColour, cssClass: "tick-label")
        }
        canvas.line(layout.plotLeft, layout.plotTop, layout.plotLeft, layout.plotBottom, stroke: SVGCanvas.axisColour)
        let cx = 16.0, cy = (layout.plotTop + layout.plotBottom) / 2
        canvas.text(cx, cy, title, anchor: .middle, size: titleFontSize, weight: "600", rotate: -90,
                    cssClass: "axis-title")
    }

    /// Horizontal-value axis along the bottom with vertical grid lines (optional).
    static func drawX(_ canvas: inout SVGCanvas, layout: ChartLayout, scale: Scale, title: String,
                      format: ChartValueFormat, language: ReportLanguage, tickCount: Int = 5,
                      grid: Bool = true) {
        let step = Scale.niceStep(span: abs(scale.domainEnd - scale.domainStart), count: tickCount)
        for tick in scale.ticks(count: tickCount) {
            let x = scale(tick)
            if grid {
                canvas.line(x, layout.plotTop, x, layout.plotBottom, stroke: SVGCanvas.gridColour, cssClass: "grid")
            }
            canvas.line(x, layout.plotBottom, x, layout.plotBottom + tickLength, stroke: SVGCanvas.axisColour)
            canvas.text(x, layout.plotBottom + tickLength + 13, format.string(tick, language: language, step: step),
                        anchor: .middle, size: tickFontSize, fill: SVGCanvas.axisColour, cssClass: "tick-label")
        }
        canvas.line(layout.plotLeft, layout.plotBottom, layout.plotRight, layout.plotBottom, stroke: SVGCanvas.axisColour)
        canvas.text((layout.plotLeft + layout.plotRight) / 2, layout.height - 10, title, anchor: .middle,
                    size: titleFontSize, weight: "600", cssClass: "axis-title")
    }

    /// One legend entry: a swatch (line or box) and its label.
    struct LegendEntry {
        enum Swatch { case line(dash: String?), box, dot }
        var label: String
        var colour: String
        var swatch: Swatch
    }

    /// A row of legend entries above the plot, left-aligned with it, wrapping when it runs out of
    /// width. Returns the y of the last row (for tests and for charts that want to know).
    @discardableResult
    static func drawLegend(_ canvas: inout SVGCanvas, layout: ChartLayout, entries: [LegendEntry]) -> Double {
        let fontSize = 12.0
        var x = layout.plotLeft
        var y = 16.0
        for entry in entries {
            let width = 22 + SVGCanvas.estimatedWidth(entry.label, size: fontSize) + 18
            if x > layout.plotLeft && x + width > layout.width - 4 {
                x = layout.plotLeft
                y += 18
            }
            switch entry.swatch {
            case .line(let dash):
                canvas.line(x, y - 4, x + 16, y - 4, stroke: entry.colour, width: 2.5, dash: dash)
            case .box:
                canvas.rect(x, y - 10, 14, 12, fill: entry.colour)
            case .dot:
                canvas.circle(x + 8, y - 4, r: 4.5, fill: entry.colour)
            }
            canvas.text(x + 22, y, entry.label, size: fontSize, cssClass: "legend-label")
            x += width
        }
        return y
    }
}
