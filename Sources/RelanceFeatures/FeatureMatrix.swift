/// Feature rows for a set of invoices, row-major, with the labels and days they were computed for.
///
/// `values` holds `rowCount × columnCount` numbers, row `i` at `values[i*columnCount ..< (i+1)*columnCount]`,
/// the layout `LinearAlgebra.DenseMatrix(rows:columns:values:)` expects, so a model can wrap it
/// without copying column by column. `rows[i]` is the invoice's row in ``InvoiceTable``.
public struct FeatureMatrix: Sendable {
    /// Names and meanings of the columns; models check it before predicting.
    public var schema: FeatureSchema
    /// Invoice row (index into ``InvoiceTable``) of each matrix row.
    public var rows: [Int]
    /// Row-major values.
    public var values: [Double]
    /// Label of each row as known at ``labelCutoff`` (``PaymentLabel/unknown`` when no cut-off).
    public var labels: [PaymentLabel]
    /// The day each row was computed as of: `max(issue, observation)`, capped at the invoice's own
    /// paid date. Only information from strictly before this day entered the row.
    public var asOfDays: [Day]
    /// The day the labels were read at, if any.
    public var labelCutoff: Day?

    public init(
        schema: FeatureSchema, rows: [Int], values: [Double], labels: [PaymentLabel], asOfDays: [Day],
        labelCutoff: Day?
    ) {
        self.schema = schema
        self.rows = rows
        self.values = values
        self.labels = labels
        self.asOfDays = asOfDays
        self.labelCutoff = labelCutoff
    }

    public var featureNames: [String] { schema.names }
    public var rowCount: Int { rows.count }
    public var columnCount: Int { schema.definitions.count }

    /// The value of column `column` in matrix row `row`.
    @inlinable public subscript(row: Int, column: Int) -> Double {
        values[row * schema.definitions.count + column]
    }

    /// The value of a payment feature in matrix row `row` (the schema must be ``FeatureSchema/paymentBehaviour``).
    public subscript(row: Int, feature: PaymentFeature) -> Double {
        self[row, feature.rawValue]
    }

    /// Column `column` as its own array.
    public func column(_ column: Int) -> [Double] {
        let p = columnCount
        return (0..<rowCount).map { values[$0 * p + column] }
    }

    /// One row's values.
    public func row(_ row: Int) -> ArraySlice<Double> {
        let p = columnCount
        return values[(row * p)..<((row + 1) * p)]
    }
}
