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
    /// while the history is prepared and the feature rows computed. Errors are reported in the
    /// same order as when the steps ran one after the other (history and features first).
    public func score(_ dataset: Dataset, asOf: Day) throws -> ScoringResult {
        let rows = PointInTimeFeatureBuilder.openInvoices(of: dataset.invoices, asOf: asOf)
        let anomalies = BackgroundResult<AnomalyAssessment>()
        let anomaliesDone = DispatchGroup()
        if let detector = models.anomalyDetector, !rows.isEmpty {
            let options = models.anomalyFeatureOptions
            DispatchQueue.global(qos: .userInitiated).async(group: anomaliesDone) {
                anomalies.put(Result {
                    let features = try AnomalyFeatures.compute(
                        dataset.invoices, customerCount: dataset.customerCount, options: options, rows: rows)
                    return try detector.assess(features)
                })
            }
        }
        // Whatever happens below, the background work finishes before this function returns.
        defer { anomaliesDone.wait() }
        let builder = try PointInTimeFeatureBuilder(dataset, options: models.featureOptions)
        let matrix = try builder.features(forInvoices: rows, observationDays: [Day](repeating: asOf, count: rows.count))
        anomaliesDone.wait()
        return try score(dataset, asOf: asOf, features: matrix, anomalies: anomalies.take())
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
        let names = Self.customerNames(dataset)

        /// Row `i`: probability, reasons, the scored invoice. `c` is scratch for the contributions.
        func scoredRow(_ i: Int, values: UnsafeBufferPointer<Double>, contributions c: UnsafeMutableBufferPointer<Double>) throws -> ScoredInvoice {
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
            return ScoredInvoice(
                invoiceId: inv.invoiceIds[r], customerId: dataset.customerIds.name(of: inv.customer[r]),
                customerName: customerCode < names.count ? names[customerCode] : "",
                amount: inv.amount[r], currency: currency, issueDate: inv.issueDate[r], dueDate: inv.dueDate[r],
                daysOverdue: daysOverdue[i], pLate: probability, anomalyScore: anomalyScore[i],
                anomalyFlags: anomalyFlags[i], riskTier: .low, priority: probability * inv.amount[r],
                reasons: reasons)
        }

        // Rows are independent: a few chunks on separate cores, each initialising its own slots.
        // A chunk stops at its first failing row; the first failing row overall is reported, as
        // a sequential loop would.
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, n / 10_000))
        var failures = [(row: Int, error: Error)?](repeating: nil, count: parts)
        var stops = [Int](repeating: 0, count: parts)
        var out = try [ScoredInvoice](unsafeUninitializedCapacity: n) { buffer, count in
            matrix.values.withUnsafeBufferPointer { values in
                failures.withUnsafeMutableBufferPointer { failures in
                    stops.withUnsafeMutableBufferPointer { stops in
                        let shared = UncheckedSendableScoringBuffers(
                            rows: buffer, values: values, failures: failures, stops: stops)
                        DispatchQueue.concurrentPerform(iterations: parts) { part in
                            let range = (n * part / parts)..<(n * (part + 1) / parts)
                            var contributions = [Double](repeating: 0, count: p)
                            contributions.withUnsafeMutableBufferPointer { c in
                                var i = range.lowerBound
                                while i < range.upperBound {
                                    do {
                                        (shared.rows.baseAddress! + i).initialize(
                                            to: try scoredRow(i, values: shared.values, contributions: c))
                                    } catch {
                                        shared.failures[part] = (i, error)
                                        break
                                    }
                                    i += 1
                                }
                                shared.stops[part] = i
                            }
                        }
                    }
                }
            }
            if let first = failures.compactMap({ $0 }).min(by: { $0.row < $1.row }) {
                for part in 0..<parts {
                    let start = n * part / parts
                    (buffer.baseAddress! + start).deinitialize(count: stops[part] - start)
                }
                count = 0
                throw first.error
            }
            count = n
        }
        var pLate = [Double](repeating: 0, count: n)
        var priority = [Double](repeating: 0, count: n)
        out.withUnsafeBufferPointer { rows in
            for i in 0..<n {
                pLate[i] = rows[i].pLate
                priority[i] = rows[i].priority
            }
        }

        // Tiers need the day's priority percentiles, per currency. The keys are read from the
        // plain columns, never from the rows (reading a row out of the array copies it).
        let currencyCode = matrix.rows.map { inv.currency[$0] }
        var byCurrency: [Int32: [Double]] = [:]
        for i in 0..<n { byCurrency[currencyCode[i], default: []].append(priority[i]) }
        let cutoffs = byCurrency.mapValues { thresholds.priorityCutoffs($0) }
        var tierRank = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let cut = cutoffs[currencyCode[i]] ?? (.infinity, .infinity)
            let tier = thresholds.tier(probability: pLate[i], anomalyScore: anomalyScore[i], priority: priority[i], cutoffs: cut)
            out[i].riskTier = tier
            tierRank[i] = RiskTier.allCases.firstIndex(of: tier) ?? 0
        }

        // Work order: tier, then priority, then id.
        let order = out.indices.sorted { a, b in
            if tierRank[a] != tierRank[b] { return tierRank[a] > tierRank[b] }
            if priority[a] != priority[b] { return priority[a] > priority[b] }
            return inv.invoiceIds[matrix.rows[a]] < inv.invoiceIds[matrix.rows[b]]
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
        out.withUnsafeMutableBufferPointer { rows in
            for start in rows.indices where !placed[start] {
                placed[start] = true
                var k = start
                while order[k] != start {
                    let source = order[k]
                    rows.swapAt(k, source)
                    placed[source] = true
                    k = source
                }
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

/// The buffers the scoring chunks share: each chunk writes only its own rows and its own slot.
private struct UncheckedSendableScoringBuffers: @unchecked Sendable {
    let rows: UnsafeMutableBufferPointer<ScoredInvoice>
    let values: UnsafeBufferPointer<Double>
    let failures: UnsafeMutableBufferPointer<(row: Int, error: Error)?>
    let stops: UnsafeMutableBufferPointer<Int>
}
