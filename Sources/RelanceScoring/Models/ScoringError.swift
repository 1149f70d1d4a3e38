/// Why open invoices could not be scored, in words the analyst can act on (never personal data).
public enum ScoringError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The bundle was trained on another version of the feature definitions.
    case schemaVersionMismatch(bundle: String, supported: String)
    /// The bundle's own format version is not one this build reads.
    case formatVersionMismatch(bundle: Int, supported: Int)
    /// A model's feature list differs from what this build computes.
    case featureMismatch(model: String, problem: String)
    /// The models are inconsistent with themselves (a stored value out of range).
    case invalidModels(String)
    /// A computed value is not finite (a bug or corrupted model), with the invoice id.
    case nonFiniteScore(invoiceId: String, what: String)

    public var description: String {
        switch self {
        case let .schemaVersionMismatch(bundle, supported):
            return "model bundle: feature schema '\(bundle)' does not match this version of relance ('\(supported)'): retrain the models with `relance train`"
        case let .formatVersionMismatch(bundle, supported):
            return "model bundle: format version \(bundle) is not supported (this version reads \(supported)): retrain the models with `relance train`"
        case let .featureMismatch(model, problem):
            return "model bundle: \(model): \(problem): retrain the models with `relance train`"
        case let .invalidModels(what):
            return "model bundle: \(what)"
        case let .nonFiniteScore(invoiceId, what):
            return "\(invoiceId): \(what) is not a finite number"
        }
    }
}
