import RelanceData

/// The result of planning: every decision (all simulated days), the messages and ledger entries
/// of the as-of day, the call list, and warnings about customers that could not be messaged.
public struct OutreachPlan: Sendable {
    public var asOf: Day
    public var days: Int
    /// Stable for identical plans: `run-<as-of>-<hash of the day's entries>`.
    public var runId: String
    public var rows: [PlanRow]
    /// Messages of the as-of day only (later simulated days are shown in ``rows``).
    public var messages: [RenderedMessage]
    public var calls: [CallRow]
    /// What the ledger records for the as-of day.
    public var ledgerEntries: [LedgerEntry]
    /// `customers.csv:LINE: email: …` notes for customers routed to a call for lack of an address.
    public var warnings: [String]
}
