import Foundation

/// RFC 4180 quoting for CSV fields written by Relance (risk lists, feature matrices, rejects).
public enum CSVText {
    /// The field as it must appear in a CSV line: quoted when it holds a comma, quote, CR or LF.
    public static func field(_ s: String) -> String {
        var needs = false
        for b in s.utf8 where b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == 10 || b == 13 {
            needs = true
            break
        }
        guard needs else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One CSV line (without the terminating newline).
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }
}
