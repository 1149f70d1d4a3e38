import Foundation
import RelanceData

/// Number, amount, percentage and date formatting for one report language.
///
/// Hand-written rather than `NumberFormatter`: the output must be byte-for-byte identical on every
/// machine (Linux ICU data and macOS disagree on French separators), and tests pin it.
/// - French: comma decimals, U+202F narrow no-break space between thousands, the currency symbol
///   after the amount behind a U+00A0 no-break space (`12 345,67 €`), `12,5 %`, dates `29/11/2026`.
/// - English: point decimals, comma thousands, symbol first (`€12,345.67`), `12.5%`, dates
///   `29 Nov 2026` (day-month-year spelled out, unambiguous on both sides of the Atlantic).
/// Negative numbers use the minus sign U+2212, which lines up with digits in tables. Rounding is
/// half away from zero on the decimal as written (0.125 € → 0,13 €).
/// Non-finite values print as an em dash rather than `nan`.
public struct ReportNumberFormat: Sendable {
    public let language: ReportLanguage

    /// U+202F NARROW NO-BREAK SPACE, the French thousands separator.
    public static let narrowNoBreakSpace = "\u{202F}"
    /// U+00A0 NO-BREAK SPACE, between a French amount and its currency symbol.
    public static let noBreakSpace = "\u{00A0}"
    static let minus = "\u{2212}"
    static let notANumber = "—"

    public init(language: ReportLanguage) { self.language = language }

    private var decimalSeparator: String { language == .fr ? "," : "." }
    private var groupSeparator: String { language == .fr ? Self.narrowNoBreakSpace : "," }

    /// `x` rounded to `fractionDigits` decimals, with thousands grouped.
    public func decimal(_ x: Double, fractionDigits: Int) -> String {
        guard x.isFinite else { return Self.notANumber }
        let digits = max(0, min(fractionDigits, 12))
        let text = Self.fixed(abs(x), digits: digits)
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let integerPart = String(parts[0])
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        // "-0.00" rounds to zero: print it unsigned.
        let isZero = text.allSatisfy { $0 == "0" || $0 == "." }
        let sign = (x < 0 && !isZero) ? Self.minus : ""
        var grouped = ""
        for (i, ch) in integerPart.enumerated() {
            if i > 0 && (integerPart.count - i) % 3 == 0 { grouped += groupSeparator }
            grouped.append(ch)
        }
        return sign + grouped + (fraction.isEmpty ? "" : decimalSeparator + fraction)
    }

    /// `x` (≥ 0) with exactly `digits` decimals and a "." mark. Integer arithmetic when the scaled
    /// value fits exactly in a Double's integer range (String(format:) is slow on Linux).
    static func fixed(_ x: Double, digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (x * scale).rounded()
        guard scaled < 9e15 else { return String(format: "%.\(digits)f", x) }
        let n = Int(scaled)
        let divisor = Int(scale)
        let whole = String(n / divisor)
        guard digits > 0 else { return whole }
        let fraction = String(n % divisor)
        return whole + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    /// A whole number with thousands grouped (`12 345` / `12,345`).
    public func integer(_ n: Int) -> String { decimal(Double(n), fractionDigits: 0) }

    /// An amount with its currency (`12 345,67 €` / `€12,345.67`); unknown codes print as the code.
    public func money(_ x: Double, currency: String, fractionDigits: Int = 2) -> String {
        guard x.isFinite else { return Self.notANumber }
        let number = decimal(abs(x), fractionDigits: fractionDigits)
        let isNegative = x < 0 && number.contains(where: { $0 != "0" && $0.isNumber })
        let sign = isNegative ? Self.minus : ""
        let symbol = Self.symbol(for: currency)
        switch language {
        case .fr:
            return sign + number + Self.noBreakSpace + symbol
        case .en:
            return symbol.count == 1 ? sign + symbol + number : sign + symbol + Self.noBreakSpace + number
        }
    }

    /// A fraction shown as a percentage (`0.125` → `12,5 %` / `12.5%`).
    public func percent(_ fraction: Double, fractionDigits: Int = 1) -> String {
        guard fraction.isFinite else { return Self.notANumber }
        let number = decimal(fraction * 100, fractionDigits: fractionDigits)
        return language == .fr ? number + Self.narrowNoBreakSpace + "%" : number + "%"
    }

    /// A calendar day (`29/11/2026` / `29 Nov 2026`); an em dash for a missing day.
    public func date(_ day: Day) -> String {
        guard !day.isMissing else { return Self.notANumber }
        let (y, m, d) = day.civil
        switch language {
        case .fr:
            return (d < 10 ? "0\(d)" : "\(d)") + "/" + (m < 10 ? "0\(m)" : "\(m)") + "/\(y)"
        case .en:
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            return "\(d) \(months[m - 1]) \(y)"
        }
    }

    /// A compact amount for chart axes (`12 k€`, `1,5 M€` / `€12k`, `€1.5M`).
    public func compactMoney(_ x: Double, currency: String) -> String {
        guard x.isFinite else { return Self.notANumber }
        let a = abs(x)
        let (value, suffix): (Double, String) =
            a >= 1_000_000 ? (x / 1_000_000, "M") : a >= 1_000 ? (x / 1_000, "k") : (x, "")
        let digits = (suffix.isEmpty || abs(value) >= 10 || value == value.rounded()) ? 0 : 1
        let number = decimal(value, fractionDigits: digits)
        let symbol = Self.symbol(for: currency)
        switch language {
        case .fr: return number + Self.noBreakSpace + suffix + symbol
        case .en:
            let sign = number.hasPrefix(Self.minus) ? Self.minus : ""
            let unsigned = sign.isEmpty ? number : String(number.dropFirst())
            return sign + (symbol.count == 1 ? symbol : symbol + Self.noBreakSpace) + unsigned + suffix
        }
    }

    static func symbol(for currency: String) -> String {
        switch currency.uppercased() {
        case "EUR": return "€"
        case "USD": return "$"
        case "GBP": return "£"
        case "JPY": return "¥"
        default: return currency.uppercased()
        }
    }
}
