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
            if n <= 1 { return nil }
            return fr ? "\(n) factures sont aujourd'hui échues sur votre compte." : "\(n) invoices on your account are now overdue."
        case "open_balance":
            return fr ? "Votre solde ouvert a augmenté ces dernières semaines." : "Your open balance has grown in recent weeks."
        default:
            return nil
        }
    }
}
