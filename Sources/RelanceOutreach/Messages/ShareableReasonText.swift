/// Customer-facing sentences for reasons that scoring marks ``Reason/shareableWithCustomer``.
///
/// Only reasons that are plain facts of the customer's own account are worded here; a shareable
/// reason with an unknown code is left out rather than shown as a code. Model scores, anomaly
/// signals and anything not shareable never reach this table (the planner filters them first).
public enum ShareableReasonText {
    public static func text(for reason: Reason, language: String) -> String? {
        guard reason.shareableWithCustomer else { return nil }
        let n = Int(reason.value.rounded())
        let fr = language == "fr"
        switch reason.code {
        case "days_overdue", "overdue_days":
            return fr ? "L'échéance est dépassée de \(n) jours." : "The due date passed \(n) days ago."
        case "overdue_open", "open_overdue_count":
            // Scoring counts the customer's *other* overdue invoices (ReasonCode.overdueOpen).
            if n < 1 { return nil }
            if n == 1 { return fr ? "Une autre facture de votre compte est également échue." : "Another invoice on your account is also past due." }
            return fr ? "\(n) autres factures de votre compte sont également échues." : "\(n) other invoices on your account are also past due."
        case "open_balance":
            // Scoring counts the customer's *other* open invoices (ReasonCode.openBalance).
            if n < 1 { return nil }
            if n == 1 { return fr ? "Une autre facture est en cours sur votre compte." : "One other invoice is open on your account." }
            return fr ? "\(n) autres factures sont en cours sur votre compte." : "\(n) other invoices are open on your account."
        default:
            return nil
        }
    }
}
