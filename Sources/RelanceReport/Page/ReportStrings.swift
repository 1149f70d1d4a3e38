import RelanceScoring

/// Every piece of text the report prints itself, in one language.
///
/// Kept together so that a translation is reviewed in one place and no English label slips into
/// a French report. Texts that come from data (reasons, actions, customer names) are not here.
struct ReportStrings: Sendable {
    var documentTitle: String
    var asOf: String
    var contents: String
    var footer: String

    // Model section
    var modelTitle: String
    var modelIntro: @Sendable (_ trainCount: String, _ from: String, _ to: String) -> String
    var testIntro: @Sendable (_ testCount: String) -> String
    var testWindow: @Sendable (_ from: String, _ to: String) -> String
    var testLateRate: @Sendable (_ rate: String) -> String
    var modelVersion: String
    /// ": " in English, " : " (no-break space before) in French.
    var colon: String
    var converged: @Sendable (_ iterations: String) -> String
    var notConverged: @Sendable (_ iterations: String) -> String
    var logLikelihood: String
    var gradientNorm: String
    var l2Penalty: String
    var metric: String
    var modelColumn: String
    var baselineColumn: String
    var meaning: String
    var better: String
    var metricNames: [String]
    var metricMeanings: [String]
    var rocTitle: String
    var rocCaption: String
    var falsePositiveRate: String
    var truePositiveRate: String
    var randomRanking: String
    var model: String
    var baseline: String
    var reliabilityTitle: String
    var reliabilityCaption: String
    var meanPredicted: String
    var observedLateRate: String
    var perfectCalibration: String
    var invoicesPerBin: String
    var binColumn: String
    var countColumn: String
    var scoresTitle: String
    var scoresCaption: String
    var predictedProbability: String
    var shareOfInvoices: String
    var paidLate: String
    var paidOnTime: String
    var coefficientsTitle: String
    var coefficientsCaption: String
    var weightAxis: String
    var feature: String
    var description: String
    var weight: String
    var effect: String
    var raisesRisk: String
    var lowersRisk: String
    var intercept: String
    var anomalyTitle: String
    var anomalyCaption: @Sendable (_ flagged: String) -> String
    var anomalyScore: String
    var numberOfInvoices: String
    var threshold: String
    var scoredInvoices: String

    // Portfolio section
    var portfolioTitle: String
    var openReceivables: @Sendable (_ count: String) -> String
    var overdue: String
    var overdueShare: @Sendable (_ share: String) -> String
    var expectedLate: String
    var expectedLateNote: String
    var dso: String
    var dsoDays: @Sendable (_ days: String) -> String
    var dsoDefinition: @Sendable (_ window: String) -> String
    var dsoUndefined: String
    var agingTitle: String
    var agingCaption: String
    var bucket: String
    var amount: String
    var invoices: String
    var bucketNames: [AgingBucket: String]
    var bySegmentTitle: String
    var byTierTitle: String
    var expectedLateAxis: String
    var segment: String
    var noSegment: String
    var tier: String
    var openAmount: String
    var topCustomersTitle: String
    var customer: String
    var overdueAmount: String
    var tierNames: [RiskTier: String]

    // Worklist section
    var worklistTitle: String
    var worklistIntro: @Sendable (_ count: String) -> String
    var worklistEmpty: String
    var sortHint: String
    var rank: String
    var invoice: String
    var due: String
    var daysOverdue: String
    var pLate: String
    var priority: String
    var reasons: String
    var flags: String
    var plannedAction: String
    var alreadySent: String
    var nothingSent: String
    var notDueYet: @Sendable (_ days: String) -> String
}
