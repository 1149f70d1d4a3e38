/// Settings of the anomaly feature sweep; the defaults are what the detector is tuned for.
///
/// They are part of the feature definition: a detector fitted on features computed with one set of
/// options should score features computed with the same options (the detector stores them).
public struct AnomalyFeatureOptions: Sendable, Codable, Equatable {
    /// How many of a customer's most recent earlier invoices feed the "usual amount" and "usual
    /// terms" (median and MAD). Bounded so memory is `customers × window` and each median costs a
    /// sort of at most `window` numbers; 24 covers two years of monthly billing.
    public var historyWindow: Int
    /// Earlier invoices a customer needs before the robust z-score of the amount is computed
    /// (below that the MAD says nothing and the column is 0).
    public var minimumHistoryForRobustZ: Int
    /// Lower bound on the robust scale (1.4826·MAD) of a customer's log amounts. A subscription
    /// customer billed the same amount every month has MAD 0; without a floor a one-cent change
    /// would be an infinite z. 0.05 in log units ≈ a 5 % change per unit of z.
    public var robustScaleFloor: Double
    /// Two invoices of the same customer with the same amount to the cent and issue dates at most
    /// this many days apart are a duplicate candidate (the later one is flagged).
    public var duplicateWindowDays: Int
    /// At most this many earlier invoices of the customer are looked at for a duplicate (bounds the
    /// work for a customer billed hundreds of times inside the window).
    public var duplicateLookBack: Int

    public init(
        historyWindow: Int = 24, minimumHistoryForRobustZ: Int = 5, robustScaleFloor: Double = 0.05,
        duplicateWindowDays: Int = 7, duplicateLookBack: Int = 256
    ) {
        self.historyWindow = historyWindow
        self.minimumHistoryForRobustZ = minimumHistoryForRobustZ
        self.robustScaleFloor = robustScaleFloor
        self.duplicateWindowDays = duplicateWindowDays
        self.duplicateLookBack = duplicateLookBack
    }

    /// Options as given, or a description of the first one that cannot work.
    func validationProblem() -> String? {
        if historyWindow < 1 { return "historyWindow must be at least 1" }
        if duplicateWindowDays < 0 || duplicateLookBack < 0 { return "duplicate window and look-back must not be negative" }
        if !(robustScaleFloor > 0) { return "robustScaleFloor must be positive" }
        return nil
    }
}

/// Why anomaly features could not be computed for a history, with the place to look.
public enum AnomalyFeatureError: Error, CustomStringConvertible, Equatable {
    /// An invoice without an issue date (ingest should have refused it).
    case missingIssueDate(invoiceRow: Int, sourceLine: Int)
    /// An amount that is not a positive finite number (ingest should have refused it).
    case invalidAmount(invoiceRow: Int, sourceLine: Int)
    /// A customer code outside `0..<customerCount`.
    case unknownCustomer(invoiceRow: Int, sourceLine: Int)
    /// Options that make no sense (window < 1, negative duplicate window, …).
    case invalidOptions(String)

    public var description: String {
        switch self {
        case let .missingIssueDate(row, line):
            return "invoices.csv:\(line): issue_date: missing (invoice row \(row)); anomaly features need an issue date"
        case let .invalidAmount(row, line):
            return "invoices.csv:\(line): amount: not a positive number (invoice row \(row)); anomaly features need amount > 0"
        case let .unknownCustomer(row, line):
            return "invoices.csv:\(line): customer_id: customer code out of range (invoice row \(row))"
        case let .invalidOptions(message):
            return "anomaly feature options: \(message)"
        }
    }

}
