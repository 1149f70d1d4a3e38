import Foundation
import RelanceData
import RelanceFeatures

/// Trains a model bundle from a history: point-in-time features, the late-payment model, the
/// severe-delay model for overdue invoices and the anomaly detector, each evaluated on time.
///
/// **Only what was known at the as-of day.** The history is first cut at the as-of day (later
/// issues, payments and events dropped, see `Dataset.truncated(at:)`); labels follow
/// ``PaymentLabel`` at that day, so an invoice still open and not yet past due + grace is censored
/// (left out), and one open past due + grace is late. Every training row is described as of its
/// own issue day, exactly as `relance features` writes it.
///
/// **Time-based evaluation.** Labelled rows are ordered by issue day; the rows issued on or after
/// the day at sorted position ⌊0.8·n⌋ are held out (the last 20 % by default), a model fitted on
/// the earlier rows is scored on them next to a naive baseline (the customer's prior late share),
/// and the bundle's model is then refitted on every labelled row. Calibration is decided on the
/// newest training rows, never on the test rows (see ``CalibrationDecision``).
///
/// The pipeline does no I/O and never prints: progress goes to the `progress` callback (called
/// from two threads in turn, never at once: the anomaly detector trains beside the logistic models).
/// `stageSeconds` are wall times per stage; `anomaly` overlaps `late_model` and `severe_model`.
public enum TrainingPipeline {
    public static func run(
        _ dataset: Dataset, options: TrainingOptions, relanceVersion: String = "unknown",
        progress: (TrainingEvent) -> Void = { _ in }
    ) throws -> TrainingResult {
        try withoutActuallyEscaping(progress) { progress in
            try run(dataset, options: options, relanceVersion: relanceVersion, sharedProgress: progress)
        }
    }

