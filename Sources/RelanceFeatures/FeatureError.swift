/// Why features could not be computed: the history or the request refers to something impossible.
///
/// Messages follow `file:line: column: problem` and carry only ids and line numbers, never
/// personal data.
public enum FeatureError: Error, CustomStringConvertible, Equatable, Sendable {
    /// An invoice row has a customer code outside the dataset's interner.
    case unknownCustomer(sourceLine: Int, row: Int)
    /// A required date (issue or due) is missing or outside years 1…9999.
    case invalidDate(sourceLine: Int, row: Int, column: String)
    /// An event names a customer code or invoice row that does not exist.
    case invalidEventReference(sourceLine: Int, event: Int, column: String)
    /// A requested invoice row is not in the invoice table.
    case rowOutOfRange(row: Int, count: Int)
    /// `observationDays` must be empty or have one day per requested row.
    case observationCountMismatch(rows: Int, observationDays: Int)
    /// The observation day of a request is missing.
    case missingObservationDay(row: Int)
    /// The options cannot be used.
    case invalidOptions(String)

    public var description: String {
        switch self {
        case let .unknownCustomer(line, row):
            return "invoices.csv:\(line): customer_id: unknown customer code (row \(row))"
        case let .invalidDate(line, row, column):
            return "invoices.csv:\(line): \(column): missing or out-of-range date (row \(row))"
        case let .invalidEventReference(line, event, column):
            return "events.csv:\(line): \(column): refers to nothing in the history (event \(event))"
        case let .rowOutOfRange(row, count):
            return "features: invoice row \(row) is outside the table of \(count) invoices"
        case let .observationCountMismatch(rows, days):
            return "features: \(rows) invoice rows but \(days) observation days"
        case let .missingObservationDay(row):
            return "features: observation day missing for invoice row \(row)"
        case let .invalidOptions(problem):
            return "features: options: \(problem)"
        }
    }
}
