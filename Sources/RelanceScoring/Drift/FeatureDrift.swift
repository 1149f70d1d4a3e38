/// The population stability of one feature between the training rows and today's rows.
public struct FeatureDrift: Sendable, Codable, Equatable {
    /// How far a feature moved, by the usual PSI convention (see ``DriftCheck``).
    public enum Level: String, Sendable, Codable, Comparable {
        /// PSI < 0.1: no meaningful shift.
        case stable
        /// 0.1 ≤ PSI < 0.25: a moderate shift, worth a look.
        case warn
        /// PSI ≥ 0.25: a significant shift; the model's probabilities may no longer hold.
        case alert

        private var rank: Int { self == .stable ? 0 : self == .warn ? 1 : 2 }
        public static func < (a: Level, b: Level) -> Bool { a.rank < b.rank }
    }

    public var feature: String
    public var psi: Double
    public var level: Level
    /// Share of training rows per bin and share of today's rows per bin (same bins).
    public var trainingProportions: [Double]
    public var currentProportions: [Double]

    enum CodingKeys: String, CodingKey {
        case feature, psi, level, trainingProportions = "training_proportions", currentProportions = "current_proportions"
    }

    public init(feature: String, psi: Double, level: Level, trainingProportions: [Double], currentProportions: [Double]) {
        self.feature = feature
        self.psi = psi
        self.level = level
        self.trainingProportions = trainingProportions
        self.currentProportions = currentProportions
    }
}
