/// What the planner does for one customer on one day. Raw values are the labels in `plan.csv` and the ledger.
public enum OutreachAction: String, Sendable, Codable, CaseIterable {
    /// Thanks a reliable payer for an on-time payment (at most once per `thank_you_min_days`).
    case thankYou = "thank_you"
    /// A friendly heads-up before the due date, only where `p_late` is above the threshold.
    case preDueReminder = "pre_due_reminder"
    /// A reminder about overdue invoices, with a ``Tone``.
    case overdueReminder = "overdue_reminder"
    /// An empathetic proposal of instalments for a customer in difficulty or a chronic late payer with a large balance.
    case paymentPlanOffer = "payment_plan_offer"
    /// Handed to a person (listed in `calls.csv`); no message is sent.
    case call
    /// Deliberately no contact (dispute, promise pending, active plan, opted out, contacted recently).
    case hold
    /// Nothing to do today.
    case none

    /// Whether the action sends a message to the customer.
    public var sendsMessage: Bool {
        switch self {
        case .thankYou, .preDueReminder, .overdueReminder, .paymentPlanOffer: return true
        case .call, .hold, .none: return false
        }
    }

    /// Whether the action counts as a contact for the minimum-interval rule.
    public var isContact: Bool { sendsMessage || self == .call }

    /// Whether the action is a reminder (counts against `max_reminders_per_invoice`).
    public var isReminder: Bool { self == .preDueReminder || self == .overdueReminder }
}
