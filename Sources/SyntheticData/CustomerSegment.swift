/// The commercial segment of a synthetic customer; drives order size, frequency, terms and habits.
public enum CustomerSegment: UInt8, CaseIterable, Sendable {
    case sme, enterprise, publicSector, retail

    /// The label written in `customers.csv` (`segment` column).
    public var label: String {
        switch self {
        case .sme: return "SME"
        case .enterprise: return "enterprise"
        case .publicSector: return "public"
        case .retail: return "retail"
        }
    }
}
