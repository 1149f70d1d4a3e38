import Testing
import RelanceData
import RelanceFeatures
@testable import RelanceScoring

/// Long lists are scored in chunks on separate cores: that must not change any row, and a bad row
/// must be reported as a sequential loop would report it (the first one).
@Suite struct ChunkedScoringTests {
    /// The sample's open invoices as of its export day, and the same rows repeated to `count`
    /// (long enough to be split into chunks).
    static func matrices(count: Int) throws -> (short: FeatureMatrix, long: FeatureMatrix) {
        let builder = try PointInTimeFeatureBuilder(ScoringFixture.sample, options: ScoringFixture.models.featureOptions)
        let short = try builder.scoringFeatures(openAsOf: ScoringFixture.sampleAsOf)
        let k = short.rowCount
        let picks = (0..<count).map { $0 % k }
        let p = short.columnCount
        var values: [Double] = []
        values.reserveCapacity(count * p)
        for i in picks { values += short.row(i) }
        let long = FeatureMatrix(
            schema: short.schema, rows: picks.map { short.rows[$0] }, values: values,
            labels: picks.map { short.labels[$0] }, asOfDays: picks.map { short.asOfDays[$0] }, labelCutoff: short.labelCutoff)
        return (short, long)
    }

    @Test func chunkedScoringGivesEveryRowTheValuesItGetsInAShortList() throws {
        let (short, long) = try Self.matrices(count: 25_000)
        #expect(short.rowCount > 100 && short.rowCount < 10_000)
        let scorer = try OpenInvoiceScorer(models: ScoringFixture.models)
        let one = try scorer.score(ScoringFixture.sample, asOf: ScoringFixture.sampleAsOf, features: short)
        let many = try scorer.score(ScoringFixture.sample, asOf: ScoringFixture.sampleAsOf, features: long)
        #expect(many.invoices.count == 25_000)
        var byId: [String: ScoredInvoice] = [:]
        for s in one.invoices { byId[s.invoiceId] = s }
        for s in many.invoices {
            let expected = try #require(byId[s.invoiceId])
            #expect(s.pLate == expected.pLate && s.priority == expected.priority, "\(s.invoiceId)")
            #expect(s.reasons == expected.reasons && s.anomalyFlags == expected.anomalyFlags, "\(s.invoiceId)")
            #expect(s.anomalyScore == expected.anomalyScore && s.daysOverdue == expected.daysOverdue)
        }
    }

    @Test func theFirstRowWithANonFiniteScoreIsReported() throws {
        var (_, long) = try Self.matrices(count: 25_000)
        let p = long.columnCount
        for bad in [21_000, 15_001, 24_999] {
            for j in 0..<p { long.values[bad * p + j] = .nan }
        }
        let scorer = try OpenInvoiceScorer(models: ScoringFixture.models)
        let firstBad = ScoringFixture.sample.invoices.invoiceIds[long.rows[15_001]]
        #expect(throws: ScoringError.nonFiniteScore(invoiceId: firstBad, what: "the linear predictor")) {
            try scorer.score(ScoringFixture.sample, asOf: ScoringFixture.sampleAsOf, features: long)
        }
    }
}
