/// How the anomaly detector is fitted and how its parts are combined; stored in the fitted detector.
public struct AnomalyDetectorOptions: Sendable, Codable, Equatable {
    /// The continuous features the robust covariance sees. Indicators (new customer, round amount,
    /// currency change, duplicate) are left to the rules: a 0/1 column that is constant on the core
    /// of the data makes every 1 look infinitely far, which is the rules' job to say in words.
    public var robustFeatures: [String]
    /// FastMCD settings. The support fraction is 0.75 rather than the maximal-breakdown 0.5: it
    /// still resists 25 % contamination, and on invoice data the tightest half is a sub-population
    /// (the most regular customers) against which everybody else looks unusual. The eigenvalue floor is larger than `MinCovDet`'s default because invoice
    /// features are partly discrete (terms of exactly 30 days for most invoices): in standardised
    /// units a floor of 0.01 × the mean eigenvalue lets a flat direction count, without making a
    /// one-day difference look like a million standard deviations.
    public var mcd: MinCovDetOptions
    /// At most this many rows (a seeded uniform sample) are used to find the robust estimate; the
    /// distances of all rows are computed afterwards. FastMCD's cost grows with the rows it iterates
    /// on, while the estimate's precision barely changes beyond a few tens of thousands.
    public var fitSampleSize: Int
    /// A row's robust score is the χ²ₚ CDF of its squared distance; at or above this quantile it is
    /// flagged `unusual_profile` (0.999: under a Gaussian core, one normal invoice in 1000).
    public var flagQuantile: Double
    /// The robust profile compares an invoice with its customer's own history, which means little
    /// before the customer has this many earlier invoices (ratios to a median of one or two amounts,
    /// no gap before a first invoice). Rows with less history are neither used for the fit nor given
    /// a robust score (0, `robustAssessed` false); the rules still judge them
    /// (`new_customer_large_first_invoice`, duplicates).
    public var minimumHistoryForProfile: Int
    /// `unusual_profile` never flags more than this share of the fit rows: the threshold is the larger
    /// of the χ²ₚ `flagQuantile` quantile and the fit rows' empirical (1 − share) quantile of d².
    /// Invoice features are heavier-tailed than a Gaussian (customers differ in how regular they
    /// are), so the χ² cut-off alone would flag far more than one invoice in a thousand; 1 turns the
    /// cap off.
    public var maximumUnusualShare: Double
    /// Weight of the robust part in the combined score (see ``AnomalyDetector``).
    public var robustWeight: Double
    /// Thresholds and weights of the explicit rules.
    public var rules: AnomalyRules
    /// The feature options the matrices given to this detector must be computed with. `fit` sets it
    /// from the training matrix, and `assess` refuses a matrix computed with other options, so the
    /// scoring side computes features exactly as the fitting side did.
    public var featureOptions: AnomalyFeatureOptions

    /// The default robust features (all continuous).
    public static let defaultRobustFeatures: [String] = [
        AnomalyFeatures.Column.logAmount, .logAmountRatioToCustomerMedian, .logAmountRatioToCustomerMax,
        .amountRobustZ, .log1pDaysSincePrevious, .log1pPriorInvoiceCount,
    ].map(\.name)

    public init(
        robustFeatures: [String] = AnomalyDetectorOptions.defaultRobustFeatures,
        mcd: MinCovDetOptions = MinCovDetOptions(supportFraction: 0.75, relativeEigenvalueFloor: 0.01),
        fitSampleSize: Int = 30_000, flagQuantile: Double = 0.999, minimumHistoryForProfile: Int = 3,
        maximumUnusualShare: Double = 0.005, robustWeight: Double = 0.6,
        rules: AnomalyRules = AnomalyRules(), featureOptions: AnomalyFeatureOptions = AnomalyFeatureOptions()
    ) {
        self.robustFeatures = robustFeatures
        self.mcd = mcd
        self.fitSampleSize = fitSampleSize
        self.flagQuantile = flagQuantile
        self.minimumHistoryForProfile = minimumHistoryForProfile
        self.maximumUnusualShare = maximumUnusualShare
        self.robustWeight = robustWeight
        self.rules = rules
        self.featureOptions = featureOptions
    }
}
