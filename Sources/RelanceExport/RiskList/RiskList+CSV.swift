import Foundation
import RelanceData

extension RiskList {
    /// The risk list as CSV text (RFC 4180 quoting, `\n` line ends), one row per invoice with the
    /// columns of ``RiskListColumns/invoices``.
    ///
    /// `anomaly_flags` are joined with `;` and the rendered reasons with ` | `. Dates are ISO
    /// `YYYY-MM-DD`; `amount` is written exactly as held, `p_late` and `anomaly_score` with 4
    /// decimals and `priority` with 2; values that are not finite become empty fields.
    ///
    /// Free-text fields a person typed in the ERP (`customer_name`, `reasons`) that start with
    /// `=`, `+`, `-`, `@`, tab or CR are prefixed with `'` so a spreadsheet opening the file does not
    /// run them as formulas (CSV injection); ids are left untouched so joins still work.
    ///
    /// - Parameters:
    ///   - renderReason: turns a reason into a sentence (the scoring layer's wording).
    ///   - byteOrderMark: start with a UTF-8 BOM, which Excel needs to read accented names
    ///     correctly when the file is opened by double-click; leave off for programs.
    ///
    /// Rows are formatted in a few chunks on separate cores when the list is long, so
    /// `renderReason` may be called from several threads at once: it must be a pure function of
    /// the reason (``ReasonText/renderer(_:)`` is).
    public func csv(renderReason: ReasonRenderer, byteOrderMark: Bool = false) -> String {
        var bytes: [UInt8] = []
        for chunk in csvChunks(renderReason: renderReason, byteOrderMark: byteOrderMark) { bytes += chunk.bytes }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes ``csv(renderReason:byteOrderMark:)`` atomically to `url`.
    public func writeCSV(to url: URL, renderReason: ReasonRenderer, byteOrderMark: Bool = false) throws {
        let chunks = csvChunks(renderReason: renderReason, byteOrderMark: byteOrderMark)
        var data = Data(capacity: chunks.reduce(0) { $0 + $1.bytes.count })
        for chunk in chunks { data.append(contentsOf: chunk.bytes) }
        try AtomicFile.write(data, to: url)
    }

    /// The CSV as consecutive byte chunks (header first), written straight into buffers (the daily
    /// hot path: no string per number, date or joined list, see ``CSVByteBuffer``). Long lists are
    /// split into one chunk of rows per core, formatted in parallel.
    func csvChunks(renderReason: ReasonRenderer, byteOrderMark: Bool) -> [CSVByteBuffer] {
        var header = CSVByteBuffer(reservingCapacity: 256)
        if byteOrderMark { header.appendByteOrderMark() }
        for name in RiskListColumns.invoices { header.appendField(name) }
        header.endRow()
        let n = invoices.count
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, n / 10_000))
        var chunks = [CSVByteBuffer](repeating: CSVByteBuffer(reservingCapacity: 0), count: parts)
        withoutActuallyEscaping(renderReason) { renderReason in
            invoices.withUnsafeBufferPointer { rows in
                chunks.withUnsafeMutableBufferPointer { chunks in
                    let out = UncheckedSendableChunks(chunks)
                    let all = UncheckedSendableRows(rows)
                    let render = UncheckedSendableRenderer(renderReason)
                    DispatchQueue.concurrentPerform(iterations: parts) { part in
                        let range = (n * part / parts)..<(n * (part + 1) / parts)
                        out.buffer[part] = Self.csvRows(all.buffer, range, renderReason: render.closure)
                    }
                }
            }
        }
        return [header] + chunks
    }

    /// CSV rows `range` of `rows`.
    private static func csvRows(
        _ rows: UnsafeBufferPointer<ScoredInvoice>, _ range: Range<Int>, renderReason: ReasonRenderer
    ) -> CSVByteBuffer {
        var out = CSVByteBuffer(reservingCapacity: 320 * range.count)
        var reasons: [String] = []
        for i in range {
            out.appendField(rows[i].invoiceId)
            out.appendField(rows[i].customerId)
            out.appendGuardedField(rows[i].customerName)
            out.appendExactAmount(rows[i].amount)
            out.appendField(rows[i].currency)
            out.appendDay(rows[i].issueDate)
            out.appendDay(rows[i].dueDate)
            out.appendInt(rows[i].daysOverdue)
            out.appendFixed(rows[i].pLate, decimals: 4)
            out.appendFixed(rows[i].anomalyScore, decimals: 4)
            // The separators are RiskListColumns.flagSeparator and .reasonSeparator.
            out.appendField(parts: rows[i].anomalyFlags, separator: ";", guardFormula: false)
            out.appendField(rows[i].riskTier.rawValue)
            out.appendFixed(rows[i].priority, decimals: 2)
            reasons.removeAll(keepingCapacity: true)
            for reason in rows[i].reasons { reasons.append(renderReason(reason)) }
            out.appendField(parts: reasons, separator: " | ", guardFormula: true)
            out.endRow()
        }
        return out
    }
}

/// The chunk slots, each written by exactly one worker.
private struct UncheckedSendableChunks: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<CSVByteBuffer>
    init(_ buffer: UnsafeMutableBufferPointer<CSVByteBuffer>) { self.buffer = buffer }
}

/// The rows, read by every worker.
private struct UncheckedSendableRows: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<ScoredInvoice>
    init(_ buffer: UnsafeBufferPointer<ScoredInvoice>) { self.buffer = buffer }
}

/// The caller's reason renderer, documented as callable from several threads at once.
private struct UncheckedSendableRenderer: @unchecked Sendable {
    let closure: ReasonRenderer
    init(_ closure: @escaping ReasonRenderer) { self.closure = closure }
}

/// Guards free text for spreadsheets that evaluate a cell starting with a formula character.
enum SpreadsheetText {
    static func guardFormula(_ s: String) -> String {
        guard let first = s.unicodeScalars.first else { return s }
        switch first {
        case "=", "+", "-", "@", "\t", "\r": return "'" + s
        default: return s
        }
    }
}
