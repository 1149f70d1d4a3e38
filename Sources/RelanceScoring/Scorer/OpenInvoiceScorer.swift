import Foundation
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
    ///
    /// The anomaly assessment needs nothing from the payment features: it runs on a second thread
    /// while the history is prepared and the feature rows computed, or earlier still when the
    /// caller started it while reading (`anomalies`, used only when made for the same day and the
    /// same open invoices). Errors are reported in the same order as when the steps ran one after
    /// the other (history and features first).
    public func score(_ dataset: Dataset, asOf: Day, anomalies started: PendingAnomalyAssessment? = nil) throws -> ScoringResult {
        let rows = PointInTimeFeatureBuilder.openInvoices(of: dataset.invoices, asOf: asOf)
        let anomalies: PendingAnomalyAssessment?
        if let started, started.asOf == asOf, started.rows == rows {
            anomalies = started
        } else {
            anomalies = startAnomalyAssessment(rows: rows, invoices: dataset.invoices, customerCount: dataset.customerCount, asOf: asOf)
        }
        // Whatever happens below, the background work finishes before this function returns.
        defer { anomalies?.wait() }
        let builder = try PointInTimeFeatureBuilder(dataset, options: models.featureOptions)
        let matrix = try builder.features(forInvoices: rows, observationDays: [Day](repeating: asOf, count: rows.count))
        return try score(dataset, asOf: asOf, features: matrix, anomalies: anomalies?.outcome())
    }

    /// Starts the anomaly assessment of the invoices open at the end of `asOf` on another thread,
    /// for ``score(_:asOf:anomalies:)``; nil when the bundle has no anomaly detector.
    ///
    /// `invoices` must be the table that will be scored (the invoices are final once read: events
    /// do not change them), and `customerCount` at least one more than its largest customer code.
    public func startAnomalyAssessment(_ invoices: InvoiceTable, customerCount: Int, asOf: Day) -> PendingAnomalyAssessment? {
        startAnomalyAssessment(
            rows: PointInTimeFeatureBuilder.openInvoices(of: invoices, asOf: asOf), invoices: invoices,
            customerCount: customerCount, asOf: asOf)
    }

    private func startAnomalyAssessment(
        rows: [Int], invoices: InvoiceTable, customerCount: Int, asOf: Day
    ) -> PendingAnomalyAssessment? {
        guard let detector = models.anomalyDetector, !rows.isEmpty else { return nil }
        let options = models.anomalyFeatureOptions
        return PendingAnomalyAssessment(rows: rows, asOf: asOf) {
            try detector.assess(invoices, customerCount: customerCount, featureOptions: options, rows: rows)
        }
    }

    /// Scores the rows of a feature matrix already computed as of `asOf` (rows must be open invoices).
    public func score(_ dataset: Dataset, asOf: Day, features matrix: FeatureMatrix) throws -> ScoringResult {
        try score(dataset, asOf: asOf, features: matrix, anomalies: nil)
    }

    /// ``score(_:asOf:features:)`` with the anomaly assessment of the matrix rows already made
    /// (or failed); nil computes it here.
    private func score(
        _ dataset: Dataset, asOf: Day, features matrix: FeatureMatrix, anomalies: Result<AnomalyAssessment, Error>?
    ) throws -> ScoringResult {
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

        // The drift check reads only the matrix and the bases: it runs on another thread while the
        // rows are scored and ranked.
        let driftReports = BackgroundResult<[DriftReport]>()
        let driftDone = DispatchGroup()
        defer { driftDone.wait() }
        let driftCheck = driftCheck, models = models, basesForDrift = bases
        DispatchQueue.global(qos: .userInitiated).async(group: driftDone) {
            var drift: [DriftReport] = []
            if let training = models.latePaymentDistribution,
               let report = driftCheck.run(matrix, rows: (0..<n).filter { basesForDrift[$0] == .latePayment }, training: training, model: "late_payment") {
                drift.append(report)
            }
            if let training = models.severeDelayDistribution,
               let report = driftCheck.run(matrix, rows: (0..<n).filter { basesForDrift[$0] == .severeDelay }, training: training, model: "severe_delay") {
                drift.append(report)
            }
            driftReports.put(.success(drift))
        }

        // Anomaly scores and flags of the open rows (features use only invoices issued before each one).
        var anomalyScore = [Double](repeating: 0, count: n)
        var anomalyFlags = [[String]](repeating: [], count: n)
        if let detector = models.anomalyDetector, n > 0 {
            let assessment = try anomalies?.get() ?? detector.assess(AnomalyFeatures.compute(
                inv, customerCount: dataset.customerCount, options: models.anomalyFeatureOptions, rows: matrix.rows))
            anomalyScore = assessment.anomalyScore
            anomalyFlags = assessment.flags
        }

        let late = LinearScorer(models.latePayment, calibration: models.latePaymentCalibration)
        let severe = models.severeDelay.map { LinearScorer($0, calibration: models.severeDelayCalibration) }
        let lateReasons = ReasonBuilder(featureNames: models.latePayment.featureNames, featureOptions: models.featureOptions)
        let severeReasons = models.severeDelay.map {
            ReasonBuilder(featureNames: $0.featureNames, featureOptions: models.featureOptions)
        }
        /// The model whose drivers explain row `i` (and whose probability it gets, unless fixed at 1).
        func usesSevere(_ i: Int) -> Bool { bases[i] != .latePayment && severe != nil }

        // Pass 1: every row's probability and priority (the first row whose linear predictor is
        // not finite is reported). The rows' reasons wait until their place in the work order is
        // known, so each scored row is built once, where it belongs. Rows are independent: a few
        // chunks on separate cores, each stopping at its first bad row.
        var pLate = [Double](repeating: 0, count: n)
        var priority = [Double](repeating: 0, count: n)
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, n / 10_000))
        var firstBad = [Int](repeating: n, count: parts)
        let amount = matrix.rows.map { inv.amount[$0] }
        matrix.values.withUnsafeBufferPointer { values in
            pLate.withUnsafeMutableBufferPointer { pLate in
                priority.withUnsafeMutableBufferPointer { priority in
                    firstBad.withUnsafeMutableBufferPointer { firstBad in
                        let shared = UncheckedSendableProbabilityBuffers(
                            values: values, pLate: pLate, priority: priority, firstBad: firstBad)
                        DispatchQueue.concurrentPerform(iterations: parts) { part in
                            var scratch = [Double](repeating: 0, count: p)
                            scratch.withUnsafeMutableBufferPointer { c in
                                for i in (n * part / parts)..<(n * (part + 1) / parts) {
                                    let x = UnsafeBufferPointer(rebasing: shared.values[(i * p)..<((i + 1) * p)])
                                    let scorer = usesSevere(i) ? severe! : late
                                    let eta = scorer.contributions(x, into: c)
                                    guard eta.isFinite else { shared.firstBad[part] = i; break }
                                    switch bases[i] {
                                    case .latePayment, .severeDelay: shared.pLate[i] = scorer.probability(eta)
                                    case .severeDelayReached, .overdueUnmodelled: shared.pLate[i] = 1
                                    }
                                    shared.priority[i] = shared.pLate[i] * amount[i]
                                }
                            }
                        }
                    }
                }
            }
        }
        if let bad = firstBad.min(), bad < n {
            throw ScoringError.nonFiniteScore(invoiceId: inv.invoiceIds[matrix.rows[bad]], what: "the linear predictor")
        }

        // Tiers need the day's priority percentiles, per currency.
        let currencyCode = matrix.rows.map { inv.currency[$0] }
        var byCurrency: [Int32: [Double]] = [:]
        for i in 0..<n { byCurrency[currencyCode[i], default: []].append(priority[i]) }
        let cutoffs = byCurrency.mapValues { thresholds.priorityCutoffs($0) }
        var tiers = [RiskTier](repeating: .low, count: n)
        for i in 0..<n {
            let cut = cutoffs[currencyCode[i]] ?? (.infinity, .infinity)
            tiers[i] = thresholds.tier(probability: pLate[i], anomalyScore: anomalyScore[i], priority: priority[i], cutoffs: cut)
        }
        let order = Self.workOrder(tiers: tiers, priority: priority) { a, b in
            inv.invoiceIds[matrix.rows[a]] < inv.invoiceIds[matrix.rows[b]]
        }

        let names = Self.customerNames(dataset)
        /// The scored invoice of row `i`. `c` is scratch for the contributions.
        func scoredRow(_ i: Int, values: UnsafeBufferPointer<Double>, contributions c: UnsafeMutableBufferPointer<Double>) -> ScoredInvoice {
            let r = matrix.rows[i]
            let x = UnsafeBufferPointer(rebasing: values[(i * p)..<((i + 1) * p)])
            let currency = inv.currencies.name(of: inv.currency[r])
            let severeExplains = usesSevere(i)
            // The contributions are recomputed here rather than kept from pass 1: a row's 33 products
            // cost less than storing and re-reading a contributions matrix the size of the features.
            _ = (severeExplains ? severe! : late).contributions(x, into: c)
            // One array, sized once, for every reason of the row.
            var reasons: [Reason] = []
            reasons.reserveCapacity(1 + reasonCount + anomalyFlags[i].count)
            if daysOverdue[i] > 0 {
                reasons.append(ReasonBuilder.daysOverdue(daysOverdue[i], basis: bases[i], severeDelayDays: horizon))
            }
            let builder = severeExplains ? severeReasons! : lateReasons
            builder.appendDrivers(values: x, contributions: UnsafeBufferPointer(c), currency: currency, count: reasonCount, to: &reasons)
            for flag in anomalyFlags[i] { reasons.append(AnomalyReasons.reason(flag: flag, score: anomalyScore[i])) }
            let customerCode = Int(inv.customer[r])
            return ScoredInvoice(
                invoiceId: inv.invoiceIds[r], customerId: dataset.customerIds.name(of: inv.customer[r]),
                customerName: customerCode < names.count ? names[customerCode] : "",
                amount: inv.amount[r], currency: currency, issueDate: inv.issueDate[r], dueDate: inv.dueDate[r],
                daysOverdue: daysOverdue[i], pLate: pLate[i], anomalyScore: anomalyScore[i],
                anomalyFlags: anomalyFlags[i], riskTier: tiers[i], priority: priority[i],
                reasons: reasons)
        }

        // Pass 2: the rows, each built straight into its place in the work order. They are read
        // in row order (the feature rows and the invoice columns then stream through the cache;
        // reading them in work order was a cache miss per column per row). Rows are independent:
        // a few chunks of rows on separate cores, each initialising its own rows' places.
        var place = [Int](repeating: 0, count: n)
        for (k, i) in order.enumerated() { place[i] = k }
        let out = [ScoredInvoice](unsafeUninitializedCapacity: n) { buffer, count in
            matrix.values.withUnsafeBufferPointer { values in
                place.withUnsafeBufferPointer { place in
                    let shared = UncheckedSendableScoringBuffers(rows: buffer, values: values, place: place)
                    DispatchQueue.concurrentPerform(iterations: parts) { part in
                        var contributions = [Double](repeating: 0, count: p)
                        contributions.withUnsafeMutableBufferPointer { c in
                            for i in (n * part / parts)..<(n * (part + 1) / parts) {
                                (shared.rows.baseAddress! + shared.place[i]).initialize(
                                    to: scoredRow(i, values: shared.values, contributions: c))
                            }
                        }
                    }
                }
            }
            count = n
        }

        driftDone.wait()
        let drift = (try? driftReports.take()?.get()) ?? []
        return ScoringResult(asOf: asOf, invoices: out, bases: order.map { bases[$0] }, drift: drift)
    }

    /// Row indices in work order: tier (critical first), then priority (highest first), then
    /// `idBefore` (the invoice id) for rows equal on both.
    ///
    /// Tier and priority order by radix passes (``RankedOrder``); only runs of rows with equal
    /// tier and priority (equal amounts at the same certainty) are then ordered by id.
    static func workOrder(tiers: [RiskTier], priority: [Double], idBefore: (Int, Int) -> Bool) -> [Int] {
        let tierRank = RiskTier.allCases
        let rank = tiers.map { UInt8(tierRank.firstIndex(of: $0) ?? 0) }
        var order = RankedOrder.descending(rank: rank, value: priority)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && rank[order[end]] == rank[order[start]] && priority[order[end]] == priority[order[start]] { end += 1 }
            if end - start > 1 { order[start..<end].sort { idBefore($0, $1) } }
            start = end
        }
        return order
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

/// The buffers the probability chunks share: each chunk writes only its own rows and its own slot.
private struct UncheckedSendableProbabilityBuffers: @unchecked Sendable {
    let values: UnsafeBufferPointer<Double>
    let pLate: UnsafeMutableBufferPointer<Double>
    let priority: UnsafeMutableBufferPointer<Double>
    let firstBad: UnsafeMutableBufferPointer<Int>
}

/// The buffers the scoring chunks share: each chunk writes only its own rows' places.
private struct UncheckedSendableScoringBuffers: @unchecked Sendable {
    let rows: UnsafeMutableBufferPointer<ScoredInvoice>
    let values: UnsafeBufferPointer<Double>
    let place: UnsafeBufferPointer<Int>
}
