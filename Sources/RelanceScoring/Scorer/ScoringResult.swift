import RelanceData

/// What ``OpenInvoiceScorer`` produced for one as-of day.
public struct ScoringResult: Sendable {
    public var asOf: Day
    /// One row per open invoice, in work order: tier (critical first), then priority (highest
    /// first), then invoice id.
    public var invoices: [ScoredInvoice]
    /// Which question each row's `pLate` answers (same order as ``invoices``).
    public var bases: [ScoreBasis]
    /// Drift of today's late-payment rows and severe-delay rows against their training
    /// distributions (empty when the bundle stores none or too few rows were scored).
    public var drift: [DriftReport]

    public init(asOf: Day, invoices: [ScoredInvoice], bases: [ScoreBasis], drift: [DriftReport]) {
        self.asOf = asOf
        self.invoices = invoices
        self.bases = bases
        self.drift = drift
    }

    /// Number of rows per basis, for a one-line summary.
    public var basisCounts: [ScoreBasis: Int] {
        bases.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    /// Number of rows per risk tier, for a one-line summary. The rows are read in place: iterating
    /// the array would copy each row (seven reference counts up and down per row).
    public var tierCounts: [RiskTier: Int] {
        var counts: [RiskTier: Int] = [:]
        invoices.withUnsafeBufferPointer { rows in
            for i in rows.indices { counts[rows[i].riskTier, default: 0] += 1 }
        }
        return counts
    }
}
