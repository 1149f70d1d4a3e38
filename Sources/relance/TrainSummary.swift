import Foundation
import RelanceModels

/// What `relance train` prints: a readable summary, or one JSON object with fixed keys.
struct TrainSummary {
    var bundle: ModelBundle
    var out: String
    var stages: [(String, Double)]
    var warnings: [String]

    private func f(_ x: Double, _ d: Int = 3) -> String { String(format: "%.\(d)f", x) }
    private func f(_ x: Double?, _ d: Int = 4) -> String { x.map { f($0, d) } ?? "n/a" }

    var text: String {
        let m = bundle.metrics.late
        var s = ""
        for w in warnings { s += "warning: \(w)\n" }
        s += "history as of \(bundle.asOf.iso): \(bundle.dataFingerprint.invoices) invoices, \(bundle.dataFingerprint.customers) customers, \(bundle.dataFingerprint.events) events\n"
        s += "labelled invoices: \(bundle.metrics.labelledRows) (issued \(bundle.trainingWindow.first.iso) to \(bundle.trainingWindow.last.iso)); censored (open, not yet due + \(bundle.graceDays)): \(bundle.metrics.censoredRows)\n"
        s += "\nlate-payment model (held out: \(m.testRows) invoices issued \(m.testWindow.first.iso) to \(m.testWindow.last.iso); trained on \(m.trainRows))\n"
        s += "                    model   baseline\n"
        s += "  ROC-AUC          \(f(m.model.rocAUC))      \(f(m.baseline.rocAUC))\n"
        s += "  PR-AUC           \(f(m.model.averagePrecision))      \(f(m.baseline.averagePrecision))\n"
        s += "  Brier score      \(f(m.model.brierScore, 4))     \(f(m.baseline.brierScore, 4))\n"
        s += "  log loss         \(f(m.model.logLoss, 4))     \(f(m.baseline.logLoss, 4))\n"
        s += "  lift top decile  \(f(m.model.liftTopDecile, 2))       \(f(m.baseline.liftTopDecile, 2))\n"
        s += "  late share of the held-out invoices: \(f(m.model.baseRate))\n"
        s += "  calibration: \(m.calibration.reason) (check log loss \(f(m.calibration.checkLogLossBefore)) → \(f(m.calibration.checkLogLossAfter)))\n"
        if let u = m.uncalibrated {
            s += "  without calibration: Brier \(f(u.brierScore, 4)), log loss \(f(u.logLoss, 4))\n"
        }
        s += "  reliability (held out, deciles of predicted probability):\n"
        s += "    bin  rows  predicted  observed\n"
        for (k, b) in m.model.reliability.enumerated() {
            s += "    " + String(format: "%3d %5d     %.3f     %.3f", k + 1, b.count, b.meanPredicted, b.observedRate) + "\n"
        }
        if let mt = m.matured {
            s += "  matured held-out invoices (due + grace before the as-of day, \(mt.count) of \(m.testRows), late share \(f(mt.baseRate))): ROC-AUC \(f(mt.rocAUC)), Brier \(f(mt.brierScore, 4)), log loss \(f(mt.logLoss, 4))"
            s += m.maturedUncalibratedLogLoss.map { " (uncalibrated \(f($0, 4)))" } ?? ""
            s += "\n    bin  rows  predicted  observed\n"
            for (k, b) in mt.reliability.enumerated() {
                s += "    " + String(format: "%3d %5d     %.3f     %.3f", k + 1, b.count, b.meanPredicted, b.observedRate) + "\n"
            }
        }
        s += "  final fit on all \(bundle.metrics.labelledRows) labelled invoices: λ = \(f(m.l2, 2)), \(m.iterations) IRLS iterations, \(m.converged ? "converged" : "NOT converged"), training log loss \(f(m.trainLogLoss, 4))\n"
        for note in bundle.lateModel.report.notes { s += "  note: \(note)\n" }
        if !bundle.lateModel.report.droppedConstantFeatures.isEmpty {
            s += "  constant features left out: \(bundle.lateModel.report.droppedConstantFeatures.joined(separator: ", "))\n"
        }
        s += "\nsevere-delay model (overdue invoices still unpaid \(bundle.severeDelay?.severeAfterDays ?? 30) days after due)\n"
        if let e = bundle.metrics.severeDelay {
            s += "  \(bundle.metrics.severeDelayLabelledRows) labelled overdue invoices; held out \(e.testRows)\n"
            s += "  ROC-AUC \(f(e.model.rocAUC)) (baseline \(f(e.baseline.rocAUC))), PR-AUC \(f(e.model.averagePrecision)), Brier \(f(e.model.brierScore, 4)), log loss \(f(e.model.logLoss, 4)), severe share \(f(e.model.baseRate))\n"
            s += "  calibration: \(e.calibration.reason)\n"
        } else {
            s += "  not trained: \(bundle.metrics.severeDelaySkipped ?? "unknown reason")\n"
        }
        let a = bundle.metrics.anomaly
        s += "\nanomaly detector: \(a.flagged) of \(a.invoices) invoices flagged (\(f(100 * a.flaggedShare, 2)) %)"
        s += a.flagCounts.isEmpty ? "\n" : ": " + a.flagCounts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
        if let t = a.truth {
            s += "  against ground truth (\(t.positives) anomalies): ROC-AUC \(f(t.rocAUC)), PR-AUC \(f(t.prAUC)), flag recall \(f(t.flagRecall)), flag precision \(f(t.flagPrecision))\n"
        }
        s += "\nbundle written to \(out)/\(ModelBundle.modelFileName) and \(out)/\(ModelBundle.cardFileName)\n"
        s += "seconds: " + stages.map { "\($0.0) \(f($0.1, 2))" }.joined(separator: ", ") + "\n"
        return s
    }

