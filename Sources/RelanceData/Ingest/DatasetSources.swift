import Foundation

/// What to read: the three input files, an optional column mapping, and what to do with bad rows.
///
/// `rejects == nil` is strict mode: any bad row refuses the whole input. With `rejects` set, bad
/// rows are written (with their reasons) to the rejects file and the good rows are loaded; see
/// ``DatasetLoader`` for the file names used for customers and events rejects.
public struct DatasetSources: Sendable {
    public var invoices: URL
    public var customers: URL?
    public var events: URL?
    public var mapping: ColumnMapping?
    /// ISO 4217 code for invoices without a currency (the column is optional).
    public var defaultCurrency: String
    /// Where bad rows go; nil = strict (refuse the input on the first bad row).
    public var rejects: URL?

    public init(
        invoices: URL, customers: URL? = nil, events: URL? = nil, mapping: ColumnMapping? = nil,
        defaultCurrency: String = "EUR", rejects: URL? = nil
    ) {
        self.invoices = invoices
        self.customers = customers
        self.events = events
        self.mapping = mapping
        self.defaultCurrency = defaultCurrency
        self.rejects = rejects
    }
}
