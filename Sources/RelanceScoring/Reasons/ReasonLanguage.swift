/// The language reasons are written in (`--language en|fr`). French is formal (vouvoiement-free
/// noun phrases, as in a professional report) and uses French number formatting.
public enum ReasonLanguage: String, Sendable, CaseIterable, Codable {
    case en, fr
}
