#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif
import RelanceData
import RelanceFeatures

/// Scores every invoice open on a day: probability, anomaly score and flags, tier, priority and
/// the top reasons, as ``ScoredInvoice`` rows.
///
/// **Open** means issued on or before the as-of day and not paid by its end: an invoice paid on
/// the as-of day is not open; one issued after it does not exist yet. Features come from
/// ``PointInTimeFeatureBuilder`` (the training code path) as of the as-of day, so payments and
/// events of the day itself, and anything later in the files, are not used. Scoring the full
/// history and the history truncated at the as-of day gives the same list.
///
/// **Which probability.** See ``ScoreBasis``: not yet past due + grace → late-payment model;
/// past it → severe-delay model (still unpaid ``ScoringModels/severeDelayDays`` days past due);
/// at or beyond that horizon → 1. `priority` = `pLate × amount`: the amount expected to be paid
/// late (or, for overdue invoices, still unpaid at the horizon).
///
/// **Reasons.** Overdue invoices start with a `days_overdue` context reason; then the top
/// ``reasonCount`` model drivers (``ReasonBuilder``, from the model that produced `pLate`; for
/// invoices past the horizon, from the severe-delay model when there is one, else the late-payment
/// model); then one reason per anomaly flag.
public struct OpenInvoiceScorer: Sendable {
    public let models: ScoringModels
    public var thresholds: RiskTierThresholds
    public var driftCheck: DriftCheck
    /// Model drivers per invoice (3 by default).
    public var reasonCount: Int

    /// Checks the models against this build's feature schema (see ``ScoringModels/checkCompatible(with:)``).
    public init(models: ScoringModels, thresholds: RiskTierThresholds = RiskTierThresholds(),
                driftCheck: DriftCheck = DriftCheck(), reasonCount: Int = 3) throws {
        try models.checkCompatible(with: .paymentBehaviour)
        self.models = models
        self.thresholds = thresholds
        self.driftCheck = driftCheck
        self.reasonCount = reasonCount
    }

    /// Scores the invoices of `dataset` open at the end of `asOf`.
    public func score(_ dataset: Dataset, asOf: Day) throws -> ScoringResult {
        let builder = try PointInTimeFeatureBuilder(dataset, options: models.featureOptions)
        let rows = builder.openInvoices(asOf: asOf)
        let matrix = try builder.features(forInvoices: rows, observationDays: [Day](repeating: asOf, count: rows.count))
        return try score(dataset, asOf: asOf, features: matrix)
    }

    /// Scores the rows of a feature matrix already computed as of `asOf` (rows must be open invoices).
    public func score(_ dataset: Dataset, asOf: Day, features matrix: FeatureMatrix) throws -> ScoringResult {
        if let problem = ScoringModels.firstDifference(matrix.featureNames, models.latePayment.featureNames) {
            throw ScoringError.featureMismatch(model: "late-payment model", problem: problem)
        }
        let inv = dataset.invoices
        let n = matrix.rowCount, p = matrix.columnCount
        let grace = models.featureOptions.graceDays, horizon = models.severeDelayDays

        // Which question each row answers.
        var bases = [ScoreBasis](repeating: .latePayment, count: n)
        var daysOverdue = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let d = asOf - inv.dueDate[matrix.rows[i]]
            daysOverdue[i] = d
            if d <= grace { bases[i] = .latePayment }
            else if d >= horizon { bases[i] = .severeDelayReached }
            else { bases[i] = models.severeDelay == nil ? .overdueUnmodelled : .severeDelay }
        }

        // Anomaly scores and flags of the open rows (features use only invoices issued before each one).
        var anomalyScore = [Double](repeating: 0, count: n)
        var anomalyFlags = [[String]](repeating: [], count: n)
        if let detector = models.anomalyDetector, n > 0 {
            let features = try AnomalyFeatures.compute(
                inv, customerCount: dataset.customerCount, options: models.anomalyFeatureOptions, rows: matrix.rows)
            let assessment = try detector.assess(features)
            anomalyScore = assessment.anomalyScore
            anomalyFlags = assessment.flags
        }

        let late = LinearScorer(models.latePayment, calibration: models.latePaymentCalibration)
        let severe = models.severeDelay.map { LinearScorer($0, calibration: models.severeDelayCalibration) }
        let lateReasons = ReasonBuilder(featureNames: models.latePayment.featureNames, featureOptions: models.featureOptions)
        let severeReasons = models.severeDelay.map {
            ReasonBuilder(featureNames: $0.featureNames, featureOptions: models.featureOptions)
        }
        let names = Self.customerNames(dataset)

