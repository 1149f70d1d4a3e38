import Foundation

extension AnomalyFeatureMatrix {
    /// The matrix as CSV: a header `invoice_id,<feature names…>` then one line per row.
    ///
    /// This is the hand-off format for outside peers (scikit-learn's IsolationForest and
    /// EllipticEnvelope in `scripts/bench/anomaly_peer.py`), so the same features feed both sides.
    /// Numbers are written with Swift's shortest round-tripping representation.
    public func csvText() -> String {
        var out = CSVText.line(["invoice_id"] + names)
        out.reserveCapacity(rows * (columns * 8 + 16))
        out.append("\n")
        let p = columns
        values.withUnsafeBufferPointer { v in
            for r in 0..<rows {
                out.append(CSVText.field(invoiceIds[r]))
                for j in 0..<p {
                    out.append(",")
                    let x = v[r * p + j]
                    if x == 0 { out.append("0") } else { out.append(x.description) }
                }
                out.append("\n")
            }
        }
        return out
    }

    /// Writes ``csvText()`` to `url` atomically.
    public func writeCSV(to url: URL) throws {
        try AtomicFile.write(csvText(), to: url)
    }
}
