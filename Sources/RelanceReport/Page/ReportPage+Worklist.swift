import RelanceData
import RelanceScoring

extension ReportPage {
    /// The day's worklist as a sortable, printable table, highest priority first.
    func worklistSection(_ rows: [WorklistRow], currency: String?) -> String {
        let s = strings
        guard !rows.isEmpty else { return "<p class=\"lead\">\(esc(s.worklistEmpty))</p>\n" }
        // Stable order: priority descending, then invoice id, whatever order the caller used.
        let sorted = rows.enumerated().sorted { a, b in
            let pa = a.element.priority.isFinite ? a.element.priority : -.infinity
            let pb = b.element.priority.isFinite ? b.element.priority : -.infinity
            if pa != pb { return pa > pb }
            if a.element.invoiceId != b.element.invoiceId { return a.element.invoiceId < b.element.invoiceId }
            return a.offset < b.offset
        }.map(\.element)
        var out = "<p class=\"lead\">\(esc(s.worklistIntro(format.integer(rows.count))))</p>\n"
        out += "<p class=\"sort-hint muted small\">\(esc(s.sortHint))</p>\n"
        out += "<div class=\"table-wrap\"><table class=\"sortable worklist\"><thead><tr>"
        let headers: [(String, Bool)] = [
            (s.rank, true), (s.invoice, false), (s.customer, false), (s.amount, true), (s.due, true),
            (s.daysOverdue, true), (s.pLate, true), (s.tier, true), (s.priority, true),
        ]
        for (title, numeric) in headers {
            let align = title == s.tier ? "tier-cell" : "num"
            out += numeric ? "<th class=\"\(align)\" data-type=\"num\" scope=\"col\">" : "<th scope=\"col\">"
            out += "\(esc(title))</th>"
        }
        // Wide screens and print show why / planned / sent as three columns; narrow screens show
        // them stacked in one (the `combined` column, hidden otherwise), so the table fits 800 px.
        for title in [s.reasons, s.plannedAction, s.alreadySent] {
            out += "<th class=\"split\" scope=\"col\">\(esc(title))</th>"
        }
        out += "<th class=\"combined\" scope=\"col\">\(esc(s.reasons)) · \(esc(s.plannedAction))</th>"
        out += "</tr></thead><tbody>\n"
        for (i, row) in sorted.enumerated() {
            let cur = row.currency.isEmpty ? (currency ?? "EUR") : row.currency
            out += "<tr>"
            out += numberCell(String(i + 1), sortValue: Double(i + 1))
            out += "<td class=\"invoice\"><code>\(esc(row.invoiceId))</code></td>"
            let name = row.customerName.isEmpty ? row.customerId : row.customerName
            out += "<td class=\"customer\">\(esc(name))<br><span class=\"id\">\(esc(row.customerId))</span></td>"
            out += numberCell(format.money(row.amount, currency: cur), sortValue: row.amount, label: s.amount)
            out += numberCell(format.date(row.dueDate), sortValue: row.dueDate.isMissing ? 0 : Double(row.dueDate.raw),
                              label: s.due)
            let overdueText = row.daysOverdue > 0 ? format.integer(row.daysOverdue) : s.notDueYet(format.integer(-row.daysOverdue))
            out += numberCell(overdueText, sortValue: Double(row.daysOverdue), label: s.daysOverdue)
            out += numberCell(format.percent(row.pLate, fractionDigits: 0), sortValue: row.pLate, label: s.pLate)
            // Tiers sort by severity (low = 0 … critical = 3), not alphabetically.
            let tierRank = RiskTier.allCases.firstIndex(of: row.riskTier) ?? 0
            out += "<td class=\"tier-cell\" data-v=\"\(tierRank)\">\(tierBadge(row.riskTier))</td>"
            out += numberCell(format.money(row.priority, currency: cur, fractionDigits: 0), sortValue: row.priority,
                              label: s.priority)
            // Flags sit under the reasons: both answer "why this invoice".
            let why = list(row.reasons)
                + row.flags.map { "<span class=\"flag\" title=\"\(esc(s.flags))\">⚑ \(esc($0))</span>" }.joined(separator: "<br>")
            let planned = esc(row.plannedAction)
            let sent = row.alreadySent.isEmpty ? "<span class=\"muted\">\(esc(s.nothingSent))</span>" : list(row.alreadySent)
            out += "<td class=\"text why split\">\(why)</td>"
            out += "<td class=\"text split\">\(planned)</td>"
            out += "<td class=\"text split\">\(sent)</td>"
            out += "<td class=\"text combined\">\(why)<div class=\"planned\"><strong>\(esc(s.plannedAction + s.colon))</strong>\(planned)</div>"
            let sentInline = row.alreadySent.isEmpty ? sent : esc(row.alreadySent.joined(separator: " · "))
            out += "<div class=\"sent\"><strong>\(esc(s.alreadySent + s.colon))</strong>\(sentInline)</div></td>"
            out += "</tr>\n"
        }
        out += "</tbody></table></div>\n"
        return out
    }

    private func list(_ items: [String]) -> String {
        guard !items.isEmpty else { return "" }
        return "<ul>" + items.map { "<li>\(esc($0))</li>" }.joined() + "</ul>"
    }
}
