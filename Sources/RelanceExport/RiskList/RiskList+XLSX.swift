import Foundation
import RelanceData

extension RiskList {
    /// The risk list as a workbook with three sheets:
    /// - `invoices`: one row per invoice, the columns of ``RiskListColumns/invoices`` (flags joined
    ///   with `;`, rendered reasons with ` | `), amounts as money, days as dates;
    /// - `customers`: the ``CustomerRollup`` lines (``RiskListColumns/customers``);
    /// - `summary`: one line per currency (``RiskListColumns/summary``) with the as-of day.
    ///
    /// Cells are typed, so the team can sort by priority or filter by due date straight away.
    /// Text is stored as text, never as a formula, so spreadsheet formula injection cannot happen
    /// here and names are written as they are.
    public func workbook(renderReason: ReasonRenderer) -> XLSXWorkbook {
        let invoiceRows: [[XLSXCell]] = invoices.map { inv in
            [
                .text(inv.invoiceId),
                .text(inv.customerId),
                .text(inv.customerName),
                .money(inv.amount),
                .text(inv.currency),
                .date(inv.issueDate),
                .date(inv.dueDate),
                .integer(inv.daysOverdue),
                .number(inv.pLate, .fraction),
                .number(inv.anomalyScore, .fraction),
                .text(inv.anomalyFlags.joined(separator: RiskListColumns.flagSeparator)),
                .text(inv.riskTier.rawValue),
                .money(inv.priority),
                .text(inv.reasons.map(renderReason).joined(separator: RiskListColumns.reasonSeparator)),
            ]
        }
        let invoiceWidths: [Double] = [14, 12, 32, 14, 9, 12, 12, 13, 9, 14, 28, 10, 14, 80]
        let customerRows: [[XLSXCell]] = customers.map { c in
            [
                .text(c.customerId),
                .text(c.customerName),
                .text(c.currency),
                .money(c.openAmount),
                .money(c.overdueAmount),
                .money(c.expectedLateAmount),
                .text(c.worstTier.rawValue),
                .integer(c.invoiceCount),
                .integer(c.oldestDaysOverdue),
            ]
        }
        let customerWidths: [Double] = [12, 32, 9, 14, 15, 21, 11, 14, 20]
        let summaryRows: [[XLSXCell]] = currencySummary.map { t in
            [
                .date(asOf),
                .text(t.currency),
                .integer(t.invoiceCount),
                .money(t.openAmount),
                .money(t.overdueAmount),
                .money(t.expectedLateAmount),
                .integer(t.criticalCount),
                .integer(t.highCount),
                .integer(t.mediumCount),
                .integer(t.lowCount),
            ]
        }
        let summaryWidths: [Double] = [12, 9, 14, 15, 15, 21, 15, 11, 13, 10]
        func columns(_ names: [String], _ widths: [Double]) -> [XLSXColumn] {
            zip(names, widths).map { XLSXColumn($0, width: $1) }
        }
        return XLSXWorkbook(
            sheets: [
                XLSXSheet(name: "invoices", columns: columns(RiskListColumns.invoices, invoiceWidths), rows: invoiceRows),
                XLSXSheet(name: "customers", columns: columns(RiskListColumns.customers, customerWidths), rows: customerRows),
                XLSXSheet(name: "summary", columns: columns(RiskListColumns.summary, summaryWidths), rows: summaryRows),
            ],
            title: "Relance risk list \(asOf.iso)")
    }

    /// Writes ``workbook(renderReason:)`` atomically to `url`.
    public func writeXLSX(to url: URL, renderReason: ReasonRenderer) throws {
        try workbook(renderReason: renderReason).write(to: url)
    }
}
