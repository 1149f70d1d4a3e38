

/// One plain-language driver of an invoice's risk, kept as data so every consumer (risk list,
/// outreach planner, report) can render it in its own words and language.
///
/// `code` is stable and machine-readable (`late_share`, `amount_ratio`, `overdue_open`,
/// `anomaly:duplicate_of`); `value` and `detail` carry the figures the sentence needs
/// (e.g. value 4, detail "5" for "paid 4 of the last 5 invoices late"). `contribution` is the signed
/// contribution to the log-odds (positive raises risk). `shareableWithCustomer` says whether the
/// reason may be mentioned to the customer (history facts yes, model or fraud signals never).
public struct Reason: Sendable, Codable, Equatable {
    public var code: String
    public var value: Double
    public var detail: String
    public var contribution: Double
    public var shareableWithCustomer: Bool

    public init(code: String, value: Double, detail: String = "", contribution: Double, shareableWithCustomer: Bool) {
        self.code = code
        self.value = value
        self.detail = detail
        self.contribution = contribution
        self.shareableWithCustomer = shareableWithCustomer
    }
}
