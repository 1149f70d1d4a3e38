import Foundation

/// The rejected rows of one input file, as CSV: `reject_line,reject_reason,<original columns>`.
///
/// The line and reason come first so that a ragged row (too many or too few fields) keeps them
/// aligned; the original fields follow exactly as read (quotes undone, then re-quoted as needed).
struct RejectsLog {
    private(set) var text: String
    private(set) var count = 0

    init(header: [String]) {
        text = CSVText.line(["reject_line", "reject_reason"] + header) + "\n"
    }

    mutating func add(line: Int, reason: String, fields: [String]) {
        text += CSVText.line([String(line), reason] + fields)
        text += "\n"
        count += 1
    }
}
