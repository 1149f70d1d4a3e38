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

    var error: IngestError {
        IngestError(issues: shown, moreCount: total - shown.count, missingInput: missingInput)
    }
}