    private static func run(
        _ dataset: Dataset, options: TrainingOptions, relanceVersion: String,
        sharedProgress: @escaping (TrainingEvent) -> Void
    ) throws -> TrainingResult {
        if let problem = options.validationProblem() { throw TrainingError.invalidOption(problem) }
        // The anomaly detector trains on a second thread: progress and stage times are shared.
        let recorder = StageRecorder(sink: sharedProgress)
        let progress = recorder.report
        func stage<T>(_ name: String, _ body: () throws -> T) rethrows -> T { try recorder.stage(name, body) }
        let asOf = options.asOf

        let known = stage("prepare") { dataset.isEntirelyKnown(at: asOf) ? dataset : dataset.truncated(at: asOf) }
        guard known.invoices.count > 0 else {
            throw TrainingError.tooLittleHistory("no invoice was issued on or before \(asOf.iso)")
        }
        // The fingerprint is a sequential hash over every loaded value (~0.1 s at a million
        // invoices): compute it beside the single-threaded feature set-up rather than before it.
        let fingerprintOutcome = HandOff<DataFingerprint>()
        let fingerprintDone = DispatchGroup()
        DispatchQueue.global(qos: .userInitiated).async(group: fingerprintDone) {
            fingerprintOutcome.put(DataFingerprint(of: known))
        }
        defer { fingerprintDone.wait() }

        let builder: PointInTimeFeatureBuilder
        do {
            builder = try PointInTimeFeatureBuilder(known, options: options.features)
        } catch let e as FeatureError {
            throw TrainingError.stepFailed(step: "features", reason: e.description)
        }
        let schema = builder.schema
        let names = schema.names
        let baselineColumn = PaymentFeature.lateShareShrunk.rawValue

        // Late-payment rows: every invoice with a label at the as-of day, in issue-day order.
        let inv = known.invoices
        var lateRows: [Int] = []
        var censored = 0, lateCount = 0
        for r in 0..<inv.count {
            switch builder.label(ofInvoice: r, cutoff: asOf) {
            case .unknown: censored += 1
            case .late: lateRows.append(r); lateCount += 1
            case .onTime: lateRows.append(r)
            }
        }
        if !lateRows.isEmpty && (lateCount == 0 || lateCount == lateRows.count) {
            throw TrainingError.tooLittleHistory(
                "late-payment model: all \(lateRows.count) invoices with a known outcome at \(asOf.iso) were paid \(lateCount == 0 ? "on time" : "late"); a model needs both late and on-time examples")
        }
        lateRows = sortedByDay(lateRows) { inv.issueDate[$0].raw }
        guard lateRows.count >= 2 else {
            throw TrainingError.tooLittleHistory("only \(lateRows.count) invoice(s) have a known outcome at \(asOf.iso); a model needs many paid (or overdue) invoices")
        }
        let lateLabels: [Double] = lateRows.map { builder.label(ofInvoice: $0, cutoff: asOf) == .late ? 1 : 0 }
        let lateDays = lateRows.map { inv.issueDate[$0].raw }
        // Severe-delay rows: invoices not paid by due + grace, described at their landmark day.
        let severe = severeLandmarks(known, builder: builder, options: options)

        // The anomaly detector needs nothing from the logistic models: train it meanwhile.
        let anomalyOutcome = HandOff<Result<(AnomalyDetector, AnomalyEvaluation), Error>>()
        let anomalyDone = DispatchGroup()
        DispatchQueue.global(qos: .userInitiated).async(group: anomalyDone) { [recorder] in
            anomalyOutcome.put(Result {
                try recorder.stage("anomaly") { () throws -> (AnomalyDetector, AnomalyEvaluation) in
                    do {
                        let features = try AnomalyFeatures.compute(
                            known.invoices, customerCount: known.customerCount, options: options.anomaly.featureOptions)
                        let detector = try AnomalyDetector.fit(features, options: options.anomaly)
                        let assessment = try detector.assess(features)
                        return (detector, try evaluate(assessment, truth: options.anomalyTruth))
                    } catch let e as AnomalyFeatureError {
                        throw TrainingError.stepFailed(step: "anomaly features", reason: e.description)
                    } catch let e as AnomalyDetectorError {
                        throw TrainingError.stepFailed(step: "anomaly detector", reason: e.description)
                    }
                }
            })
        }
        // Whatever happens below, the background work finishes before this function returns.
        defer { anomalyDone.wait() }

        // One sweep of the history computes both models' rows: late rows as of their issue day
        // (exactly the rows of `relance features`), severe rows as of their landmark day.
        // Both in one array, late rows first: each model reads its own rows in place.
        let values = try stage("features") { () throws -> [Double] in
            let observation = lateDays.map { Day(raw: $0) } + severe.landmarks.map { Day(raw: $0) }
            do {
                return try builder.features(forInvoices: lateRows + severe.rows, observationDays: observation).values
            } catch let e as FeatureError {
                throw TrainingError.stepFailed(step: "features", reason: e.description)
            }
        }
        let lateValues = values, severeValues = values
        let lateRowCount = lateRows.count, severeCount = severe.rows.count
        let severeRows = { (rows: Range<Int>) in (lateRowCount + rows.lowerBound)..<(lateRowCount + rows.upperBound) }

        // The drift check's reference: the newest fifth of each model's rows (both are in day order).
        // Nothing below needs it until the bundle is assembled: it fills the gaps the fits leave on
        // the cores (their sequential parts) instead of delaying them.
        let distributionsOutcome = HandOff<([FeatureDistribution], [FeatureDistribution]?)>()
        let distributionsDone = DispatchGroup()
        DispatchQueue.global(qos: .userInitiated).async(group: distributionsDone) {
            let late = FeatureDistribution.fit(
                values: lateValues, featureNames: names, rows: TrainingDistributions.newestRows(count: lateRowCount))
            let severe = severeCount == 0 ? nil : FeatureDistribution.fit(
                values: severeValues, featureNames: names, rows: severeRows(TrainingDistributions.newestRows(count: severeCount)))
            distributionsOutcome.put((late, severe))
        }
        defer { distributionsDone.wait() }

        let late = try stage("late_model") {
            try ClassifierTraining(
                name: "late-payment", values: lateValues, featureNames: names, labels: lateLabels, days: lateDays,
                baselineColumn: baselineColumn,
                labelKnownAfter: lateRows.map { inv.dueDate[$0].raw &+ Int32(options.features.graceDays) }, options: options
            ).run(progress: progress)
        }

        var severeOutcome: ClassifierTraining.Outcome?
        var severeSkipped: String?
        do {
            severeOutcome = try stage("severe_model") { () throws -> ClassifierTraining.Outcome in
                guard severe.rows.count >= 2 else {
                    throw TrainingError.tooLittleHistory("only \(severe.rows.count) overdue invoice(s) have a known outcome")
                }
                return try ClassifierTraining(
                    name: "severe-delay", values: severeValues, firstRow: lateRowCount, featureNames: names, labels: severe.labels,
                    days: severe.landmarks, baselineColumn: baselineColumn,
                    labelKnownAfter: severe.rows.map { inv.dueDate[$0].raw &+ Int32(options.severeAfterDays) }, options: options
                ).run(progress: progress)
            }
        } catch let e as TrainingError {
            severeSkipped = e.description.hasPrefix("train: ") ? String(e.description.dropFirst(7)) : e.description
        }

        anomalyDone.wait()
        guard let anomalyResult = anomalyOutcome.take() else {
            throw TrainingError.stepFailed(step: "anomaly detector", reason: "did not run")
        }
        let (detector, anomalyEvaluation) = try anomalyResult.get()

        fingerprintDone.wait()
        distributionsDone.wait()
        let (lateDistribution, severeDistribution) = distributionsOutcome.take() ?? (
            FeatureDistribution.fit(values: lateValues, featureNames: names, rows: TrainingDistributions.newestRows(count: lateRowCount)),
            severeCount == 0 ? nil : FeatureDistribution.fit(
                values: severeValues, featureNames: names, rows: severeRows(TrainingDistributions.newestRows(count: severeCount))))
        let fingerprint = fingerprintOutcome.take() ?? DataFingerprint(of: known)
        let metrics = BundleMetrics(
            late: late.evaluation, severeDelay: severeOutcome?.evaluation, severeDelaySkipped: severeSkipped,
            anomaly: anomalyEvaluation, labelledRows: lateRows.count, severeDelayLabelledRows: severe.rows.count,
            censoredRows: censored)
        let window = TrainingWindow(
            first: inv.issueDate[lateRows[0]], last: inv.issueDate[lateRows[lateRows.count - 1]], rows: lateRows.count)
        var bundle = ModelBundle(
            relanceVersion: relanceVersion, asOf: asOf, featureOptions: options.features, trainingWindow: window,
            dataFingerprint: fingerprint, featureSchema: schema, lateModel: late.model, lateCalibrator: late.calibrator,
            severeDelay: severeOutcome.map {
                SevereDelayModel(severeAfterDays: options.severeAfterDays, model: $0.model, calibrator: $0.calibrator)
            },
            anomalyFeatureNames: AnomalyFeatures.names, anomaly: detector, metrics: metrics)
        bundle.trainingDistributions = TrainingDistributions(
            latePayment: lateDistribution, severeDelay: severeOutcome == nil ? nil : severeDistribution)
        return TrainingResult(
            bundle: bundle, stageSeconds: recorder.ordered(["prepare", "features", "late_model", "severe_model", "anomaly"]))
    }

