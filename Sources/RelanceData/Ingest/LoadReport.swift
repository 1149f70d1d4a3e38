import Foundation

/// The result of a load: the dataset, and what happened on the way (nothing is dropped silently).
public struct LoadReport: Sendable {
    public var dataset: Dataset
    /// Rows written to the rejects files (0 in strict mode, where a bad row throws instead).
    public var rejectedRows: Int
    /// Things worth knowing that did not stop the load: ignored columns, invoices whose customer
    /// is absent from customers.csv, rejects written. Each kind is reported once, with a count.
    public var warnings: [String]
    /// Data rows read per file name (`invoices.csv` → 8753), accepted and rejected alike.
    public var rowsRead: [String: Int]
    /// Rows rejected per file name.
    public var rejectedByFile: [String: Int] = [:]
    /// Rejects files written (empty in strict mode).
    public var rejectFiles: [URL] = []
    /// Whether invoices.csv was read by two threads whose halves were merged (for tests).
    var invoiceHalvesMerged = false
    /// Whether events.csv was read as two halves merged (for tests of the parallel read).
    var eventHalvesMerged = false

    public init(dataset: Dataset, rejectedRows: Int, warnings: [String], rowsRead: [String: Int]) {
        self.dataset = dataset
        self.rejectedRows = rejectedRows
        self.warnings = warnings
        self.rowsRead = rowsRead
    }
}
