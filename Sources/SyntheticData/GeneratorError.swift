/// Why a generation could not run or could not write its files.
public enum GeneratorError: Error, CustomStringConvertible, Equatable {
    /// An option is out of its meaningful range.
    case invalidOption(String)
    /// A file could not be created, written or moved into place.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidOption(let message): return "invalid option: \(message)"
        case .writeFailed(let path, let reason): return "\(path): cannot write: \(reason)"
        }
    }
}
