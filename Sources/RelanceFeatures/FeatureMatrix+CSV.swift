import Foundation

extension FeatureMatrix {
    /// The matrix as CSV text: `invoice_id,label,<feature columns…>`, one line per row.
    ///
    /// Labels are `1` (late), `0` (on time) or empty (unknown). Numbers use Swift's shortest
    /// representation that reads back to the same `Double`, so a file written here and parsed by
    /// Python or R gives bit-identical features.
    public func csvText(invoiceIds: [String]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(rowCount * (columnCount * 8 + 16) + 256)
        out.append(contentsOf: CSVText.line(["invoice_id", "label"] + featureNames).utf8)
        out.append(10)
        let p = columnCount
        for i in 0..<rowCount {
            let r = rows[i]
            let id = r >= 0 && r < invoiceIds.count ? invoiceIds[r] : ""
            out.append(contentsOf: CSVText.field(id).utf8)
            out.append(UInt8(ascii: ","))
            out.append(contentsOf: labels[i].csvField.utf8)
            let base = i * p
            for j in 0..<p {
                out.append(UInt8(ascii: ","))
                let v = values[base + j]
                if v == v.rounded(.towardZero) && abs(v) < 1e15 {
                    // Integral values (counts, days, flags) print without ".0".
                    out.append(contentsOf: String(Int64(v)).utf8)
                } else {
                    out.append(contentsOf: v.description.utf8)
                }
            }
            out.append(10)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes ``csvText(invoiceIds:)`` atomically to `url`.
    public func writeCSV(to url: URL, invoiceIds: [String]) throws {
        try AtomicFile.write(csvText(invoiceIds: invoiceIds), to: url)
    }
}
