/// A configuration text that may differ by message language (`signature`, `hours`).
///
/// Why: a French message ending "The accounts team" or quoting "Monday to Friday, 9am to 5pm"
/// reads as a robot's. In `relance.toml` such a key takes either one string for every language or
/// a table by language tag: `hours = { fr = "du lundi au vendredi, 9 h–17 h", en = "Monday to
/// Friday, 9am–5pm" }`. A message in `fr-BE` uses `fr-BE`, then `fr`, then the plain text.
public struct LocalizedText: Sendable, Equatable {
    /// The text for languages without their own (from a plain string, or a table's `default` key).
    public var fallback: String
    /// Text by lower-cased language tag.
    public var byLanguage: [String: String]

    public init(_ text: String = "", byLanguage: [String: String] = [:]) {
        fallback = text
        self.byLanguage = Dictionary(uniqueKeysWithValues: byLanguage.map { ($0.key.lowercased(), $0.value) })
    }

    /// The text for a message in `language` (a BCP-47 tag).
    public func text(for language: String) -> String {
        let tag = language.lowercased()
        if let t = byLanguage[tag] { return t }
        if let dash = tag.firstIndex(where: { $0 == "-" || $0 == "_" }), let t = byLanguage[String(tag[..<dash])] { return t }
        return fallback
    }

    /// Whether any language has a non-empty text.
    public var isEmpty: Bool { fallback.isEmpty && byLanguage.values.allSatisfy(\.isEmpty) }
}
