import RelanceOutreach

extension ReportBranding {
    /// The report's branding from `[company]` in `relance.toml` (name and `brand_colour`), so the
    /// report looks like the messages the customers receive.
    public init(company: CompanyProfile) throws {
        try self.init(companyName: company.name, brandColour: company.brandColour)
    }
}
