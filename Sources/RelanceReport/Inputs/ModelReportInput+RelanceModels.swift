import RelanceModels

// Conversions from the model layer's metric types, so the caller fills ``ModelReportInput`` from a
// model bundle without copying fields by hand.

extension ClassifierMetrics {
    /// The report's metrics from the model layer's. `prAUC` receives scikit-learn's average
    /// precision (a step sum over thresholds), which is what the report labels "average precision".
    public init(_ metrics: BinaryClassificationMetrics) {
        self.init(rocAUC: metrics.rocAUC, prAUC: metrics.averagePrecision, brier: metrics.brierScore,
                  logLoss: metrics.logLoss, liftTopDecile: metrics.liftTopDecile)
    }
}

extension ChartPoint {
    /// A ROC point as (false positive rate, true positive rate).
    public init(_ point: ROCPoint) {
        self.init(x: point.falsePositiveRate, y: point.truePositiveRate)
    }
}

extension CalibrationBin {
    /// An equal-count reliability bin (no probability bounds).
    public init(_ bin: ReliabilityBin) {
        self.init(lower: nil, upper: nil, count: bin.count, meanPredicted: bin.meanPredicted,
                  observedRate: bin.observedRate)
    }
}
