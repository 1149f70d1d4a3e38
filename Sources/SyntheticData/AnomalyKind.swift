/// The kinds of anomaly injected into a synthetic history, as written in `truth/anomalies.csv`.
///
/// Each kind has legitimate look-alikes in the same history (large but genuine orders, round
/// subscription fees, repeat orders of one price, customers on long standard terms, new customers
/// with a set-up invoice), so a detector that flags every large, round or repeated amount pays
/// for it in precision.
public enum AnomalyKind: UInt8, CaseIterable, Sendable {
    /// An amount 5–20 times the customer's usual invoice.
    case amountSpike = 1
    /// A second invoice for the same customer and amount, issued within a few days, new id.
    case duplicate
    /// Payment terms far from the customer's habit (e.g. 5 or 120 days instead of 30).
    case unusualTerms
    /// A customer's very first invoice, many times what such customers usually order.
    case newCustomerLargeFirst
    /// A suspiciously round amount (e.g. 10000.00) well above the customer's usual.
    case roundAmount

    public var label: String {
        switch self {
        case .amountSpike: return "amount_spike"
        case .duplicate: return "duplicate"
        case .unusualTerms: return "unusual_terms"
        case .newCustomerLargeFirst: return "new_customer_large_first"
        case .roundAmount: return "round_amount"
        }
    }

    public init?(label: String) {
        guard let kind = AnomalyKind.allCases.first(where: { $0.label == label }) else { return nil }
        self = kind
    }
}
