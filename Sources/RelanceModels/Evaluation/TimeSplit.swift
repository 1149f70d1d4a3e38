import RelanceData

/// Splits invoices into training and test rows by issue date, so the model is evaluated on the
/// future it will actually face.
///
/// A random split leaks: a customer's later invoices teach the model about the earlier ones it is
/// tested on. Here every test row is issued on or after every training row, and all rows issued on
/// the same day land on the same side.
public enum TimeSplit {
    /// Holds out the most recently issued rows as the test set.
    ///
    /// The cut is the issue day that makes the test share closest to `fraction` (on a tie, the
    /// smaller test set); rows issued on the cut day or later are test rows. Both sides are
    /// non-empty. Indices come back in increasing row order.
    ///
    /// - Throws: ``ModelError/invalidOption(_:)`` for a fraction outside (0, 1),
    ///   ``ModelError/missingDate(row:)`` (1-based) for `Day.missing`, and
    ///   ``ModelError/cannotSplit(_:)`` when fewer than two distinct days exist.
    public static func holdOutLast(fraction: Double, orderedBy days: [Day]) throws -> (train: [Int], test: [Int]) {
        guard fraction > 0, fraction < 1 else {
            throw ModelError.invalidOption("hold-out fraction must be between 0 and 1 (exclusive), got \(fraction)")
        }
        if let bad = days.firstIndex(where: \.isMissing) { throw ModelError.missingDate(row: bad + 1) }
        guard days.count >= 2 else { throw ModelError.cannotSplit("\(days.count) row(s); need at least two") }
        let order = days.indices.sorted { days[$0].raw < days[$1].raw || (days[$0].raw == days[$1].raw && $0 < $1) }
        let n = days.count
        let wanted = Double(n) * fraction
        // Candidate cuts: the first sorted position of each distinct day after the first.
        var bestStart: Int? = nil
        var bestDistance = Double.infinity
        for k in 1..<n where days[order[k]] != days[order[k - 1]] {
            let testCount = Double(n - k)
            let distance = abs(testCount - wanted)
            if distance < bestDistance || (distance == bestDistance && k > (bestStart ?? -1)) {
                bestDistance = distance
                bestStart = k
            }
        }
        guard let cut = bestStart else {
            throw ModelError.cannotSplit("all \(n) rows were issued on the same day (\(days[0]))")
        }
        return (Array(order[..<cut]).sorted(), Array(order[cut...]).sorted())
    }
}
