/// Escaping of untrusted text (customer names, reasons, feature names) for HTML and SVG.
///
/// Everything that comes from data is escaped exactly once, at the point where it is written
/// into markup, so that a customer called `<Dupont & Fils>` shows as typed and can never inject
/// markup or script into the report. The same escaping is valid inside element content and
/// inside double- or single-quoted attribute values.
public enum HTMLText {
    /// Returns `text` with `&`, `<`, `>`, `"` and `'` replaced by character references.
    public static func escape(_ text: String) -> String {
        // Most texts (amounts, dates, ids) need nothing: return them without copying.
        let needsWork = text.utf8.contains { (byte: UInt8) -> Bool in
            switch byte {
            case 0x00..<0x20, 0x22, 0x26, 0x27, 0x3C, 0x3E: return true  // controls " & ' < >
            default: return false
            }
        }
        guard needsWork else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab/newline are not allowed in XML (SVG): drop them.
                if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