    /// Landmark rows of the severe-delay model, in landmark-day order.
    ///
    /// An invoice qualifies when its landmark `L = due + grace + 1` is on or before the as-of day and
    /// it was not paid before `L` (paid on or after `L`, or still open). Label: 1 when paid after
    /// `due + severeAfterDays` or open at the as-of day past it, 0 when paid on or before it, and
    /// unknown (row left out) when open and not yet past it.
    public static func severeLandmarks(
        _ known: Dataset, builder: PointInTimeFeatureBuilder, options: TrainingOptions
    ) -> (rows: [Int], landmarks: [Int32], labels: [Double]) {
        let inv = known.invoices
        let asOf = Int64(options.asOf.raw)
        let grace = Int64(options.features.graceDays)
        var rows: [Int] = []
        for r in 0..<inv.count {
            let due = inv.dueDate[r], paid = inv.paidDate[r]
            guard !due.isMissing, !inv.issueDate[r].isMissing, inv.issueDate[r].raw <= options.asOf.raw else { continue }
            let landmark = Int64(due.raw) + grace + 1
            guard landmark <= asOf else { continue }
            let paidDay: Int64? = paid.isMissing || Int64(paid.raw) > asOf ? nil : Int64(paid.raw)
            if let p = paidDay, p < landmark { continue }
            let limit = Int64(due.raw) + Int64(options.severeAfterDays)
            if paidDay == nil && asOf <= limit { continue }   // censored
            rows.append(r)
        }
        let landmarkOf = { (r: Int) -> Int32 in Int32(clamping: Int64(inv.dueDate[r].raw) + grace + 1) }
        rows = sortedByDay(rows, landmarkOf)
        let landmarks = rows.map(landmarkOf)
        let labels: [Double] = rows.map { r in
            let paid = inv.paidDate[r]
            let limit = Int64(inv.dueDate[r].raw) + Int64(options.severeAfterDays)
            if !paid.isMissing && Int64(paid.raw) <= asOf { return Int64(paid.raw) > limit ? 1 : 0 }
            return 1
        }
        return (rows, landmarks, labels)
    }

