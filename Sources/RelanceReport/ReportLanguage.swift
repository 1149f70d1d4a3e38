/// The language of a report: every label, number format and date format follows it.
///
/// Finance users read French reports with comma decimals and narrow no-break spaces between
/// thousands ("12 345,67 €"); mixing conventions in one page invites misreading amounts, so the
/// whole page is rendered in exactly one language.
public enum ReportLanguage: String, Sendable, Codable, CaseIterable {
    case fr, en

    /// Reads a BCP-47 tag (`fr`, `fr-CA`, `en-GB`); nil for a language the report is not written in.
    public init?(bcp47 tag: String) {
        let primary = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        self.init(rawValue: primary)
    }
}
