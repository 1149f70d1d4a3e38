/// Why a workbook could not be written. Messages name sheets and rows, never cell contents (which
/// may hold personal data).
public enum XLSXError: Error, Equatable, CustomStringConvertible {
    case noSheets
    case invalidSheetName(index: Int, problem: String)
    case duplicateSheetName(index: Int)
    case rowTooWide(sheet: String, row: Int, cells: Int, columns: Int)
    case tooManyRows(sheet: String, rows: Int)
    case tooManyColumns(sheet: String, columns: Int)

    public var description: String {
        switch self {
        case .noSheets:
            return "workbook: a workbook needs at least one sheet"
        case let .invalidSheetName(index, problem):
            return "workbook: sheet \(index + 1): invalid name: \(problem)"
        case let .duplicateSheetName(index):
            return "workbook: sheet \(index + 1): name already used by an earlier sheet (names ignore case)"
        case let .rowTooWide(sheet, row, cells, columns):
            return "workbook: sheet \(sheet): row \(row): \(cells) cells for \(columns) columns"
        case let .tooManyRows(sheet, rows):
            return "workbook: sheet \(sheet): \(rows) rows is more than the 1,048,576 a sheet holds"
        case let .tooManyColumns(sheet, columns):
            return "workbook: sheet \(sheet): \(columns) columns is more than the 16,384 a sheet holds"
        }
    }
}
