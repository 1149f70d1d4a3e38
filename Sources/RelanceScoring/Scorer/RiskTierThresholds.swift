/// The documented rules that put an open invoice in a ``RiskTier``.
///
/// A tier combines three signals, and the first rule that matches wins:
/// - **critical**: anomaly score ≥ ``criticalAnomaly`` (0.9: a duplicate alone scores 0.95), or
///   probability ≥ ``criticalProbability`` (0.7) *and* priority among the day's top
///   ``criticalPriorityShare`` (5 %) of the same currency.
/// - **high**: probability ≥ ``highProbability`` (0.5), or anomaly score ≥ ``highAnomaly`` (0.6),
///   or priority among the day's top ``highPriorityShare`` (10 %) of the same currency.
/// - **medium**: probability ≥ ``mediumProbability`` (0.25), or anomaly score ≥ ``mediumAnomaly`` (0.3).
/// - **low**: everything else.
///
/// Why mix absolute and relative cut-offs: probabilities and anomaly scores mean the same thing
/// every day, so they get fixed thresholds; an expected late amount only means something against
/// the rest of the book (1,000 EUR is a lot for one company and nothing for another), so priority
/// enters as a share of the day's list, per currency (amounts in different currencies are never
/// compared). "Top 5 %" is computed as priority ≥ the 95th percentile (nearest rank) and > 0.
public struct RiskTierThresholds: Sendable, Codable, Equatable {
    public var criticalAnomaly: Double = 0.9
    public var criticalProbability: Double = 0.7
    public var criticalPriorityShare: Double = 0.05
    public var highProbability: Double = 0.5
    public var highAnomaly: Double = 0.6
    public var highPriorityShare: Double = 0.10
    public var mediumProbability: Double = 0.25
    public var mediumAnomaly: Double = 0.3

    public init() {}

    /// The tier of one invoice, given the priority cut-offs of its currency (see ``priorityCutoffs(_:)``).
    public func tier(probability p: Double, anomalyScore a: Double, priority: Double,
                     cutoffs: (critical: Double, high: Double)) -> RiskTier {
        let inTopCritical = priority > 0 && priority >= cutoffs.critical
        let inTopHigh = priority > 0 && priority >= cutoffs.high
        if a >= criticalAnomaly || (p >= criticalProbability && inTopCritical) { return .critical }
        if p >= highProbability || a >= highAnomaly || inTopHigh { return .high }
        if p >= mediumProbability || a >= mediumAnomaly { return .medium }
        return .low
    }

    /// The priorities at the top ``criticalPriorityShare`` and ``highPriorityShare`` of `priorities`
    /// (nearest-rank percentiles; +∞ for an empty list, so nothing qualifies).
    public func priorityCutoffs(_ priorities: [Double]) -> (critical: Double, high: Double) {
        // Two order statistics, found by selection rather than by sorting the whole day's list
        // (the value at a rank is the same either way).
        var finite = priorities.filter(\.isFinite)
        guard !finite.isEmpty else { return (.infinity, .infinity) }
        let count = finite.count
        func top(_ share: Double) -> Double {
            guard share > 0 else { return .infinity }
            let rank = Int((Double(count) * (1 - share)).rounded(.up))   // 1-based nearest rank
            return finite.withUnsafeMutableBufferPointer { OrderStatistic.select(kth: min(count - 1, max(0, rank - 1)), in: $0) }
        }
        return (top(criticalPriorityShare), top(highPriorityShare))
    }
}
