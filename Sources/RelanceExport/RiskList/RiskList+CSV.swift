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

    /// The same CSV as bytes, built without intermediate strings per field (the daily hot path).
    func csvBytes(renderReason: ReasonRenderer, byteOrderMark: Bool) -> CSVBuffer {
        var out = CSVBuffer(reservingCapacity: 256 * (invoices.count + 1))
        if byteOrderMark { out.appendByteOrderMark() }
        for name in RiskListColumns.invoices { out.appendField(name) }
        out.endRow()
        for inv in invoices {
            out.appendField(inv.invoiceId)
            out.appendField(inv.customerId)
            out.appendField(SpreadsheetText.guardFormula(inv.customerName))
            out.appendField(DecimalText.exact(inv.amount))
            out.appendField(inv.currency)
            out.appendField(inv.issueDate.iso)
            out.appendField(inv.dueDate.iso)
            out.appendInt(inv.daysOverdue)
            out.appendFixed(inv.pLate, decimals: 4)
            out.appendFixed(inv.anomalyScore, decimals: 4)
            out.appendField(inv.anomalyFlags.joined(separator: RiskListColumns.flagSeparator))
            out.appendField(inv.riskTier.rawValue)
            out.appendFixed(inv.priority, decimals: 2)
            let reasons = inv.reasons.map(renderReason).joined(separator: RiskListColumns.reasonSeparator)
            out.appendField(SpreadsheetText.guardFormula(reasons))
            out.endRow()
        }
        return out
    }

    /// Writes ``csv(renderReason:byteOrderMark:)`` atomically to `url`.
    public func writeCSV(to url: URL, renderReason: ReasonRenderer, byteOrderMark: Bool = false) throws {
        try AtomicFile.write(csvBytes(renderReason: renderReason, byteOrderMark: byteOrderMark).data, to: url)
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