    /// `rows` stably ordered by `day(row)`.
    static func sortedByDay(_ rows: [Int], _ day: (Int) -> Int32) -> [Int] {
        // Pack (day, position) into one Int64 so a plain integer sort is stable and fast.
        var keys = rows.enumerated().map { (Int64(day($0.element)) << 32) | Int64($0.offset) }
        keys.sort()
        return keys.map { rows[Int($0 & 0xffff_ffff)] }
    }

    /// The kind of a flag without its detail: `duplicate_of:INV-1` → `duplicate_of`,
    /// `amount_12x_usual` → `amount_spike`, `unusual_terms:60d` → `unusual_terms`.
    static func flagKind(_ flag: String) -> String {
        let head = flag.split(separator: ":", maxSplits: 1).first.map(String.init) ?? flag
        if head.hasPrefix("amount_") && head.hasSuffix("x_usual") { return "amount_spike" }
        return head
    }

    /// Flag counts and, with ground truth, ROC-AUC / PR-AUC of the anomaly score.
    static func evaluate(_ a: AnomalyAssessment, truth: Set<String>?) throws -> AnomalyEvaluation {
        var counts: [String: Int] = [:]
        var flagged = 0
        for f in a.flags where !f.isEmpty {
            flagged += 1
            for name in f { counts[flagKind(name), default: 0] += 1 }
        }
        var truthMetrics: AnomalyTruthMetrics?
        if let truth {
            let labels = a.invoiceIds.map { truth.contains($0) ? 1.0 : 0.0 }
            let positives = Int(labels.reduce(0, +))
            if positives > 0 && positives < labels.count {
                var hits = 0
                for i in 0..<labels.count where labels[i] == 1 && !a.flags[i].isEmpty { hits += 1 }
                truthMetrics = AnomalyTruthMetrics(
                    positives: positives,
                    rocAUC: try BinaryClassificationMetrics.rocAUC(labels: labels, scores: a.anomalyScore),
                    prAUC: try BinaryClassificationMetrics.averagePrecision(labels: labels, scores: a.anomalyScore),
                    flagRecall: Double(hits) / Double(positives),
                    flagPrecision: flagged > 0 ? Double(hits) / Double(flagged) : 0)
            }
        }
        return AnomalyEvaluation(
            invoices: a.count, flagged: flagged, flaggedShare: a.count > 0 ? Double(flagged) / Double(a.count) : 0,
            flagCounts: counts, truth: truthMetrics)
    }
}

extension Dataset {
    /// True when nothing in the history is dated after `day` (no issue, payment, event or
    /// `customer_since` later), so truncating at `day` would change nothing the models read.
    func isEntirelyKnown(at day: Day) -> Bool {
        let d = day.raw
        for x in invoices.issueDate where x.raw > d { return false }
        for x in invoices.paidDate where !x.isMissing && x.raw > d { return false }
        for x in events.date where x.raw > d { return false }
        for x in customers.customerSince where !x.isMissing && x.raw > d { return false }
        return true
    }
}
