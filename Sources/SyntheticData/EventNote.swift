/// The `note` of a generated event, kept as a small code plus a value until it is written.
enum EventNote: UInt8 {
    case none = 0
    /// `level:N` on reminders (0 = courtesy reminder before the due date).
    case reminderLevel
    /// `promised:YYYY-MM-DD` on promises to pay; the value is the promised day.
    case promised
    /// `reason:…` on disputes; the value indexes ``disputeReasons``.
    case disputeReason
    /// `instalments:N` on payment plans.
    case instalments

    static let disputeReasons = ["pricing", "delivery", "quality", "missing_po", "quantity"]
}
