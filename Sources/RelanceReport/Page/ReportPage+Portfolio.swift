import RelanceScoring

extension ReportPage {
    /// Headline figures, aging, expected late amounts by segment and tier, top customers.
    func portfolioSection(_ input: PortfolioInput) -> String {
        let s = strings
        let f = PortfolioFigures(input)
        let cur = input.currency
        func money(_ x: Double) -> String { format.money(x, currency: cur, fractionDigits: 0) }

        var out = "<div class=\"kpis\">\n"
        out += kpi(label: s.openReceivables(format.integer(f.invoiceCount)), value: money(f.totalOpen), note: nil)
        out += kpi(label: s.overdue, value: money(f.overdueAmount),
                   note: f.totalOpen > 0 ? s.overdueShare(format.percent(f.overdueAmount / f.totalOpen)) : nil)
        out += kpi(label: s.expectedLate, value: money(f.expectedLateTotal), note: s.expectedLateNote)
        if let dso = f.dso {
            out += kpi(label: s.dso, value: s.dsoDays(format.decimal(dso, fractionDigits: 1)),
                       note: s.dsoDefinition(String(input.salesWindowDays)))
        } else {
            out += kpi(label: s.dso, value: "—", note: s.dsoUndefined)
        }
        out += "</div>\n<div class=\"charts\">\n"

        // Aging: chart + table with totals.
        let aging = BarChart(
            title: s.agingTitle, axisTitle: s.amount,
            bars: f.aging.map { .init(label: s.bucketNames[$0.bucket] ?? $0.bucket.rawValue, value: $0.amount,
                                      colour: ReportPage.agingColour($0.bucket)) },
            positiveColour: branding.accentColour, negativeColour: branding.accentColour,
            axisFormat: .compactMoney(currency: cur), valueFormat: .money(currency: cur, fractionDigits: 0),
            layout: BarChart.layout(rows: f.aging.count, width: 520, labelWidth: 140, valueWidth: 100),
            language: language)
        var agingTable = "<table><thead><tr><th>\(esc(s.bucket))</th><th class=\"num\">\(esc(s.invoices))</th>"
        agingTable += "<th class=\"num\">\(esc(s.amount))</th><th class=\"num\">%</th></tr></thead><tbody>"
        for b in f.aging {
            agingTable += "<tr><td>\(esc(s.bucketNames[b.bucket] ?? b.bucket.rawValue))</td>"
            agingTable += "<td class=\"num\">\(esc(format.integer(b.count)))</td><td class=\"num\">\(esc(money(b.amount)))</td>"
            agingTable += "<td class=\"num\">\(esc(f.totalOpen > 0 ? format.percent(b.amount / f.totalOpen) : "—"))</td></tr>"
        }
        agingTable += "</tbody><tfoot><tr><td></td><td class=\"num\">\(esc(format.integer(f.invoiceCount)))</td>"
        agingTable += "<td class=\"num\">\(esc(money(f.totalOpen)))</td><td class=\"num\">\(esc(f.totalOpen > 0 ? format.percent(1, fractionDigits: 0) : "—"))</td></tr></tfoot></table>"
        out += figure(title: s.agingTitle, caption: s.agingCaption, svg: aging.svg(), extra: agingTable)

        // By tier and by segment.
        let tiers = BarChart(
            title: s.byTierTitle, axisTitle: s.expectedLateAxis,
            bars: f.byTier.map { group in
                let tier = RiskTier(rawValue: group.key)
                return .init(label: tier.flatMap { s.tierNames[$0] } ?? group.key, value: group.expectedLateAmount,
                             colour: tier.map(ReportPage.tierColour))
            },
            positiveColour: branding.accentColour, negativeColour: branding.accentColour,
            axisFormat: .compactMoney(currency: cur), valueFormat: .money(currency: cur, fractionDigits: 0),
            layout: BarChart.layout(rows: f.byTier.count, width: 520, labelWidth: 140, valueWidth: 100),
            language: language)
        out += figure(title: s.byTierTitle, caption: s.expectedLateNote, svg: tiers.svg(),
                      extra: groupTable(f.byTier, keyTitle: s.tier, currency: cur) { key in
                          RiskTier(rawValue: key).map { tierBadge($0) } ?? esc(key)
                      })
        let segments = BarChart(
            title: s.bySegmentTitle, axisTitle: s.expectedLateAxis,
            bars: f.bySegment.map { .init(label: $0.key.isEmpty ? s.noSegment : $0.key, value: $0.expectedLateAmount) },
            positiveColour: branding.accentColour, negativeColour: branding.accentColour,
            axisFormat: .compactMoney(currency: cur), valueFormat: .money(currency: cur, fractionDigits: 0),
            layout: BarChart.layout(rows: f.bySegment.count, width: 520, labelWidth: 140, valueWidth: 100),
            language: language)
        out += figure(title: s.bySegmentTitle, caption: s.expectedLateNote, svg: segments.svg(),
                      extra: groupTable(f.bySegment, keyTitle: s.segment, currency: cur) { key in
                          esc(key.isEmpty ? s.noSegment : key)
                      })
        out += "</div>\n"

        // Top customers.
        out += "<h3>\(esc(s.topCustomersTitle))</h3>\n"
        out += "<div class=\"table-wrap\"><table class=\"sortable top-customers\"><thead><tr>"
        out += "<th>\(esc(s.customer))</th><th class=\"num\" data-type=\"num\">\(esc(s.invoices))</th>"
        out += "<th class=\"num\" data-type=\"num\">\(esc(s.openAmount))</th><th class=\"num\" data-type=\"num\">\(esc(s.overdueAmount))</th>"
        out += "<th class=\"num\" data-type=\"num\">\(esc(s.expectedLate))</th></tr></thead><tbody>\n"
        for c in f.topCustomers {
            let name = c.customerName.isEmpty ? c.customerId : c.customerName
            out += "<tr><td>\(esc(name)) <span class=\"muted small id\">\(esc(c.customerId))</span></td>"
            out += numberCell(format.integer(c.invoiceCount), sortValue: Double(c.invoiceCount))
            out += numberCell(money(c.openAmount), sortValue: c.openAmount)
            out += numberCell(money(c.overdueAmount), sortValue: c.overdueAmount)
            out += numberCell(money(c.expectedLateAmount), sortValue: c.expectedLateAmount)
            out += "</tr>\n"
        }
        out += "</tbody></table></div>\n"
        return out
    }

