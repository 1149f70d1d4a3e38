/// Why a pseudonymiser could not be keyed. Messages never contain the key or any part of it.
public enum PseudonymizerError: Error, Equatable, CustomStringConvertible {
    case keyMissing(variable: String)
    case keyTooShort(source: String, bytes: Int)
    case keyFileUnreadable(path: String)

    public var description: String {
        switch self {
        case let .keyMissing(variable):
            return "pseudonymisation: no key: set \(variable) or give a key file"
        case let .keyTooShort(source, bytes):
            return "\(source): pseudonym key: \(bytes) bytes, at least \(Pseudonymizer.minimumKeyBytes) needed (e.g. head -c 32 /dev/urandom | base64)"
        case let .keyFileUnreadable(path):
            return "\(path): pseudonym key file: cannot be read"
        }
    }
}
