/// Why the anomaly detector could not be fitted or applied, in words a user can act on.
public enum AnomalyDetectorError: Error, CustomStringConvertible, Equatable {
    /// The feature matrix lacks a column the detector or a rule reads.
    case missingFeature(String)
    /// The matrix's feature names differ from those the detector was fitted on.
    case schemaMismatch(expected: [String], found: [String])
    /// The matrix was computed with other feature options (history window, duplicate window, …)
    /// than the one the detector was fitted on.
    case featureOptionsMismatch(expected: AnomalyFeatureOptions, found: AnomalyFeatureOptions)
    /// Too few rows to estimate a robust covariance of `features` columns.
    case tooFewRows(rows: Int, needed: Int)
    /// Options out of range (support fraction outside (0, 1], quantile outside (0, 1), …).
    case invalidOptions(String)
    /// A non-finite value in the feature matrix (row and feature named).
    case nonFiniteValue(row: Int, feature: String)
    /// The robust scatter could not be factorised even after regularisation.
    case degenerateScatter(String)

    public var description: String {
        switch self {
        case let .missingFeature(name):
            return "anomaly features: column \(name) is missing from the feature matrix"
        case let .schemaMismatch(expected, found):
            let missing = expected.filter { !found.contains($0) }
            let extra = found.filter { !expected.contains($0) }
            var parts = ["anomaly detector: the feature matrix does not have the schema the detector was fitted on"]
            if !missing.isEmpty { parts.append("missing: \(missing.joined(separator: ", "))") }
            if !extra.isEmpty { parts.append("unexpected: \(extra.joined(separator: ", "))") }
            if missing.isEmpty && extra.isEmpty { parts.append("same names in a different order") }
            return parts.joined(separator: "; ") + "; refit the detector or recompute the features with the matching version"
        case let .featureOptionsMismatch(expected, found):
            return "anomaly detector: the features were computed with other options (history window \(found.historyWindow), duplicate window \(found.duplicateWindowDays) days) than the detector was fitted on (history window \(expected.historyWindow), duplicate window \(expected.duplicateWindowDays) days); recompute the features with the detector's options"
        case let .tooFewRows(rows, needed):
            return "anomaly detector: \(rows) invoices are too few to fit a robust covariance (need at least \(needed))"
        case let .invalidOptions(message):
            return "anomaly detector options: \(message)"
        case let .nonFiniteValue(row, feature):
            return "anomaly features: row \(row): \(feature): value is not a finite number"
        case let .degenerateScatter(message):
            return "anomaly detector: robust scatter is degenerate: \(message)"
        }
    }
}
