import Foundation
import RelanceData
import RelanceScoring
import Testing
@testable import RelanceReport

/// The page shows the numbers of the JSON outputs, not numbers of its own: the metrics of the
/// bundle `relance train` writes (model.json, the figures `--format json` prints) and the totals of
/// the JSON risk list `relance score --format json` writes.
@Suite("Report numbers equal the JSON outputs")
struct ReportMatchesJSONTests {
    @Test(arguments: [ReportLanguage.en, .fr])
    func metricsOnThePageAreTheBundleJSONMetrics(language: ReportLanguage) throws {
        let f = try DailyFixture.shared.get()
        let html = ReportAssembly(bundle: f.bundle, risk: f.risk, asOf: f.asOf, dataset: f.dataset, plan: nil)
            .render(branding: try ReportBranding(companyName: "Test SARL", brandColour: "#1F4E79"), language: language)
        let format = ReportNumberFormat(language: language)
        for (key, digits) in [("rocAUC", 3), ("averagePrecision", 3), ("brierScore", 4), ("logLoss", 4), ("liftTopDecile", 2)] {
            for side in ["model", "baseline"] {
                let value = try #require(DailyFixture.number(f.bundleJSON, ["metrics", "late", side, key]), "\(side).\(key) in model.json")
                // The metrics table prints each figure in a numeric cell.
                let cell = ">" + format.decimal(value, fractionDigits: digits)
                #expect(html.contains(cell), "\(side) \(key) = \(value) not on the page as \(cell)")
            }
        }
    }

    @Test func portfolioTotalsAreTheRiskListJSONTotals() throws {
        let f = try DailyFixture.shared.get()
        let summary = try #require((f.riskJSON["currency_summary"] as? [Any])?.first)
        let open = try #require(DailyFixture.number(summary, ["open_amount"]))
        let expectedLate = try #require(DailyFixture.number(summary, ["expected_late_amount"]))
        let overdue = try #require(DailyFixture.number(summary, ["overdue_amount"]))
        let count = try #require(DailyFixture.number(summary, ["invoice_count"]))

        let assembly = ReportAssembly(bundle: f.bundle, risk: f.risk, asOf: f.asOf, dataset: f.dataset, plan: nil)
        let figures = PortfolioFigures(assembly.inputs(language: .en).portfolio)
        #expect(abs(figures.totalOpen - open) <= 1e-6 * max(1, open))
        #expect(abs(figures.expectedLateTotal - expectedLate) <= 1e-6 * max(1, expectedLate))
        #expect(abs(figures.overdueAmount - overdue) <= 1e-6 * max(1, overdue))
        #expect(figures.invoiceCount == Int(count))

        // And the page prints them.
        let html = assembly.render(branding: try ReportBranding(companyName: "Test SARL", brandColour: "#1F4E79"), language: .en)
        let format = ReportNumberFormat(language: .en)
        #expect(html.contains(HTMLText.escape(format.money(open, currency: "EUR", fractionDigits: 0))))
    }

    @Test func worklistFollowsTheRiskListOrderWithRenderedReasons() throws {
        let f = try DailyFixture.shared.get()
        let rows = WorklistRow.rows(risk: f.risk, plan: nil, ledger: [], dataset: f.dataset, asOf: f.asOf, language: .fr, limit: 25)
        #expect(rows.map(\.invoiceId) == f.risk.prefix(25).map(\.invoiceId))
        for (row, inv) in zip(rows, f.risk) {
            #expect(row.priority == inv.priority)
            let modelReasons = inv.reasons.filter { !$0.code.hasPrefix(ReasonCode.anomalyPrefix) }
            #expect(row.reasons == modelReasons.map { ReasonText.render($0, language: .fr) })
            #expect(row.plannedAction == "pas de plan fourni")
        }
    }
}
