/// Why a model bundle could not be trained, in words a finance analyst can act on.
///
/// Wraps the lower layers' errors with the step that failed, so "all 12 training rows have label
/// 0" reads as "late-payment model: …" and the user knows which model and which rows are meant.
public enum TrainingError: Error, CustomStringConvertible, Equatable, Sendable {
    /// An option is out of range.
    case invalidOption(String)
    /// Too few labelled invoices at the as-of day to split, fit and evaluate.
    case tooLittleHistory(String)
    /// A step failed; `step` names it, `reason` is the underlying error's message.
    case stepFailed(step: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidOption(what): return "train: \(what)"
        case let .tooLittleHistory(what): return "train: \(what)"
        case let .stepFailed(step, reason): return "train: \(step): \(reason)"
        }
    }
}
