import Foundation

/// Accumulates SVG elements with escaped text and compact, deterministic coordinates.
///
/// Internal to the charts: each chart builds one canvas and returns `finish()`. Coordinates are
/// written with at most two decimals and without trailing zeros (`60`, `60.5`, `60.25`) so that
/// the markup is stable and tests can compare exact strings.
struct SVGCanvas {
    let width: Double
    let height: Double
    private(set) var body = ""

    static let fontFamily = "'DejaVu Sans', 'Segoe UI', system-ui, -apple-system, Helvetica, Arial, sans-serif"
    static let axisColour = "#4b5563"
    static let gridColour = "#e5e7eb"
    static let textColour = "#1f2937"

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// A coordinate or length as SVG text: rounded to 0.01, trailing zeros dropped.
    static func number(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        // Fast path (String(format:) is slow on Linux): hundredths as an integer.
        let hundredths = (v * 100).rounded()
        if abs(hundredths) < 1e15 {
            let n = Int(hundredths)
            let whole = abs(n) / 100, fraction = abs(n) % 100
            let sign = n < 0 ? "-" : ""
            if fraction == 0 { return sign + String(whole) }
            let f = fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0" + String(fraction) : String(fraction))
            return sign + String(whole) + "." + f
        }
        var s = String(format: "%.2f", v)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    private func n(_ v: Double) -> String { SVGCanvas.number(v) }

    mutating func raw(_ markup: String) { body += markup }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String,
                       width: Double = 1, dash: String? = nil, cssClass: String? = nil) {
        body += "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(HTMLText.escape(stroke))\" stroke-width=\"\(n(width))\""
        if let dash { body += " stroke-dasharray=\"\(dash)\"" }
        if let cssClass { body += " class=\"\(cssClass)\"" }
        body += "/>"
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String,
                       opacity: Double? = nil, cssClass: String? = nil, title: String? = nil) {
        body += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(0, w)))\" height=\"\(n(max(0, h)))\" fill=\"\(HTMLText.escape(fill))\""
        if let opacity { body += " fill-opacity=\"\(n(opacity))\"" }
        if let cssClass { body += " class=\"\(cssClass)\"" }
        if let title {
            body += "><title>\(HTMLText.escape(title))</title></rect>"
        } else {
            body += "/>"
        }
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2,
                           dash: String? = nil, cssClass: String? = nil) {
        let list = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
        body += "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(HTMLText.escape(stroke))\" stroke-width=\"\(n(width))\" stroke-linejoin=\"round\""
        if let dash { body += " stroke-dasharray=\"\(dash)\"" }
        if let cssClass { body += " class=\"\(cssClass)\"" }
        body += "/>"
    }

    mutating func circle(_ cx: Double, _ cy: Double, r: Double, fill: String, stroke: String = "#ffffff",
                         title: String? = nil) {
        body += "<circle cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n(r))\" fill=\"\(HTMLText.escape(fill))\" stroke=\"\(HTMLText.escape(stroke))\" stroke-width=\"1\""
        if let title {
            body += "><title>\(HTMLText.escape(title))</title></circle>"
        } else {
            body += "/>"
        }
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(_ x: Double, _ y: Double, _ content: String, anchor: Anchor = .start,
                       size: Double = 12, weight: String? = nil, fill: String = SVGCanvas.textColour,
                       rotate: Double? = nil, baseline: String? = nil, cssClass: String? = nil,
                       fullText: String? = nil) {
        body += "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" fill=\"\(HTMLText.escape(fill))\""
        if anchor != .start { body += " text-anchor=\"\(anchor.rawValue)\"" }
        if let weight { body += " font-weight=\"\(weight)\"" }
        if let baseline { body += " dominant-baseline=\"\(baseline)\"" }
        if let rotate { body += " transform=\"rotate(\(n(rotate)) \(n(x)) \(n(y)))\"" }
        if let cssClass { body += " class=\"\(cssClass)\"" }
        body += ">"
        if let fullText, fullText != content { body += "<title>\(HTMLText.escape(fullText))</title>" }
        body += "\(HTMLText.escape(content))</text>"
    }

    /// Approximate rendered width of `text` at `size` px in the chart font (DejaVu Sans averages
    /// about 0.56 em per character in mixed-case text): used to lay out legends.
    static func estimatedWidth(_ text: String, size: Double) -> Double {
        Double(text.count) * size * 0.56
    }

    /// `text` cut with an ellipsis so that it fits in `maxWidth` at `size` px.
    static func truncated(_ text: String, toWidth maxWidth: Double, size: Double) -> String {
        let maxChars = max(1, Int(maxWidth / (size * 0.6)))
        guard text.count > maxChars else { return text }
        return String(text.prefix(max(1, maxChars - 1))) + "…"
    }

    /// The finished `<svg>` element: fixed size, `viewBox` set, an accessible title.
    func finish(title: String, description: String? = nil) -> String {
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" font-family=\"\(SVGCanvas.fontFamily)\">"
        out += "<title>\(HTMLText.escape(title))</title>"
        if let description { out += "<desc>\(HTMLText.escape(description))</desc>" }
        out += "<rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>"
        out += body
        out += "</svg>"
        return out
    }
}
