/// The fixed size of a chart and the margins around its plot box, in SVG user units (px).
///
/// Charts have fixed sizes (set as the `viewBox` and as `width`/`height`) so they print at a
/// known scale and their geometry is testable: a value maps to the same coordinate on every
/// machine. The margins hold the legend (top), tick labels and axis titles (left, bottom) and,
/// for bar charts, the value column (right).
public struct ChartLayout: Sendable, Equatable {
    public var width: Double
    public var height: Double
    public var marginTop: Double
    public var marginRight: Double
    public var marginBottom: Double
    public var marginLeft: Double

    public init(width: Double, height: Double, marginTop: Double, marginRight: Double,
                marginBottom: Double, marginLeft: Double) {
        self.width = width
        self.height = height
        self.marginTop = marginTop
        self.marginRight = marginRight
        self.marginBottom = marginBottom
        self.marginLeft = marginLeft
    }

    /// 520 × 380 with room for a legend row, tick labels and axis titles: fits two per row on a
    /// 1280 px screen and one per row on an A4 page.
    public static let standard = ChartLayout(
        width: 520, height: 380, marginTop: 44, marginRight: 20, marginBottom: 56, marginLeft: 64)

    /// Left edge of the plot box.
    public var plotLeft: Double { marginLeft }
    /// Right edge of the plot box.
    public var plotRight: Double { width - marginRight }
    /// Top edge of the plot box.
    public var plotTop: Double { marginTop }
    /// Bottom edge of the plot box.
    public var plotBottom: Double { height - marginBottom }
    public var plotWidth: Double { plotRight - plotLeft }
    public var plotHeight: Double { plotBottom - plotTop }
}
