import RelanceData

/// An outcome fed back with `relance record` (opened, bounced, promise, dispute, plan, hardship…),
/// used by the next day's decisions exactly like a row of `events.csv`.
public struct LedgerOutcome: Sendable, Equatable, Hashable {
    public var day: Day
    public var customerId: String
    /// Empty when the outcome names no invoice.
    public var invoiceId: String
    public var kind: EventKind
    public var note: String

    public init(day: Day, customerId: String, invoiceId: String = "", kind: EventKind, note: String = "") {
        self.day = day
        self.customerId = customerId
        self.invoiceId = invoiceId
        self.kind = kind
        self.note = note
    }
}
