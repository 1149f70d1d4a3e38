/// The drift check of one model's rows on one day: one ``FeatureDrift`` per compared feature.
public struct DriftReport: Sendable, Codable, Equatable {
    /// Which model's rows were compared (`late_payment`, `severe_delay`).
    public var model: String
    public var rowCount: Int
    public var features: [FeatureDrift]
    public var warnThreshold: Double
    public var alertThreshold: Double

    public init(model: String, rowCount: Int, features: [FeatureDrift], warnThreshold: Double, alertThreshold: Double) {
        self.model = model
        self.rowCount = rowCount
        self.features = features
        self.warnThreshold = warnThreshold
        self.alertThreshold = alertThreshold
    }

    enum CodingKeys: String, CodingKey {
        case model, rowCount = "row_count", features, warnThreshold = "warn_threshold", alertThreshold = "alert_threshold"
    }

    /// Features at warn or alert level, largest PSI first.
    public var drifted: [FeatureDrift] {
        features.filter { $0.level != .stable }.sorted { $0.psi > $1.psi }
    }

    /// One line per drifted feature, for standard error (feature names and numbers only).
    public var warnings: [String] {
        drifted.map { d in
            let psi = (d.psi * 1000).rounded() / 1000
            return "drift \(d.level.rawValue): \(model): \(d.feature): PSI \(psi) (warn ≥ \(warnThreshold), alert ≥ \(alertThreshold))"
        }
    }
}
