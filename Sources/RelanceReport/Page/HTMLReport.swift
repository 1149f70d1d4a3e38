import RelanceData

/// The self-contained HTML report: one file with inline CSS and SVG charts, no network access and
/// no JavaScript framework (a dozen lines of plain script make the worklist sortable).
///
/// A finance user opens it in any browser, or prints it: sections start on a new page, table
/// headers repeat, and charts have fixed sizes that fit an A4 page. Every text from data is
/// escaped. Sections whose input is nil are left out (with their entry in the contents); an empty
/// worklist still shows its section, saying that nothing needs attention.
///
/// ```swift
/// let branding = try ReportBranding(companyName: "Atelier Dupont", brandColour: "#1F4E79")
/// let html = HTMLReport.render(model: modelInput, portfolio: portfolioInput, worklist: rows,
///                              branding: branding, language: .fr)
/// try AtomicFile.write(html, to: url)
/// ```
public enum HTMLReport {
    /// The page as a string. Deterministic: the same inputs give the same bytes (no clock read);
    /// the as-of day in the header comes from `portfolio.asOf` when given.
    public static func render(model: ModelReportInput?, portfolio: PortfolioInput?, worklist: [WorklistRow]?,
                              branding: ReportBranding, language: ReportLanguage) -> String {
        let page = ReportPage(branding: branding, language: language)
        var sections: [(id: String, title: String, html: String)] = []
        if let model { sections.append(("model", page.strings.modelTitle, page.modelSection(model))) }
        if let portfolio { sections.append(("portfolio", page.strings.portfolioTitle, page.portfolioSection(portfolio))) }
        if let worklist {
            sections.append(("worklist", page.strings.worklistTitle,
                             page.worklistSection(worklist, currency: portfolio?.currency)))
        }
        return page.document(sections: sections, asOf: portfolio?.asOf)
    }
}
