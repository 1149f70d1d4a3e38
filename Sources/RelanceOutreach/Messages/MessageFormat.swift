import Foundation
import RelanceData

/// Dates and amounts written the way a reader of the language expects ("4 mars 2026", "1 234,50 EUR";
/// "4 March 2026", "1,234.50 EUR"). Other languages get ISO dates and the English number style.
public enum MessageFormat {
    static let frMonths = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
    static let enMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    public static func date(_ day: Day, language: String) -> String {
        guard !day.isMissing else { return "" }
        let (y, m, d) = day.civil
        switch language {
        case "fr": return "\(d == 1 ? "1er" : String(d)) \(frMonths[m - 1]) \(y)"
        case "en": return "\(d) \(enMonths[m - 1]) \(y)"
        default: return day.iso
        }
    }

    public static func amount(_ value: Double, currency: String, language: String) -> String {
        let cents = Int((abs(value) * 100).rounded())
        let units = String(cents / 100)
        let fraction = String(format: "%02d", cents % 100)
        let (group, decimal) = language == "fr" ? ("\u{00A0}", ",") : (",", ".")
        var grouped = ""
        for (k, ch) in units.reversed().enumerated() {
            if k > 0 && k % 3 == 0 { grouped.append(contentsOf: group.reversed()) }
            grouped.append(ch)
        }
        let sign = value < 0 ? "-" : ""
        return "\(sign)\(String(grouped.reversed()))\(decimal)\(fraction)\(currency.isEmpty ? "" : "\u{00A0}" + currency)"
    }
}