    func json() throws -> String {
        let m = bundle.metrics.late
        var o: [String: Any] = [
            "roc_auc": m.model.rocAUC, "pr_auc": m.model.averagePrecision, "brier": m.model.brierScore,
            "log_loss": m.model.logLoss, "lift_top_decile": m.model.liftTopDecile,
            "baseline_roc_auc": m.baseline.rocAUC, "baseline_pr_auc": m.baseline.averagePrecision,
            "baseline_brier": m.baseline.brierScore, "baseline_log_loss": m.baseline.logLoss,
            "train_log_loss": m.trainLogLoss, "n_train": m.trainRows, "n_test": m.testRows, "l2": m.l2,
            "iterations": m.iterations, "converged": m.converged, "calibrated": m.calibration.applied,
            "reliability": m.model.reliability.map {
                ["count": $0.count, "mean_predicted": $0.meanPredicted, "observed_rate": $0.observedRate] as [String: Any]
            },
            "n_labelled": bundle.metrics.labelledRows, "n_censored": bundle.metrics.censoredRows,
            "bundle": "\(out)/\(ModelBundle.modelFileName)",
            "seconds": Dictionary(uniqueKeysWithValues: stages.map { ($0.0, $0.1) }),
        ]
        if let mt = m.matured {
            o["matured"] = [
                "n": mt.count, "roc_auc": mt.rocAUC, "brier": mt.brierScore, "log_loss": mt.logLoss,
                "uncalibrated_log_loss": m.maturedUncalibratedLogLoss as Any,
                "reliability": mt.reliability.map {
                    ["count": $0.count, "mean_predicted": $0.meanPredicted, "observed_rate": $0.observedRate] as [String: Any]
                },
            ] as [String: Any]
        }
        if let u = m.uncalibrated {
            o["uncalibrated_brier"] = u.brierScore
            o["uncalibrated_log_loss"] = u.logLoss
        }
        if let e = bundle.metrics.severeDelay {
            o["severe_delay"] = [
                "roc_auc": e.model.rocAUC, "pr_auc": e.model.averagePrecision, "brier": e.model.brierScore,
                "log_loss": e.model.logLoss, "baseline_roc_auc": e.baseline.rocAUC, "train_log_loss": e.trainLogLoss,
                "n_train": e.trainRows, "n_test": e.testRows, "iterations": e.iterations, "converged": e.converged,
                "calibrated": e.calibration.applied,
            ] as [String: Any]
        } else {
            o["severe_delay"] = ["skipped": bundle.metrics.severeDelaySkipped ?? "unknown"]
        }
        let a = bundle.metrics.anomaly
        var anomaly: [String: Any] = ["invoices": a.invoices, "flagged": a.flagged, "flagged_share": a.flaggedShare]
        if let t = a.truth {
            anomaly["roc_auc"] = t.rocAUC
            anomaly["pr_auc"] = t.prAUC
            anomaly["positives"] = t.positives
            anomaly["flag_recall"] = t.flagRecall
            anomaly["flag_precision"] = t.flagPrecision
        }
        o["anomaly"] = anomaly
        let data = try JSONSerialization.data(withJSONObject: o, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
