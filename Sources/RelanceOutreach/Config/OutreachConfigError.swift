/// A configuration or template problem, reported with the file and line to fix before anything is written.
///
/// Messages never quote personal data: they name keys, template variables and customer ids only.
public struct OutreachConfigError: Error, CustomStringConvertible, Equatable, Sendable {
    public var file: String
    public var line: Int
    public var column: Int
    public var problem: String

    public init(file: String, line: Int, column: Int = 1, problem: String) {
        self.file = file
        self.line = line
        self.column = column
        self.problem = problem
    }

    /// `file:line: column: problem`, the project's error convention.
    public var description: String { "\(file):\(line): \(column): \(problem)" }
}
