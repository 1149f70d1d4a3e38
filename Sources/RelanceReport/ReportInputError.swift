/// A report input that cannot be used, with the field at fault and what is wrong.
public enum ReportInputError: Error, Equatable, CustomStringConvertible {
    /// A brand colour that is not `#RGB` or `#RRGGBB`.
    case invalidBrandColour(field: String, value: String)
    /// A company name that is empty once trimmed.
    case emptyCompanyName

    public var description: String {
        switch self {
        case .invalidBrandColour(let field, let value):
            let shown = value.count > 20 ? String(value.prefix(20)) + "…" : value
            return "\(field): \"\(shown)\" is not a colour; use #RRGGBB, e.g. #1F4E79"
        case .emptyCompanyName:
            return "company_name: is empty; the report header needs the company's name"
        }
    }
}
