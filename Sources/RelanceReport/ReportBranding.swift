import Foundation

/// The company's name and brand colour, shown in the report header and used for the model's
/// series in charts.
///
/// The colour is validated (`#RGB` or `#RRGGBB`) and normalised to lowercase `#rrggbb`: it ends up
/// in CSS and SVG attributes, so anything else is refused rather than pasted into the page.
/// Brand colours are often light (a yellow, a pastel); ``accentColour`` darkens such a colour until
/// lines and text drawn in it reach a 3:1 contrast with white (WCAG for graphics), and
/// ``onBrandTextColour`` picks black or white text for the header band.
public struct ReportBranding: Sendable, Codable, Equatable {
    public let companyName: String
    /// `#rrggbb`.
    public let brandColour: String

    public init(companyName: String, brandColour: String) throws {
        let name = companyName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw ReportInputError.emptyCompanyName }
        guard let rgb = ReportBranding.parseHex(brandColour) else {
            throw ReportInputError.invalidBrandColour(field: "brand_colour", value: brandColour)
        }
        self.companyName = name
        self.brandColour = ReportBranding.hex(rgb)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(companyName: c.decode(String.self, forKey: .companyName),
                      brandColour: c.decode(String.self, forKey: .brandColour))
    }

    enum CodingKeys: String, CodingKey { case companyName = "company_name", brandColour = "brand_colour" }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(companyName, forKey: .companyName)
        try c.encode(brandColour, forKey: .brandColour)
    }

    /// The brand colour, darkened if needed to reach 3:1 contrast against white.
    public var accentColour: String {
        guard var rgb = ReportBranding.parseHex(brandColour) else { return "#1f4e79" }
        var steps = 0
        while ReportBranding.contrastWithWhite(rgb) < 3 && steps < 40 {
            rgb = (rgb.0 * 0.92, rgb.1 * 0.92, rgb.2 * 0.92)
            steps += 1
        }
        return ReportBranding.hex(rgb)
    }

    /// `#ffffff` or `#111827`, whichever reads better on the brand colour.
    public var onBrandTextColour: String {
        guard let rgb = ReportBranding.parseHex(brandColour) else { return "#ffffff" }
        let l = ReportBranding.luminance(rgb)
        // Contrast with white = 1.05/(l+0.05); with near-black (#111827, L≈0.0094) = (l+0.05)/0.0594.
        return 1.05 / (l + 0.05) >= (l + 0.05) / 0.0594 ? "#ffffff" : "#111827"
    }

    /// Components in 0…255 from `#RGB` / `#RRGGBB` (case-insensitive); nil otherwise.
    static func parseHex(_ text: String) -> (Double, Double, Double)? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard t.hasPrefix("#") else { return nil }
        var digits = Array(t.dropFirst())
        guard digits.allSatisfy({ $0.isHexDigit && $0.isASCII }) else { return nil }
        if digits.count == 3 { digits = digits.flatMap { [$0, $0] } }
        guard digits.count == 6, let v = Int(String(digits), radix: 16) else { return nil }
        return (Double((v >> 16) & 0xff), Double((v >> 8) & 0xff), Double(v & 0xff))
    }

    static func hex(_ rgb: (Double, Double, Double)) -> String {
        func h(_ c: Double) -> String {
            let v = Int(max(0, min(255, c.rounded())))
            let s = String(v, radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        return "#" + h(rgb.0) + h(rgb.1) + h(rgb.2)
    }

    /// WCAG relative luminance.
    static func luminance(_ rgb: (Double, Double, Double)) -> Double {
        func channel(_ c: Double) -> Double {
            let s = c / 255
            return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(rgb.0) + 0.7152 * channel(rgb.1) + 0.0722 * channel(rgb.2)
    }

    static func contrastWithWhite(_ rgb: (Double, Double, Double)) -> Double {
        1.05 / (luminance(rgb) + 0.05)
    }
}
