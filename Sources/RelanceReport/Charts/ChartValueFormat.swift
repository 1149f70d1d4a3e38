/// How a chart prints a number on an axis tick or beside a bar, in the report's language.
public enum ChartValueFormat: Sendable, Equatable {
    /// As many decimals as the tick step needs (`0,2`, `5`, `0,25`).
    case automatic
    /// A fixed number of decimals.
    case decimal(fractionDigits: Int)
    /// The value is a fraction shown as a percentage (`0.25` → `25 %`).
    case percent(fractionDigits: Int)
    /// A full amount with currency (`12 345,67 €`, or `12 346 €` with no fraction digits).
    case money(currency: String, fractionDigits: Int)
    /// A short amount for axes (`12 k€`, `€12k`).
    case compactMoney(currency: String)

    /// `value` formatted; `step` is the tick step (for ``automatic``), if known.
    public func string(_ value: Double, language: ReportLanguage, step: Double? = nil) -> String {
        let format = ReportNumberFormat(language: language)
        switch self {
        case .automatic:
            let digits = step.map { Scale.fractionDigits(forStep: $0) } ?? (value == value.rounded() ? 0 : 2)
            return format.decimal(value, fractionDigits: digits)
        case .decimal(let digits):
            return format.decimal(value, fractionDigits: digits)
        case .percent(let digits):
            return format.percent(value, fractionDigits: digits)
        case .money(let currency, let digits):
            return format.money(value, currency: currency, fractionDigits: digits)
        case .compactMoney(let currency):
            return format.compactMoney(value, currency: currency)
        }
    }
}
