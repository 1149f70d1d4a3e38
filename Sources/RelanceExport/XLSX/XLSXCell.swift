import RelanceData

/// One cell of a worksheet, typed: a number stays a number, a day becomes a real Excel date.
///
/// Typed cells are the point of writing XLSX rather than CSV: sorting by amount, filtering dates
/// and summing a column work in the spreadsheet without the reader converting text first.
public enum XLSXCell: Sendable, Equatable {
    /// Text, stored once in the shared-strings table. Characters XML 1.0 forbids (control
    /// characters other than tab, LF and CR; U+FFFE, U+FFFF) are removed, and text longer than the
    /// 32,767 characters a cell can hold is cut there.
    case text(String)
    /// A number shown with a number format. Not-finite values are written as an empty cell.
    case number(Double, XLSXNumberFormat)
    /// A calendar day, stored as an Excel date serial (days since 1899-12-30) and shown as
    /// `yyyy-mm-dd`. ``Day/missing`` is written as an empty cell.
    case date(Day)
    case bool(Bool)
    case empty

    /// A number with the General format.
    public static func number(_ value: Double) -> XLSXCell { .number(value, .general) }
    /// An integer count (shown without decimals).
    public static func integer(_ value: Int) -> XLSXCell { .number(Double(value), .integer) }
    /// An amount of money (shown `#,##0.00`).
    public static func money(_ value: Double) -> XLSXCell { .number(value, .money) }
}

/// How a number cell is shown; each maps to one cell style of the workbook.
public enum XLSXNumberFormat: Sendable, Equatable, CaseIterable {
    /// Excel's General format.
    case general
    /// `0`: counts and days.
    case integer
    /// `#,##0.00`: amounts (the currency is in its own column, never mixed into the format).
    case money
    /// `0.0000`: probabilities and scores.
    case fraction
}

/// The number of days from Excel's epoch (1899-12-30) to 1970-01-01, the ``Day`` epoch.
///
/// Excel counts 1900 as a leap year (a Lotus 1-2-3 compatibility bug); counting from 1899-12-30
/// rather than 1900-01-01 absorbs it for every date from 1900-03-01 on.
let excelSerialOf1970: Int = 25_569

extension Day {
    /// The Excel date serial of this day (days since 1899-12-30), nil for ``Day/missing`` or a day
    /// before 1900-03-01, which Excel cannot show correctly.
    public var excelSerial: Int? {
        if isMissing { return nil }
        let serial = Int(raw) + excelSerialOf1970
        return serial >= 61 ? serial : nil
    }
}
