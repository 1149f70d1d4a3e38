/// The stable codes of ``Reason``, what their `value` and `detail` hold, and whether the reason may
/// be mentioned to the customer.
///
/// Model drivers (one per group of related features, see ``ReasonBuilder``) carry the signed sum of
/// their features' contributions to the log-odds. Context reasons (``daysOverdue``) and anomaly
/// reasons (`anomaly:*`) carry contribution 0: they are not part of the model's sum.
///
/// Shareable: facts of the customer's own payment history and account (late share, delays, open
/// and overdue invoices, days past due, broken promises). Never shareable: model and population
/// signals (amount ratios, terms, season, method, channel, tenure, the population's late share),
/// sensitive facts (disputes, hardship, bounced reminders) and every anomaly or fraud signal.
public enum ReasonCode: String, Sendable, CaseIterable {
    /// value = invoices paid late, detail = invoices paid (both before the as-of day).
    case lateShare = "late_share"
    /// value = late among the last `detail` paid invoices (up to 5).
    case recentLateShare = "recent_late_share"
    /// value = average days between due date and payment (negative: early), detail = longest delay.
    case daysLate = "days_late"
    /// value = days since the last payment; detail "never" when the customer never paid (then the
    /// days count from the first invoice).
    case daysSincePayment = "days_since_payment"
    /// The customer has not paid any invoice before the as-of day (the history groups merged).
    case noHistory = "no_history"
    /// value = other overdue invoices open, detail = their total "amount CUR".
    case overdueOpen = "overdue_open"
    /// value = other open invoices, detail = their total "amount CUR".
    case openBalance = "open_balance"
    /// value = amount ÷ the customer's average earlier invoice.
    case amountRatio = "amount_ratio"
    /// value = the amount, detail = currency (first invoice of the customer: no ratio exists).
    case amount = "amount"
    /// value = payment terms in days.
    case paymentTerms = "payment_terms"
    /// value = days since the relationship began.
    case tenure = "tenure"
    /// detail = payment method label (`transfer`, …; empty when not given).
    case paymentMethod = "payment_method"
    /// detail = channel label (`paper`, `electronic`; empty when not given).
    case channel = "channel"
    /// value = due month (1–12).
    case dueSeason = "due_season"
    /// value = disputes opened before the as-of day.
    case disputes = "disputes"
    /// value = promises to pay whose date passed without payment.
    case brokenPromises = "broken_promises"
    /// value = reminders that bounced.
    case remindersBounced = "reminders_bounced"
    /// value = 1 when the customer reported financial hardship, else 0.
    case hardship = "hardship"
    /// value = late share of all customers' payments before the as-of day.
    case populationLateShare = "population_late_share"
    /// value = days past due; detail = the ``ScoreBasis`` raw value of the row.
    case daysOverdue = "days_overdue"

    /// Whether a reason with this code may be shown to the customer.
    public var shareableWithCustomer: Bool {
        switch self {
        case .lateShare, .recentLateShare, .daysLate, .daysSincePayment, .overdueOpen, .openBalance,
             .brokenPromises, .daysOverdue:
            return true
        case .noHistory, .amountRatio, .amount, .paymentTerms, .tenure, .paymentMethod, .channel, .dueSeason,
             .disputes, .remindersBounced, .hardship, .populationLateShare:
            return false
        }
    }

    /// The prefix of anomaly reason codes (`anomaly:duplicate_of`, `anomaly:amount_spike`, …).
    public static let anomalyPrefix = "anomaly:"
}