        var out: [ScoredInvoice] = []
        out.reserveCapacity(n)
        var contributions = [Double](repeating: 0, count: p)
        try matrix.values.withUnsafeBufferPointer { values in
            try contributions.withUnsafeMutableBufferPointer { c in
                for i in 0..<n {
                    let r = matrix.rows[i]
                    let x = UnsafeBufferPointer(rebasing: values[(i * p)..<((i + 1) * p)])
                    let currency = inv.currencies.name(of: inv.currency[r])
                    let basis = bases[i]
                    // The model whose drivers explain the row.
                    let useSevere = basis != .latePayment && severe != nil
                    let scorer = useSevere ? severe! : late
                    let eta = scorer.contributions(x, into: c)
                    guard eta.isFinite else {
                        throw ScoringError.nonFiniteScore(invoiceId: inv.invoiceIds[r], what: "the linear predictor")
                    }
                    let probability: Double
                    switch basis {
                    case .latePayment, .severeDelay: probability = scorer.probability(eta)
                    case .severeDelayReached, .overdueUnmodelled: probability = 1
                    }
                    var reasons: [Reason] = []
                    if daysOverdue[i] > 0 {
                        reasons.append(ReasonBuilder.daysOverdue(daysOverdue[i], basis: basis, severeDelayDays: horizon))
                    }
                    let builder = useSevere ? severeReasons! : lateReasons
                    reasons += builder.drivers(values: x, contributions: UnsafeBufferPointer(c), currency: currency, count: reasonCount)
                    reasons += AnomalyReasons.reasons(flags: anomalyFlags[i], score: anomalyScore[i])
                    let customerCode = Int(inv.customer[r])
                    out.append(ScoredInvoice(
                        invoiceId: inv.invoiceIds[r], customerId: dataset.customerIds.name(of: inv.customer[r]),
                        customerName: customerCode < names.count ? names[customerCode] : "",
                        amount: inv.amount[r], currency: currency, issueDate: inv.issueDate[r], dueDate: inv.dueDate[r],
                        daysOverdue: daysOverdue[i], pLate: probability, anomalyScore: anomalyScore[i],
                        anomalyFlags: anomalyFlags[i], riskTier: .low, priority: probability * inv.amount[r],
                        reasons: reasons))
                }
            }
        }

        // Tiers need the day's priority percentiles, per currency.
        var byCurrency: [String: [Double]] = [:]
        for s in out { byCurrency[s.currency, default: []].append(s.priority) }
        let cutoffs = byCurrency.mapValues { thresholds.priorityCutoffs($0) }
        for i in out.indices {
            let cut = cutoffs[out[i].currency] ?? (.infinity, .infinity)
            out[i].riskTier = thresholds.tier(probability: out[i].pLate, anomalyScore: out[i].anomalyScore,
                                              priority: out[i].priority, cutoffs: cut)
        }

        // Work order: tier, then priority, then id (keys gathered once: comparing whole rows
        // would copy them on every comparison).
        let tierRank = out.map { RiskTier.allCases.firstIndex(of: $0.riskTier) ?? 0 }
        let priority = out.map(\.priority)
        let order = out.indices.sorted { a, b in
            if tierRank[a] != tierRank[b] { return tierRank[a] > tierRank[b] }
            if priority[a] != priority[b] { return priority[a] > priority[b] }
            return out[a].invoiceId < out[b].invoiceId
        }

        var drift: [DriftReport] = []
        if let training = models.latePaymentDistribution,
           let report = driftCheck.run(matrix, rows: (0..<n).filter { bases[$0] == .latePayment }, training: training, model: "late_payment") {
            drift.append(report)
        }
        if let training = models.severeDelayDistribution,
           let report = driftCheck.run(matrix, rows: (0..<n).filter { bases[$0] == .severeDelay }, training: training, model: "severe_delay") {
            drift.append(report)
        }
        // Rows into work order in place, by swapping along the permutation's cycles: a row is
        // never copied (a copy retains its seven strings and arrays).
        var placed = [Bool](repeating: false, count: out.count)
        for start in out.indices where !placed[start] {
            placed[start] = true
            var k = start
            while order[k] != start {
                let source = order[k]
                out.swapAt(k, source)
                placed[source] = true
                k = source
            }
        }
        return ScoringResult(asOf: asOf, invoices: out, bases: order.map { bases[$0] }, drift: drift)
    }

    /// Customer names by customer code ("" when the customer file has no row for the code).
    static func customerNames(_ dataset: Dataset) -> [String] {
        var names = [String](repeating: "", count: dataset.customerCount)
        let t = dataset.customers
        for i in 0..<t.count where Int(t.customer[i]) < names.count && t.customer[i] >= 0 {
            names[Int(t.customer[i])] = t.name[i]
        }
        return names
    }
}
