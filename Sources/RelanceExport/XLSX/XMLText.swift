/// Text made safe for XML 1.0 element content and attribute values.
enum XMLText {
    /// Whether XML 1.0 allows the scalar at all (`Char` production): tab, LF, CR, U+0020–U+D7FF,
    /// U+E000–U+FFFD, U+10000–U+10FFFF. Swift strings never hold surrogates.
    @inline(__always) static func isAllowed(_ v: UInt32) -> Bool {
        if v < 0x20 { return v == 0x9 || v == 0xA || v == 0xD }
        return v != 0xFFFE && v != 0xFFFF
    }

    /// The characters XML 1.0 forbids removed; nothing else changed.
    static func stripped(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { !isAllowed($0.value) }) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars where isAllowed(u.value) { out.append(u) }
        return String(out)
    }

    /// Appends `s` escaped (`& < > " '`) with forbidden characters removed. CR is written as a
    /// character reference so XML line-end normalisation does not turn it into LF.
    static func appendEscaped(_ s: String, to out: inout String) {
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\r": out += "&#13;"
            default:
                if isAllowed(u.value) { out.unicodeScalars.append(u) }
            }
        }
    }

    static func escaped(_ s: String) -> String {
        var out = ""
        appendEscaped(s, to: &out)
        return out
    }
}
