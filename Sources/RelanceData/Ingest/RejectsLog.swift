import Foundation

/// The rejected rows of one input file, rendered as CSV: `reject_line,reject_reason,<original columns>`.
///
/// The line and reason come first so that a ragged row (too many or too few fields) keeps them
/// aligned; the original fields follow exactly as read (quotes undone, then re-quoted as needed).
/// Rows are kept structured until written so that a part read on another thread can have its
/// line numbers shifted when it is merged.
struct RejectsLog {
    let header: [String]
    private(set) var entries: [(line: Int, reason: String, fields: [String])] = []

    init(header: [String]) {
        self.header = header
    }

    var count: Int { entries.count }

    mutating func add(line: Int, reason: String, fields: [String]) {
        entries.append((line, reason, fields))
    }

    /// Appends the rows of a later part of the same file, shifting their lines by `lineOffset`.
    mutating func absorb(_ other: RejectsLog, lineOffset: Int) {
        for e in other.entries { entries.append((e.line + lineOffset, e.reason, e.fields)) }
    }

    var text: String {
        var s = CSVText.line(["reject_line", "reject_reason"] + header) + "\n"
        for e in entries {
            s += CSVText.line([String(e.line), e.reason] + e.fields)
            s += "\n"
        }
        return s
    }
}
