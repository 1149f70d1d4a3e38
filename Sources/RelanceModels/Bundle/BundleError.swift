/// Why a model bundle could not be read or written; every message starts with the file concerned.
public enum BundleError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The bundle file does not exist or cannot be read.
    case unreadable(path: String, reason: String)
    /// The file is not a bundle this version can decode (broken JSON, missing or damaged field).
    case malformed(path: String, reason: String)
    /// The bundle was written by a newer relance.
    case newerFormat(path: String, found: Int, supported: Int)
    /// The bundle was written in an older format this relance no longer reads.
    case olderFormat(path: String, found: Int, supported: Int)
    /// The feature columns stored differ from what this build computes.
    case schemaMismatch(path: String, model: String, position: Int, bundle: String?, build: String?)
    /// The feature schema's version differs (same names may mean different things).
    case schemaVersionMismatch(path: String, bundle: String, build: String)
    /// Writing the bundle failed.
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "\(path): cannot read the model bundle: \(reason)"
        case let .malformed(path, reason):
            return "\(path): not a valid relance model bundle: \(reason)"
        case let .newerFormat(path, found, supported):
            return "\(path): format version \(found) is newer than this relance understands (\(supported)); upgrade relance or retrain the model with this version"
        case let .olderFormat(path, found, supported):
            return "\(path): format version \(found) is older than this relance reads (\(supported)); retrain the model with `relance train`"
        case let .schemaMismatch(path, model, position, bundle, build):
            return "\(path): \(model): feature schema differs at position \(position + 1): bundle has \(bundle ?? "nothing"), this build computes \(build ?? "nothing"); retrain the model with `relance train`"
        case let .schemaVersionMismatch(path, bundle, build):
            return "\(path): feature schema version differs: bundle has \(bundle), this build computes \(build); retrain the model with `relance train`"
        case let .unwritable(path, reason):
            return "\(path): cannot write the model bundle: \(reason)"
        }
    }
}
