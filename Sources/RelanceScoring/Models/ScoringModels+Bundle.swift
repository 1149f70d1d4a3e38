import RelanceModels

extension ScoringModels {
    /// The models of a trained bundle (``ModelBundle/load(from:)`` has already refused a bundle of
    /// another format version or feature schema; ``OpenInvoiceScorer`` checks again).
    public init(bundle: ModelBundle) {
        self.init(
            featureSchema: bundle.featureSchema, featureOptions: bundle.featureOptions,
            latePayment: bundle.lateModel, latePaymentCalibration: bundle.lateCalibrator,
            severeDelay: bundle.severeDelay?.model, severeDelayCalibration: bundle.severeDelay?.calibrator,
            severeDelayDays: bundle.severeDelay?.severeAfterDays ?? 30, anomalyDetector: bundle.anomaly,
            anomalyFeatureOptions: bundle.anomaly.options.featureOptions,
            latePaymentDistribution: bundle.trainingDistributions?.latePayment,
            severeDelayDistribution: bundle.trainingDistributions?.severeDelay)
    }
}
