import Foundation

/// Picks the template language for a customer's BCP-47 tag.
///
/// `fr-BE` → `fr` templates if there is no `fr-be` folder; an unknown language (`de`) or an empty
/// tag → the configured default. Case and `_`/`-` are normalised (`en_GB` = `en-gb`).
public enum LanguageSelection {
    public static func choose(tag: String, available: Set<String>, defaultLanguage: String) -> String {
        let t = tag.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: "-")
        if !t.isEmpty {
            if available.contains(t) { return t }
            let primary = String(t.prefix { $0 != "-" })
            if available.contains(primary) { return primary }
        }
        return defaultLanguage
    }
}
