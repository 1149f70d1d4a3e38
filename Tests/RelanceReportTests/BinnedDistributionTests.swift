import Foundation
import Testing
import RelanceData
@testable import RelanceReport

@Suite struct BinnedDistributionTests {
    @Test func binsAreHalfOpenExceptTheLastWhichHoldsItsUpperEdge() {
        let d = BinnedDistribution(values: [0, 0.2499, 0.25, 0.5, 0.99, 1.0], edges: [0, 0.25, 0.5, 0.75, 1])
        #expect(d.counts == [2, 1, 1, 2])
        #expect(d.total == 6)
    }

    @Test func valuesOutsideTheEdgesGoToTheEndBinsSoNoneIsLost() {
        let d = BinnedDistribution(values: [-3, 7, .nan, .infinity, -.infinity], edges: [0, 1, 2])
        #expect(d.counts == [2, 3])
    }

    @Test func evenEdgesSpanTheRange() {
        #expect(BinnedDistribution.evenEdges(from: 0, to: 1, count: 4) == [0, 0.25, 0.5, 0.75, 1])
    }

    @Test func modelInputRoundTripsThroughJSON() throws {
        let model = SampleReport.model(language: .en)
        let data = try JSONEncoder().encode(model)
        let back = try JSONDecoder().decode(ModelReportInput.self, from: data)
        #expect(back == model)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"roc_auc\""))
        #expect(text.contains("\"trainFrom\":\"2023-01-02\""))
    }

    @Test func brandingDecodingValidatesTheColour() {
        let bad = Data(#"{"company_name":"Acme","brand_colour":"red;}"}"#.utf8)
        #expect(throws: ReportInputError.self) { try JSONDecoder().decode(ReportBranding.self, from: bad) }
    }
}
