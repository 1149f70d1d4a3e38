import RelanceData
import RelanceModels
import RelanceOutreach
import RelanceScoring

/// The day's report put together from what the daily job produces: the model bundle, the scored
/// risk list, the dataset it was scored from, the outreach plan and the contact ledger.
///
/// Every figure comes from those artefacts unchanged (metrics from the bundle, amounts and
/// expected late amounts from the risk list), so the page agrees with `relance train --format
/// json` and the JSON risk list. Used by `relance report` and `relance daily`.
public struct ReportAssembly {
    public var bundle: ModelBundle?
    /// The risk list rows in work order.
    public var risk: [ScoredInvoice]
    public var asOf: Day
    /// The data the list was scored from (segments, DSO, events); nil = portfolio without segments or DSO.
    public var dataset: Dataset?
    /// The day's plan; nil when no plan was made (the worklist then says so).
    public var plan: [PlanRow]?
    /// Contacts recorded in the ledger (only those before `asOf` are listed as already sent).
    public var ledger: [LedgerEntry]
    /// Worklist rows shown on the page (the full list is the CSV/XLSX); nil = all.
    public var worklistLimit: Int?

    public init(bundle: ModelBundle?, risk: [ScoredInvoice], asOf: Day, dataset: Dataset?, plan: [PlanRow]?,
                ledger: [LedgerEntry] = [], worklistLimit: Int? = 200) {
        self.bundle = bundle
        self.risk = risk
        self.asOf = asOf
        self.dataset = dataset
        self.plan = plan
        self.ledger = ledger
        self.worklistLimit = worklistLimit
    }

    /// The three inputs of ``HTMLReport/render(model:portfolio:worklist:branding:language:)``.
    public func inputs(language: ReportLanguage) -> (model: ModelReportInput?, portfolio: PortfolioInput, worklist: [WorklistRow]) {
        let model = bundle.map {
            ModelReportInput(bundle: $0, anomalyScores: risk.map(\.anomalyScore).filter(\.isFinite), language: language)
        }
        let portfolio = PortfolioInput(riskList: risk, asOf: asOf, dataset: dataset)
        let worklist = WorklistRow.rows(risk: risk, plan: plan, ledger: ledger, dataset: dataset, asOf: asOf,
                                        language: language, limit: worklistLimit)
        return (model, portfolio, worklist)
    }

    /// The self-contained HTML page.
    public func render(branding: ReportBranding, language: ReportLanguage) -> String {
        let i = inputs(language: language)
        return HTMLReport.render(model: i.model, portfolio: i.portfolio, worklist: i.worklist, branding: branding, language: language)
    }

    /// Currencies of the risk list left out of the portfolio figures (the report never converts).
    public var excludedCurrencies: [String] {
        let main = PortfolioInput.mainCurrency(of: risk)
        return Set(risk.map(\.currency)).subtracting([main]).sorted()
    }
}
