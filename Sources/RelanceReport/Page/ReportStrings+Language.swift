extension ReportStrings {
    static func forLanguage(_ language: ReportLanguage) -> ReportStrings {
        switch language {
        case .fr: return .french
        case .en: return .english
        }
    }
}
