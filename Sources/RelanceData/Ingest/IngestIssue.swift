/// One problem found in an input file, located precisely enough to fix it in a spreadsheet.
///
/// `description` reads `invoices.csv:57: due_date: "2024-13-01" is not a date (expected YYYY-MM-DD)`.
/// `line` is the physical line where the record starts (the header is line 1; a quoted field with
/// line breaks makes a record span several lines); 0 means the file as a whole. `column` is the
/// column name as it appears in the file (the export name when a mapping renames it); empty when
/// the problem concerns the whole row. Messages never quote personal fields or card numbers.
public struct IngestIssue: CustomStringConvertible, Sendable, Equatable {
    /// Last path component of the file (`invoices.csv`).
    public var file: String
    public var line: Int
    public var column: String
    public var message: String

    public init(file: String, line: Int, column: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var s = file
        if line > 0 { s += ":\(line)" }
        if !column.isEmpty { s += ": \(column)" }
        return s + ": " + message
    }
}
