/// The collections priority band of an open invoice, from documented thresholds (see ``RiskTierThresholds``).
public enum RiskTier: String, Sendable, Codable, CaseIterable, Comparable {
    case low, medium, high, critical

    private var rank: Int { RiskTier.allCases.firstIndex(of: self)! }
    public static func < (a: RiskTier, b: RiskTier) -> Bool { a.rank < b.rank }
}
