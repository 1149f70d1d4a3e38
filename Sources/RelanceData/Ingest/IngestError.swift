/// Input refused: the first issues found (at most ``IngestError/shownLimit``) and how many more.
///
/// Thrown by ``DatasetLoader/load(_:)`` when the input is invalid and no rejects file was asked
/// for, or when a problem makes the whole file unusable whatever the mode (a card number, invalid
/// UTF-8, a broken quote, a missing column). Nothing has been written when it is thrown.
public struct IngestError: Error, CustomStringConvertible, Sendable {
    /// The most issues an error carries; the rest are only counted.
    public static let shownLimit = 20

    public var issues: [IngestIssue]
    /// Issues found beyond ``issues``.
    public var moreCount: Int
    /// Whether an input file could not be opened at all (the CLI exits 66 instead of 65).
    public var missingInput: Bool

    public init(issues: [IngestIssue], moreCount: Int = 0, missingInput: Bool = false) {
        self.issues = issues
        self.moreCount = moreCount
        self.missingInput = missingInput
    }

    /// One issue per line, then `… and N more` when some were left out.
    public var description: String {
        var lines = issues.map(\.description)
        if moreCount > 0 { lines.append("… and \(moreCount) more") }
        return lines.joined(separator: "\n")
    }
}
