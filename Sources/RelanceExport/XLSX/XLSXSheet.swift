/// One column of a worksheet: its header text and width (in Excel's character units).
public struct XLSXColumn: Sendable, Equatable {
    public var title: String
    public var width: Double

    public init(_ title: String, width: Double) {
        self.title = title
        self.width = width
    }
}

/// One worksheet: a bold header row built from the columns, then the data rows.
///
/// The header row is frozen (it stays visible while scrolling) and carries an autofilter, because
/// a risk list is read by sorting and filtering, not top to bottom.
public struct XLSXSheet: Sendable, Equatable {
    /// The tab name: 1 to 31 characters, none of `[ ] : * ? / \`, not starting or ending with `'`,
    /// unique in the workbook ignoring case (Excel's rules; checked when the workbook is written).
    public var name: String
    public var columns: [XLSXColumn]
    /// Data rows; a row may be shorter than ``columns`` (missing cells are empty) but not longer.
    public var rows: [[XLSXCell]]

    public init(name: String, columns: [XLSXColumn], rows: [[XLSXCell]]) {
        self.name = name
        self.columns = columns
        self.rows = rows
    }
}
