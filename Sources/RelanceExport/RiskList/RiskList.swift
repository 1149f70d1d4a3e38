import RelanceData
import RelanceScoring

/// The daily risk list: every open invoice scored as of one day, ready to export.
///
/// This is what the collections team opens in the morning. It keeps the rows exactly as the scoring
/// layer ranked them (the order is the work order) and adds the figures a reader needs before the
/// first row: the as-of day and one ``CurrencyTotal`` per currency, because amounts in different
/// currencies are never added together.
///
/// The writers (`csv(renderReason:)`, `json(renderReason:)`, `workbook(renderReason:)`) take the
/// reason renderer as a closure so the export layer does not decide the wording or the language of
/// reasons: that belongs to the scoring layer.
public struct RiskList: Sendable, Equatable {
    /// The day the invoices were scored as of.
    public let asOf: Day
    /// The scored rows, in work order (the order given at creation).
    public let invoices: [ScoredInvoice]
    /// One total per currency, sorted by currency code.
    public let currencySummary: [CurrencyTotal]

    public init(asOf: Day, invoices: [ScoredInvoice]) {
        self.asOf = asOf
        self.invoices = invoices
        self.currencySummary = CurrencyTotal.totals(of: invoices)
    }

    /// The per-customer roll-up of ``invoices``, sorted by expected late amount (highest first).
    public var customers: [CustomerRollup] { CustomerRollup.rollup(invoices) }

    /// A copy with every row transformed, the summary recomputed (used by pseudonymisation).
    public func mapInvoices(_ transform: (ScoredInvoice) throws -> ScoredInvoice) rethrows -> RiskList {
        RiskList(asOf: asOf, invoices: try invoices.map(transform))
    }
}

/// Renders one ``Reason`` as a sentence for a reader (the scoring layer owns the wording).
public typealias ReasonRenderer = (Reason) -> String
