import Foundation

extension ModelBundle {
    /// The model card: what the bundle predicts, from which data, how well, and its limits, in
    /// short Markdown a finance analyst can read before trusting the scores.
    public func modelCard() -> String {
        func f(_ x: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", x) }
        let m = metrics.late
        var s = "# Relance model card\n\n"
        s += "- Format version \(formatVersion), trained by relance \(relanceVersion) on the history known at **\(asOf.iso)** (grace \(graceDays) day(s)).\n"
        s += "- Data: \(dataFingerprint.invoices) invoices, \(dataFingerprint.customers) customers, \(dataFingerprint.events) events; fingerprint \(dataFingerprint.algorithm) `\(dataFingerprint.value)`.\n"
        s += "- Labelled invoices: \(metrics.labelledRows) issued \(trainingWindow.first.iso) to \(trainingWindow.last.iso); \(metrics.censoredRows) still open and not yet due + grace (censored, not used).\n\n"
        s += "## Late-payment model\n\n"
        s += "Probability that an invoice is paid after its due date + \(graceDays) day(s), from \(featureSchema.definitions.count) point-in-time features (schema `\(featureSchema.version)`): an L2-penalised logistic regression (λ = \(f(m.l2, 2)), standardised inputs, \(m.iterations) Newton iterations, \(m.converged ? "converged" : "NOT converged")).\n\n"
        s += "Held out: the \(m.testRows) most recent labelled invoices (issued \(m.testWindow.first.iso) to \(m.testWindow.last.iso)); fitted for evaluation on the \(m.trainRows) before them, then refitted on all.\n\n"
        s += "| | model | baseline (customer's prior late share) |\n|---|---|---|\n"
        s += "| ROC-AUC | \(f(m.model.rocAUC)) | \(f(m.baseline.rocAUC)) |\n"
        s += "| PR-AUC | \(f(m.model.averagePrecision)) | \(f(m.baseline.averagePrecision)) |\n"
        s += "| Brier score | \(f(m.model.brierScore, 4)) | \(f(m.baseline.brierScore, 4)) |\n"
        s += "| Log loss | \(f(m.model.logLoss, 4)) | \(f(m.baseline.logLoss, 4)) |\n"
        s += "| Lift, top decile | \(f(m.model.liftTopDecile, 2)) | \(f(m.baseline.liftTopDecile, 2)) |\n\n"
        s += "Late share in the held-out rows: \(f(m.model.baseRate)). Training log loss of the final model: \(f(m.trainLogLoss, 4)).\n\n"
        s += "Calibration: \(m.calibration.reason).\n\n"
        s += "Reliability on the held-out rows (equal-count bins of predicted probability):\n\n| bin | rows | mean predicted | observed late share |\n|---|---|---|---|\n"
        for (k, b) in m.model.reliability.enumerated() {
            s += "| \(k + 1) | \(b.count) | \(f(b.meanPredicted)) | \(f(b.observedRate)) |\n"
        }
        if let mt = m.matured {
            s += "\nOn the \(mt.count) matured held-out invoices (due + grace before the as-of day, so their outcome was bound to be known; the newest invoices are labelled only once paid or overdue, which skews them towards on time): ROC-AUC \(f(mt.rocAUC)), Brier \(f(mt.brierScore, 4)), log loss \(f(mt.logLoss, 4)).\n\n| bin | rows | mean predicted | observed late share |\n|---|---|---|---|\n"
            for (k, b) in mt.reliability.enumerated() {
                s += "| \(k + 1) | \(b.count) | \(f(b.meanPredicted)) | \(f(b.observedRate)) |\n"
            }
        }
        s += "\nLargest effects (per standard deviation, log-odds; positive = more likely late):\n\n"
        let ranked = lateModel.coefficients.indices.sorted { abs(lateModel.coefficients[$0]) > abs(lateModel.coefficients[$1]) }.prefix(8)
        for j in ranked where lateModel.coefficients[j] != 0 {
            s += "- `\(lateModel.featureNames[j])` \(lateModel.coefficients[j] >= 0 ? "+" : "")\(f(lateModel.coefficients[j])): \(featureSchema.definitions[j].summary)\n"
        }
        s += "\n## Severe-delay model (overdue invoices)\n\n"
        if let sd = severeDelay, let e = metrics.severeDelay {
            s += "For an invoice unpaid at due date + grace, the probability it is still unpaid \(sd.severeAfterDays) days after the due date, from the same features computed at that day. \(metrics.severeDelayLabelledRows) labelled overdue invoices; held out the \(e.testRows) most recent.\n\n"
            s += "ROC-AUC \(f(e.model.rocAUC)) (baseline \(f(e.baseline.rocAUC))), PR-AUC \(f(e.model.averagePrecision)), Brier \(f(e.model.brierScore, 4)), log loss \(f(e.model.logLoss, 4)); severe share \(f(e.model.baseRate)). Calibration: \(e.calibration.reason).\n"
        } else {
            s += "Not trained: \(metrics.severeDelaySkipped ?? "unknown reason").\n"
        }
        let a = metrics.anomaly
        s += "\n## Anomaly detector\n\n"
        s += "Robust covariance (MCD) of \(anomaly.robustFeatures.count) per-invoice features plus explicit rules (duplicates, spikes, unusual terms, large first invoices, round amounts). On the training history \(a.flagged) of \(a.invoices) invoices (\(f(100 * a.flaggedShare, 2)) %) carry a flag.\n"
        if let t = a.truth {
            s += "Against ground truth (\(t.positives) known anomalies): ROC-AUC \(f(t.rocAUC)), PR-AUC \(f(t.prAUC)); flags recall \(f(t.flagRecall)), precision \(f(t.flagPrecision)).\n"
        }
        s += "\n## Limits\n\n"
        s += "- The model learns this customer book's past; retrain when terms, customers or collection practice change, and compare the held-out figures.\n"
        s += "- Probabilities are about groups of similar invoices, not certainties about one customer; use them to prioritise a humane conversation, not to judge.\n"
        s += "- Anomaly flags ask for a second look; most flagged invoices are legitimate.\n"
        return s
    }
}
