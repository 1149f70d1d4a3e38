/// The register of an overdue reminder: the ladder climbs one step at a time, and only after a
/// response window without an answer. `firm` stays respectful: no threats, no legal wording
/// (the shipped templates contain none; a user's own template may add it).
public enum Tone: String, Sendable, Codable, CaseIterable, Comparable {
    case friendly, clear, firm

    private var rank: Int {
        switch self {
        case .friendly: return 0
        case .clear: return 1
        case .firm: return 2
        }
    }

    public static func < (a: Tone, b: Tone) -> Bool { a.rank < b.rank }

    /// The next step up, or `self` at the top.
    public var stepUp: Tone {
        switch self {
        case .friendly: return .clear
        case .clear, .firm: return .firm
        }
    }
}