    func kpi(label: String, value: String, note: String?) -> String {
        var out = "<div class=\"kpi\"><div class=\"label\">\(esc(label))</div><div class=\"value\">\(esc(value))</div>"
        if let note { out += "<div class=\"note\">\(esc(note))</div>" }
        return out + "</div>\n"
    }

    /// A small table under a group chart; `keyCell` returns the (already escaped) first cell.
    func groupTable(_ groups: [PortfolioFigures.GroupTotal], keyTitle: String, currency: String,
                    keyCell: (String) -> String) -> String {
        let s = strings
        var t = "<table><thead><tr><th>\(esc(keyTitle))</th><th class=\"num\">\(esc(s.invoices))</th>"
        t += "<th class=\"num\">\(esc(s.openAmount))</th><th class=\"num\">\(esc(s.expectedLate))</th></tr></thead><tbody>"
        for g in groups {
            t += "<tr><td>\(keyCell(g.key))</td><td class=\"num\">\(esc(format.integer(g.count)))</td>"
            t += "<td class=\"num\">\(esc(format.money(g.openAmount, currency: currency, fractionDigits: 0)))</td>"
            t += "<td class=\"num\">\(esc(format.money(g.expectedLateAmount, currency: currency, fractionDigits: 0)))</td></tr>"
        }
        return t + "</tbody></table>"
    }

    /// From calm to alarming as invoices age.
    static func agingColour(_ bucket: AgingBucket) -> String {
        switch bucket {
        case .current: return "#60a5fa"
        case .days1to30: return "#fbbf24"
        case .days31to60: return "#f59e0b"
        case .days61to90: return "#ea580c"
        case .over90: return "#b91c1c"
        }
    }

    static func tierColour(_ tier: RiskTier) -> String {
        switch tier {
        case .low: return "#60a5fa"
        case .medium: return "#f59e0b"
        case .high: return "#ea580c"
        case .critical: return "#b91c1c"
        }
    }
}
