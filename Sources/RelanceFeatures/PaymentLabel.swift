/// The training target of an invoice as known on a cut-off day: late, on time, or not yet known.
///
/// Censoring is explicit: an invoice still open at the cut-off is never "on time". It is late once
/// the cut-off is past `due_date + grace_days` (it cannot become on time any more), and unknown
/// before that. An invoice paid after the cut-off is treated as open at the cut-off, so a label
/// computed on a full history equals the one computed on the history truncated at the cut-off.
public enum PaymentLabel: UInt8, Sendable, Codable, CaseIterable {
    case onTime = 0
    case late = 1
    case unknown = 2

    /// The label of invoice `row` as known at the end of day `cutoff`.
    ///
    /// A payment dated on the cut-off day counts as known (the history was exported that day).
    public static func of(
        row: Int, in invoices: InvoiceTable, cutoff: Day, graceDays: Int
    ) -> PaymentLabel {
        classify(
            due: invoices.dueDate[row].raw, paid: invoices.paidDate[row].raw, cutoff: cutoff.raw,
            graceDays: Int32(clamping: graceDays))
    }

    /// The rule itself on day numbers; `paid == Day.missing.raw` while open.
    static func classify(due: Int32, paid: Int32, cutoff: Int32, graceDays: Int32) -> PaymentLabel {
        let limit = Int64(due) + Int64(graceDays)
        if paid != Day.missing.raw && paid <= cutoff {
            return Int64(paid) > limit ? .late : .onTime
        }
        return Int64(cutoff) > limit ? .late : .unknown
    }

    /// `1` for late, `0` for on time, empty when unknown: the `label` column of `relance features`.
    public var csvField: String {
        switch self {
        case .late: return "1"
        case .onTime: return "0"
        case .unknown: return ""
        }
    }

    /// The label as a regression target: 1, 0, or nil when unknown (leave the row out of training).
    public var target: Double? {
        switch self {
        case .late: return 1
        case .onTime: return 0
        case .unknown: return nil
        }
    }
}
