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
    public func csv(renderReason: ReasonRenderer, byteOrderMark: Bool = false) -> String {
        String(decoding: csvBytes(renderReason: renderReason, byteOrderMark: byteOrderMark).bytes, as: UTF8.self)
    }

    /// The same CSV as bytes, written straight into one buffer (the daily hot path): no string
    /// per number, date or joined list (see ``CSVByteBuffer``).
    func csvBytes(renderReason: ReasonRenderer, byteOrderMark: Bool) -> CSVByteBuffer {
        var out = CSVByteBuffer(reservingCapacity: 320 * (invoices.count + 1))
        if byteOrderMark { out.appendByteOrderMark() }
        for name in RiskListColumns.invoices { out.appendField(name) }
        out.endRow()
        var reasons: [String] = []
        invoices.withUnsafeBufferPointer { rows in
            for i in rows.indices {
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
        }
        return out
    }

    /// Writes ``csv(renderReason:byteOrderMark:)`` atomically to `url`.
    public func writeCSV(to url: URL, renderReason: ReasonRenderer, byteOrderMark: Bool = false) throws {
        try AtomicFile.write(Data(csvBytes(renderReason: renderReason, byteOrderMark: byteOrderMark).bytes), to: url)
    }
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
