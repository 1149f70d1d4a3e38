import Testing
import RelanceModels
@testable import RelanceReport

@Suite struct ModelAdapterTests {
    @Test func metricsFromTheModelLayerMapFieldByField() throws {
        let m = try BinaryClassificationMetrics(labels: [0, 1, 0, 1, 0, 1], probabilities: [0.1, 0.8, 0.4, 0.35, 0.2, 0.9], bins: 2)
        let c = ClassifierMetrics(m)
        #expect(c.rocAUC == m.rocAUC)
        #expect(c.prAUC == m.averagePrecision)
        #expect(c.brier == m.brierScore)
        #expect(c.logLoss == m.logLoss)
        #expect(c.liftTopDecile == m.liftTopDecile)
        let points = m.rocCurve.map(ChartPoint.init)
        #expect(points.count == m.rocCurve.count)
        #expect(points.last == ChartPoint(x: 1, y: 1))
        let bins = m.reliability.map(CalibrationBin.init)
        #expect(bins.map(\.count) == m.reliability.map(\.count))
        #expect(bins.allSatisfy { $0.lower == nil && $0.upper == nil })
    }
}
