/// The three canonical input files and their columns, as the data contract defines them.
///
/// Kept in one place so that header checks, the column mapping and error messages agree on names.
public enum InputFile: String, CaseIterable, Sendable {
    case invoices, customers, events

    /// A canonical column: its name and whether a file without it is refused.
    public struct Column: Sendable, Equatable {
        public var name: String
        public var required: Bool
    }

    /// Canonical columns in contract order.
    public var columns: [Column] {
        switch self {
        case .invoices:
            return [
                .init(name: "invoice_id", required: true), .init(name: "customer_id", required: true),
                .init(name: "issue_date", required: true), .init(name: "due_date", required: true),
                .init(name: "amount", required: true), .init(name: "currency", required: false),
                .init(name: "paid_date", required: false), .init(name: "disputed", required: false),
                .init(name: "payment_method", required: false), .init(name: "channel", required: false),
            ]
        case .customers:
            return [
                .init(name: "customer_id", required: true), .init(name: "name", required: false),
                .init(name: "contact_name", required: false), .init(name: "email", required: false),
                .init(name: "phone", required: false), .init(name: "language", required: false),
                .init(name: "customer_since", required: false), .init(name: "preferred_channel", required: false),
                .init(name: "opt_out", required: false), .init(name: "segment", required: false),
            ]
        case .events:
            return [
                .init(name: "date", required: true), .init(name: "customer_id", required: true),
                .init(name: "invoice_id", required: false), .init(name: "kind", required: true),
                .init(name: "note", required: false),
            ]
        }
    }

    /// Sources a mapping may name besides the canonical columns (see `datasets/mappings/README.md`).
    var derivedSources: [String] {
        self == .invoices ? ["paid_after_days"] : []
    }
}
