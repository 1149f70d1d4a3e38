import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import RelanceData
@testable import RelanceReport

@Suite struct HTMLReportTests {
    @Test func pageHasTheThreeSectionsAndNoExternalResources() throws {
        let html = try SampleReport.html(language: .en)
        for id in ["model", "portfolio", "worklist"] { #expect(html.contains("<section id=\"\(id)\"")) }
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        // Self-contained: nothing is fetched.
        for pattern in ["http://", "https://", "<link", "src=", "@import", "url("] {
            let hits = html.components(separatedBy: pattern).count - 1
            // The SVG namespace URI is an identifier, not a fetch.
            let allowed = pattern == "http://" ? html.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1 : 0
            #expect(hits == allowed, "found \(pattern)")
        }
    }

    @Test func sectionsWithoutInputAreLeftOut() throws {
        let branding = try ReportBranding(companyName: "Acme", brandColour: "#123456")
        let html = HTMLReport.render(model: nil, portfolio: SampleReport.portfolio(), worklist: nil,
                                     branding: branding, language: .en)
        #expect(html.contains("<section id=\"portfolio\""))
        #expect(!html.contains("<section id=\"model\""))
        #expect(!html.contains("<section id=\"worklist\""))
    }

    @Test func emptyWorklistSaysNothingNeedsAttention() throws {
        let branding = try ReportBranding(companyName: "Acme", brandColour: "#123456")
        let html = HTMLReport.render(model: nil, portfolio: nil, worklist: [], branding: branding, language: .fr)
        #expect(html.contains("<section id=\"worklist\""))
        #expect(html.contains("Aucune facture ouverte ne demande d’action aujourd’hui."))
    }

    @Test func frenchReportUsesFrenchLabelsNumbersAndDates() throws {
        let html = try SampleReport.html(language: .fr)
        #expect(html.contains("<html lang=\"fr\">"))
        #expect(html.contains("Balance âgée"))
        #expect(html.contains("Liste de travail du jour"))
        #expect(html.contains("au 27/11/2026"))
        // AUC 0.812 printed with a comma.
        #expect(html.contains(">0,812<"))
        #expect(!html.contains("Aging</h3>"))
        // DSO: total open / 214 560,5 × 90, with one decimal and a comma.
        let p = SampleReport.portfolio()
        let dso = try #require(PortfolioFigures(p).dso)
        #expect(html.contains(ReportNumberFormat(language: .fr).decimal(dso, fractionDigits: 1) + " jours"))
    }

    @Test func worklistIsSortedByPriorityAndCarriesSortValues() throws {
        let rows = SampleReport.worklist(language: .en)
        let html = try SampleReport.html(language: .en)
        let top = try #require(rows.max { $0.priority < $1.priority })
        let bottom = try #require(rows.min { $0.priority < $1.priority })
        let topAt = try #require(html.range(of: "<code>\(top.invoiceId)</code>"))
        let bottomAt = try #require(html.range(of: "<code>\(bottom.invoiceId)</code>", range: topAt.upperBound..<html.endIndex))
        #expect(topAt.lowerBound < bottomAt.lowerBound)
        #expect(html.contains("<table class=\"sortable worklist\">"))
        #expect(html.contains("data-type=\"num\""))
    }

    @Test func unconvergedFitIsShownAsAWarning() throws {
        var model = SampleReport.model(language: .en)
        model.convergence = ConvergenceSummary(iterations: 50, converged: false)
        let branding = try ReportBranding(companyName: "Acme", brandColour: "#123456")
        let html = HTMLReport.render(model: model, portfolio: nil, worklist: nil, branding: branding, language: .en)
        #expect(html.contains("class=\"status warning\""))
        #expect(html.contains("did NOT converge after 50 iterations"))
    }

    @Test func everyChartIsWellFormedSVGWithAViewBox() throws {
        for language in ReportLanguage.allCases {
            let html = try SampleReport.html(language: language)
            let svgs = html.components(separatedBy: "<svg ").dropFirst().map { "<svg " + ($0.components(separatedBy: "</svg>").first ?? "") + "</svg>" }
            #expect(svgs.count == 8, "ROC, calibration, scores, weights, anomalies, aging, tiers, segments")
            for svg in svgs {
                #expect(svg.contains("viewBox=\"0 0 "))
                let parser = XMLParser(data: Data(svg.utf8))
                #expect(parser.parse(), "\(language): \(String(describing: parser.parserError))")
            }
        }
    }

    /// Writes the English and French samples for a look in a browser or with
    /// `scripts/render-report.sh`; the folder is `RELANCE_REPORT_SAMPLE_DIR` or a temporary one.
    @Test func sampleReportIsWrittenForVisualChecks() throws {
        let env = ProcessInfo.processInfo.environment["RELANCE_REPORT_SAMPLE_DIR"]
        let dir = URL(fileURLWithPath: env ?? NSTemporaryDirectory()).appendingPathComponent(env == nil ? "relance-report-sample" : "")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for language in ReportLanguage.allCases {
            let url = dir.appendingPathComponent("sample-report-\(language.rawValue).html")
            let html = try SampleReport.html(language: language)
            try AtomicFile.write(html, to: url)
            let back = try String(contentsOf: url, encoding: .utf8)
            #expect(back == html)
        }
    }
}
