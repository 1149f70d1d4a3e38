/// One fitted weight of the logistic regression, with the feature's name and a description a
/// finance user understands ("share of this customer's past invoices paid late").
///
/// `coefficient` is on standardised inputs (per standard deviation), so magnitudes compare across
/// features; positive raises the probability of late payment.
public struct CoefficientRow: Sendable, Codable, Equatable {
    public var feature: String
    public var description: String
    public var coefficient: Double
    /// Standard error, when the fit reports one.
    public var standardError: Double?

    public init(feature: String, description: String, coefficient: Double, standardError: Double? = nil) {
        self.feature = feature
        self.description = description
        self.coefficient = coefficient
        self.standardError = standardError
    }
}
