import RelanceData
import RelanceFeatures

extension AnomalyDetector {
    /// Scores and flags the invoices at `rows` of `invoices`: exactly what
    /// `assess(AnomalyFeatures.compute(invoices, customerCount:, options: featureOptions, rows: rows))`
    /// returns, with the feature rows computed and assessed `blockRows` at a time.
    ///
    /// Why: every row is assessed on its own, so the feature matrix of all the rows (for the daily
    /// score, 100,000 open invoices × 16 values, 12.8 MB of freshly touched memory) is never needed
    /// at once; blocks of a few thousand rows reuse the same memory. Rows that are not strictly
    /// ascending (repeats, any order) are assessed through the whole matrix.
    ///
    /// - Throws: what ``AnomalyFeatures/compute(_:customerCount:options:rows:)`` and
    ///   ``assess(_:)`` throw; a ``AnomalyDetectorError/nonFiniteValue(row:feature:)`` names the
    ///   index in `rows`, as the whole-matrix assessment would.
    public func assess(
        _ invoices: InvoiceTable, customerCount: Int, featureOptions: AnomalyFeatureOptions, rows: [Int],
        blockRows: Int = 4096
    ) throws -> AnomalyAssessment {
        var ascending = !rows.isEmpty
        for k in rows.indices.dropFirst() where rows[k] <= rows[k - 1] {
            ascending = false
            break
        }
        guard ascending else {
            return try assess(AnomalyFeatures.compute(invoices, customerCount: customerCount, options: featureOptions, rows: rows))
        }
        let n = rows.count
        var score = [Double](repeating: 0, count: n), robust = [Double](repeating: 0, count: n)
        var distance = [Double](repeating: 0, count: n), ruleScore = [Double](repeating: 0, count: n)
        var assessed = [Bool](repeating: false, count: n)
        var flags = [[String]](repeating: [], count: n)
        try AnomalyFeatures.computeInBlocks(
            invoices, customerCount: customerCount, options: featureOptions, rows: rows, blockRows: blockRows
        ) { block, places in
            let part: AnomalyAssessment
            do {
                part = try assess(block)
            } catch AnomalyDetectorError.nonFiniteValue(let row, let feature) {
                throw AnomalyDetectorError.nonFiniteValue(row: places[row], feature: feature)
            }
            score.withUnsafeMutableBufferPointer { score in
            robust.withUnsafeMutableBufferPointer { robust in
            distance.withUnsafeMutableBufferPointer { distance in
            assessed.withUnsafeMutableBufferPointer { assessed in
            ruleScore.withUnsafeMutableBufferPointer { ruleScore in
            flags.withUnsafeMutableBufferPointer { flags in
                for (k, q) in places.enumerated() {
                    score[q] = part.anomalyScore[k]
                    robust[q] = part.robustScore[k]
                    distance[q] = part.squaredDistance[k]
                    assessed[q] = part.robustAssessed[k]
                    ruleScore[q] = part.ruleScore[k]
                    flags[q] = part.flags[k]
                }
            }}}}}}
        }
        return AnomalyAssessment(
            invoiceIds: rows.map { invoices.invoiceIds[$0] }, anomalyScore: score, robustScore: robust,
            squaredDistance: distance, robustAssessed: assessed, ruleScore: ruleScore, flags: flags)
    }
}
