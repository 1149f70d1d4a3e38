import Foundation
import Testing
@testable import RelanceModels

/// The fitted detector: combined score, flags, persistence and schema checks.
@Suite struct AnomalyDetectorTests {
    static let book = AnomalyHistoryBuilder.synthetic(customers: 400, seed: 42)

    @Test func injectedAnomaliesRankAboveNormalInvoices() throws {
        let (h, truth) = Self.book
        let features = try h.features()
        let detector = try AnomalyDetector.fit(features)
        let result = try detector.assess(features)
        let positive = features.invoiceIds.map { truth[$0] != nil }
        #expect(positive.filter { $0 }.count > 100)
        let auc = anomalyAUC(scores: result.anomalyScore, positive: positive)
        #expect(auc > 0.9, "combined AUC \(auc)")
        #expect(result.anomalyScore.allSatisfy { $0 >= 0 && $0 <= 1 })
        // Every injected duplicate is flagged with the id of an invoice of the same amount.
        for (r, id) in features.invoiceIds.enumerated() where truth[id] == "duplicate" {
            #expect(result.flags[r].contains { $0.hasPrefix("duplicate_of:") }, "\(id) not flagged")
        }
        // The robust part alone also separates them (it sees amount and terms ratios).
        let robustAUC = anomalyAUC(scores: result.squaredDistance, positive: positive)
        #expect(robustAUC > 0.75, "robust AUC \(robustAUC)")
        // Flags only where something fired: most normal invoices carry none.
        let flaggedNormal = zip(result.flags, positive).filter { !$0.1 && !$0.0.isEmpty }.count
        #expect(Double(flaggedNormal) < 0.1 * Double(positive.filter { !$0 }.count))
    }

    @Test func unusualProfileMatchesTheChiSquareThreshold() throws {
        let (h, _) = Self.book
        let features = try h.features()
        let detector = try AnomalyDetector.fit(features)
        let result = try detector.assess(features)
        let q = ChiSquaredDistribution(degreesOfFreedom: Double(detector.robustFeatures.count)).quantile(0.999)
        #expect(detector.squaredDistanceThreshold >= q)
        for i in 0..<result.count {
            let flagged = result.flags[i].contains("unusual_profile")
            #expect(flagged == (result.robustAssessed[i] && result.squaredDistance[i] >= detector.squaredDistanceThreshold))
            if flagged { #expect(result.robustScore[i] >= 0.999) }
        }
        // The empirical cap: at most ~0.5 % of the assessed rows (the fit used them all).
        let assessed = result.robustAssessed.filter { $0 }.count
        let flagged = result.flags.filter { $0.contains("unusual_profile") }.count
        #expect(Double(flagged) <= 0.0055 * Double(assessed) + 1)
        // With the cap off the threshold is exactly the χ² quantile.
        var options = AnomalyDetectorOptions()
        options.maximumUnusualShare = 1
        #expect(abs(try AnomalyDetector.fit(features, options: options).squaredDistanceThreshold - q) < 1e-9)
    }

    @Test func codableRoundTripKeepsEveryScore() throws {
        let (h, _) = Self.book
        let features = try h.features()
        let detector = try AnomalyDetector.fit(features)
        let data = try JSONEncoder().encode(detector)
        let back = try JSONDecoder().decode(AnomalyDetector.self, from: data)
        #expect(back.featureNames == detector.featureNames)
        #expect(back.options == detector.options)
        #expect(back.summary == detector.summary)
        #expect(try back.assess(features) == detector.assess(features))
    }

    @Test func corruptedStoredDetectorIsRefused() throws {
        let (h, _) = Self.book
        let detector = try AnomalyDetector.fit(try h.features())
        var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(detector)) as! [String: Any]
        json["formatVersion"] = 99
        let bad = try JSONSerialization.data(withJSONObject: json)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AnomalyDetector.self, from: bad) }
        json["formatVersion"] = 1
        json["scatter"] = Array(repeating: 0.0, count: detector.scatter.count)
        let singular = try JSONSerialization.data(withJSONObject: json)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AnomalyDetector.self, from: singular) }
    }

    @Test func matrixWithADifferentSchemaIsRefused() throws {
        let (h, _) = Self.book
        let features = try h.features()
        let detector = try AnomalyDetector.fit(features)
        var names = features.names
        names.swapAt(0, 1)
        let swapped = AnomalyFeatureMatrix(
            names: names, invoiceRows: features.invoiceRows, invoiceIds: features.invoiceIds, values: features.values,
            duplicateOriginalId: features.duplicateOriginalId)
        #expect(throws: AnomalyDetectorError.schemaMismatch(expected: features.names, found: names)) {
            try detector.assess(swapped)
        }
        let fewer = AnomalyFeatureMatrix(
            names: Array(features.names.dropLast()), invoiceRows: [], invoiceIds: [], values: [], duplicateOriginalId: [])
        #expect(throws: AnomalyDetectorError.self) { try detector.assess(fewer) }
        let message = AnomalyDetectorError.schemaMismatch(expected: features.names, found: Array(features.names.dropLast())).description
        #expect(message.contains("missing: customer_prior_repeat_share"))
    }

    @Test func matrixComputedWithOtherFeatureOptionsIsRefused() throws {
        let (h, _) = Self.book
        let detector = try AnomalyDetector.fit(try h.features())
        #expect(detector.options.featureOptions == AnomalyFeatureOptions())
        let other = try AnomalyFeatures.compute(h.invoices, customerCount: h.customers.count,
                                                options: AnomalyFeatureOptions(historyWindow: 12))
        #expect(throws: AnomalyDetectorError.self) { try detector.assess(other) }
        do {
            _ = try detector.assess(other)
        } catch let e as AnomalyDetectorError {
            #expect(e.description.contains("history window 12"))
        }
    }

    @Test func fittingIsDeterministic() throws {
        let (h, _) = Self.book
        let features = try h.features()
        var options = AnomalyDetectorOptions()
        options.fitSampleSize = 2000   // force the subsampling path too
        let a = try AnomalyDetector.fit(features, options: options)
        let b = try AnomalyDetector.fit(features, options: options)
        #expect(a.location == b.location && a.scatter == b.scatter && a.summary == b.summary)
        #expect(a.summary.fitRows == 2000)
    }

    @Test func nonFiniteFeatureIsReportedWithRowAndName() throws {
        let (h, _) = Self.book
        var features = try h.features()
        let detector = try AnomalyDetector.fit(features)
        features.values[3 * features.columns + 1] = .nan
        #expect(throws: AnomalyDetectorError.nonFiniteValue(row: 3, feature: features.names[1])) {
            try detector.assess(features)
        }
    }
}
