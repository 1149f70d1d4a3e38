/// Per-invoice anomaly features, one row per invoice, row-major, with the feature names travelling
/// beside the numbers.
///
/// Built by ``AnomalyFeatures/compute(_:customerCount:options:)``. Row `r` describes invoice
/// `invoiceRows[r]` of the ``InvoiceTable`` it was computed from; value `j` of that row is
/// `values[r * names.count + j]` and means `names[j]`. Models fitted on such a matrix keep `names`
/// and refuse a matrix whose names differ, so a feature can never be silently read as another.
///
/// Besides the numeric columns the matrix keeps the one thing a number cannot carry: the id of the
/// earlier invoice an invoice duplicates (``duplicateOriginalId``), so a flag can say
/// `duplicate_of:INV-123`.
public struct AnomalyFeatureMatrix: Sendable, Equatable {
    /// Feature names, in column order (see ``AnomalyFeatures/Column``).
    public let names: [String]
    /// The ``InvoiceTable`` row each matrix row describes.
    public let invoiceRows: [Int32]
    /// The invoice id of each row (same order as ``invoiceRows``).
    public let invoiceIds: [String]
    /// Row-major values: `rows × names.count`.
    public var values: [Double]
    /// For each row, the id of the earlier invoice of the same customer with the same amount to the
    /// cent issued within the duplicate window, or nil.
    public let duplicateOriginalId: [String?]
    /// The options the features were computed with (part of the schema: a detector refuses a matrix
    /// computed with other options, e.g. another history window).
    public let options: AnomalyFeatureOptions

    public init(
        names: [String], invoiceRows: [Int32], invoiceIds: [String], values: [Double],
        duplicateOriginalId: [String?], options: AnomalyFeatureOptions = AnomalyFeatureOptions()
    ) {
        precondition(values.count == invoiceRows.count * names.count, "values must hold rows × columns entries")
        precondition(invoiceIds.count == invoiceRows.count && duplicateOriginalId.count == invoiceRows.count,
                     "one id and one duplicate slot per row")
        self.names = names
        self.invoiceRows = invoiceRows
        self.invoiceIds = invoiceIds
        self.values = values
        self.duplicateOriginalId = duplicateOriginalId
        self.options = options
    }

    public var rows: Int { invoiceRows.count }
    public var columns: Int { names.count }

    /// Value of feature `column` for matrix row `row`.
    @inlinable public subscript(row: Int, column: Int) -> Double {
        values[row * names.count + column]
    }

    /// The column index of a feature name, nil when the matrix has no such feature.
    public func column(named name: String) -> Int? { names.firstIndex(of: name) }

    /// A copy of row `r` (tests and explanations; hot paths index ``values`` directly).
    public func row(_ r: Int) -> [Double] {
        Array(values[(r * columns)..<((r + 1) * columns)])
    }
}
