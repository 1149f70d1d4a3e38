/// Why a model could not be fitted or applied, in words a finance analyst can act on.
///
/// Rows are reported 1-based (the first data row of the design is row 1) and features by name,
/// never by value of a personal field: the design holds numbers only.
public enum ModelError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A feature value is NaN or infinite.
    case nonFiniteValue(row: Int, feature: String)
    /// A label is not 0 or 1.
    case invalidLabel(row: Int, value: Double)
    /// A row weight is negative or not finite.
    case invalidWeight(row: Int, value: Double)
    /// Two inputs disagree on a size (labels vs rows, names vs columns, weights vs rows).
    case dimensionMismatch(String)
    /// The same feature name appears twice.
    case duplicateFeature(String)
    /// Every label is the same: there is nothing to learn.
    case singleClass(label: Int, rows: Int)
    /// Too few rows for the number of parameters (intercept included).
    case tooFewRows(rows: Int, parameters: Int)
    /// Constant features, refused because the options say so (`ConstantFeaturePolicy.refuse`).
    case constantFeatures([String])
    /// Every feature was constant: only an intercept would be left.
    case noUsableFeatures
    /// A feature is (almost) a linear combination of others, so without a penalty its
    /// coefficient is not identified.
    case collinearFeatures(feature: String, combinationOf: [String])
    /// Without a penalty the likelihood has no maximum: some features separate late from
    /// on-time rows (perfectly, or perfectly on a subset), and coefficients run to infinity.
    case separation(features: [String], detail: String)
    /// The Newton system could not be solved (an ill-conditioned Hessian the diagnostics could not
    /// pin on a feature).
    case singularHessian(String)
    /// An option is out of range.
    case invalidOption(String)
    /// A matrix handed to a fitted model does not have the model's features, in the same order.
    case schemaMismatch(position: Int, expected: String?, found: String?)
    /// Metrics or calibration asked of data that cannot support them.
    case undefinedMetric(String)
    /// A row has no date where a split by date needs one.
    case missingDate(row: Int)
    /// A train/test split cannot be made from these rows.
    case cannotSplit(String)

    public var description: String {
        switch self {
        case let .nonFiniteValue(row, feature):
            return "row \(row): \(feature): value is not a finite number (NaN or infinity); fix or impute it before fitting"
        case let .invalidLabel(row, value):
            return "row \(row): label: \(value) is not 0 or 1"
        case let .invalidWeight(row, value):
            return "row \(row): weight: \(value) is not a finite non-negative number"
        case let .dimensionMismatch(what):
            return "inputs do not fit together: \(what)"
        case let .duplicateFeature(name):
            return "feature '\(name)' appears more than once"
        case let .singleClass(label, rows):
            return "all \(rows) training rows have label \(label) (\(label == 1 ? "late" : "on time")): a model needs both late and on-time examples"
        case let .tooFewRows(rows, parameters):
            return "\(rows) training rows is too few for \(parameters) parameters (features plus intercept): need more rows than parameters"
        case let .constantFeatures(names):
            return "constant feature\(names.count == 1 ? "" : "s") \(names.map { "'\($0)'" }.joined(separator: ", ")): no variation to learn from; remove \(names.count == 1 ? "it" : "them") or allow dropping constant features"
        case .noUsableFeatures:
            return "every feature is constant in the training data: nothing left to fit"
        case let .collinearFeatures(feature, others):
            let with = others.isEmpty ? "the intercept" : others.map { "'\($0)'" }.joined(separator: ", ")
            return "feature '\(feature)' is (almost) a linear combination of \(with): its coefficient is not identified; remove one of them or use an L2 penalty (l2 > 0)"
        case let .separation(features, detail):
            let names = features.isEmpty ? "" : " (features involved: \(features.map { "'\($0)'" }.joined(separator: ", ")))"
            return "the classes are (quasi-)separated\(names): \(detail); the unpenalised maximum-likelihood fit does not exist — use an L2 penalty (l2 > 0)"
        case let .singularHessian(detail):
            return "the Newton system is singular: \(detail)"
        case let .invalidOption(what):
            return "invalid option: \(what)"
        case let .schemaMismatch(position, expected, found):
            switch (expected, found) {
            case let (e?, f?):
                return "feature \(position + 1) is '\(f)' but the model expects '\(e)': features must match the model's names and order"
            case let (e?, nil):
                return "feature \(position + 1) '\(e)' expected by the model is missing"
            case let (nil, f?):
                return "feature \(position + 1) '\(f)' is not one of the model's features"
            case (nil, nil):
                return "feature schema differs at position \(position + 1)"
            }
        case let .undefinedMetric(what):
            return what
        case let .missingDate(row):
            return "row \(row): issue date: missing, so the row cannot be placed before or after the split"
        case let .cannotSplit(why):
            return "cannot split into training and test rows: \(why)"
        }
    }
}
