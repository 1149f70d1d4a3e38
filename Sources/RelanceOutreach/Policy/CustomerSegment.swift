/// A customer's payment profile, which picks the kind and tone of contact.
///
/// Rules, applied in this order (first match wins), all computed as of the planning day:
/// - `disputed`: a dispute is open (a `dispute_opened` event not followed by `dispute_resolved`,
///   or an open invoice flagged `disputed`).
/// - `inDifficulty`: hardship reported in the last 180 days, or at least two overdue invoices
///   together with a broken promise to pay.
/// - `newCustomer`: customer for fewer than `new_customer_days`, or fewer than 3 settled invoices.
/// - `deteriorating`: at most 20% of older settled invoices were late, but at least 2 of the last 3 were.
/// - `chronicLate`: at least half of the settled invoices were paid late.
/// - `occasionalLate`: more than 10% (but under half) were paid late.
/// - `reliable`: at most 10% were paid late.
public enum CustomerSegment: String, Sendable, Codable, CaseIterable {
    case reliable
    case occasionalLate = "occasional_late"
    case chronicLate = "chronic_late"
    case newCustomer = "new_customer"
    case deteriorating
    case inDifficulty = "in_difficulty"
    case disputed
}
