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
        var out = byteOrderMark ? "\u{FEFF}" : ""
        out += CSVText.line(RiskListColumns.invoices)
        out += "\n"
        for inv in invoices {
            let reasons = inv.reasons.map(renderReason).joined(separator: RiskListColumns.reasonSeparator)
            out += CSVText.line([
                inv.invoiceId,
                inv.customerId,
                SpreadsheetText.guardFormula(inv.customerName),
                DecimalText.exact(inv.amount),
                inv.currency,
                inv.issueDate.iso,
                inv.dueDate.iso,
                String(inv.daysOverdue),
                DecimalText.fixed(inv.pLate, decimals: 4),
                DecimalText.fixed(inv.anomalyScore, decimals: 4),
                inv.anomalyFlags.joined(separator: RiskListColumns.flagSeparator),
                inv.riskTier.rawValue,
                DecimalText.fixed(inv.priority, decimals: 2),
                SpreadsheetText.guardFormula(reasons),
            ])
            out += "\n"
        }
        return out
    }

    /// Writes ``csv(renderReason:byteOrderMark:)`` atomically to `url`.
    public func writeCSV(to url: URL, renderReason: ReasonRenderer, byteOrderMark: Bool = false) throws {
        try AtomicFile.write(csv(renderReason: renderReason, byteOrderMark: byteOrderMark), to: url)
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
