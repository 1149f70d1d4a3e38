/// How one export file maps onto a canonical input file: column names, date format, decimal
/// comma and value translations. Everything is optional; an empty mapping reads the canonical form.
public struct FileMapping: Sendable, Equatable {
    /// The pattern of every date column of this file (canonical: `yyyy-MM-dd`).
    public var dateFormat: DateFormat = .iso
    /// Decimals written `1 234,50` (comma decimal point; space, dot or no-break-space thousands).
    public var decimalComma = false
    /// Canonical column (or derived source such as `paid_after_days`) → column name in the export.
    /// `invoice_id = "@row"` uses the physical line number as the invoice id.
    public var columns: [String: String] = [:]
    /// Canonical column → (export value → canonical value). Values not listed pass unchanged.
    public var values: [String: [String: String]] = [:]
    /// Currency used when the file has no currency column or the field is empty (invoices only);
    /// nil keeps the loader's default.
    public var defaultCurrency: String?

    public init() {}

    /// The column in the export that feeds canonical column `name`.
    public func exportName(of name: String) -> String { columns[name] ?? name }

    /// The marker that makes `invoice_id` the physical line number.
    public static let rowNumberSource = "@row"
}
