/// Collects the issues of one load: the first ``IngestError/shownLimit`` are kept, the rest counted.
struct IssueLog {
    private(set) var shown: [IngestIssue] = []
    private(set) var total = 0
    var missingInput = false

    mutating func add(_ issue: IngestIssue) {
        total += 1
        if shown.count < IngestError.shownLimit { shown.append(issue) }
    }

    var isEmpty: Bool { total == 0 }

    /// Appends the issues of a later part of the same file, shifting their lines by `lineOffset`.
    mutating func absorb(_ other: IssueLog, lineOffset: Int) {
        for var issue in other.shown {
            if issue.line > 0 { issue.line += lineOffset }
            add(issue)
        }
        total += other.total - other.shown.count
        missingInput = missingInput || other.missingInput
    }

    var error: IngestError {
        IngestError(issues: shown, moreCount: total - shown.count, missingInput: missingInput)
    }
}
