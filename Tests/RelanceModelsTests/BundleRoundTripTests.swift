import Foundation
import Testing
@testable import RelanceModels

@Suite("Model bundle files")
struct BundleRoundTripTests {
    static func trained() throws -> ModelBundle {
        try TrainingPipeline.run(TrainingBook().dataset, options: TrainingBook.options(), relanceVersion: "test").bundle
    }

    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("relance-bundle-\(UUID().uuidString)")
    }

    @Test func aWrittenBundleLoadsBackAndPredictsIdentically() throws {
        let bundle = try Self.trained()
        let dir = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try bundle.write(to: dir)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("MODEL_CARD.md").path))
        let loaded = try ModelBundle.load(from: dir)

        let book = TrainingBook()
        let builder = try PointInTimeFeatureBuilder(book.dataset.truncated(at: TrainingBook.asOf), options: loaded.featureOptions)
        let open = try builder.scoringFeatures(openAsOf: TrainingBook.asOf)
        let x = DenseMatrix(rows: open.rowCount, columns: open.columnCount, values: open.values)
        #expect(open.rowCount > 0)
        #expect(try loaded.latePaymentProbabilities(for: x, featureNames: open.featureNames)
            == bundle.latePaymentProbabilities(for: x, featureNames: open.featureNames))
        #expect(try loaded.severeDelayProbabilities(for: x, featureNames: open.featureNames)
            == bundle.severeDelayProbabilities(for: x, featureNames: open.featureNames))
        let anomalies = try AnomalyFeatures.compute(book.dataset.invoices, customerCount: book.dataset.customerCount)
        #expect(try loaded.anomaly.assess(anomalies).anomalyScore == bundle.anomaly.assess(anomalies).anomalyScore)
        // Re-encoding the loaded bundle gives the same bytes: nothing is lost on the way.
        #expect(try loaded.jsonData() == bundle.jsonData())
        #expect(try Data(contentsOf: dir.appendingPathComponent("model.json")) == bundle.jsonData())
    }

    @Test func trainingTwiceGivesByteIdenticalBundles() throws {
        #expect(try Self.trained().jsonData() == Self.trained().jsonData())
    }

    /// The bundle's JSON with one edit applied to the decoded object.
    static func edited(_ bundle: ModelBundle, _ edit: (inout [String: Any]) -> Void) throws -> Data {
        var object = try #require(try JSONSerialization.jsonObject(with: bundle.jsonData()) as? [String: Any])
        edit(&object)
        return try JSONSerialization.data(withJSONObject: object)
    }

    @Test func aBundleFromANewerFormatIsRefusedWithItsVersion() throws {
        let data = try Self.edited(try Self.trained()) { $0["formatVersion"] = 2 }
        #expect(throws: BundleError.newerFormat(path: "models/demo/model.json", found: 2, supported: 1)) {
            try ModelBundle.decode(data, path: "models/demo/model.json")
        }
        let message = BundleError.newerFormat(path: "models/demo/model.json", found: 2, supported: 1).description
        #expect(message.hasPrefix("models/demo/model.json: format version 2 is newer than this relance understands (1)"))
    }

    @Test func aBundleWhoseFeatureSchemaDiffersIsRefusedAtThePosition() throws {
        let data = try Self.edited(try Self.trained()) { object in
            var schema = object["featureSchema"] as! [String: Any]
            var definitions = schema["definitions"] as! [[String: Any]]
            definitions[7]["name"] = "late_share_last_year"
            schema["definitions"] = definitions
            object["featureSchema"] = schema
        }
        do {
            _ = try ModelBundle.decode(data, path: "m.json")
            Issue.record("a changed schema must be refused")
        } catch let e as BundleError {
            #expect(e == .schemaMismatch(path: "m.json", model: "feature schema", position: 7,
                                         bundle: "late_share_last_year", build: "late_share_trend"))
            #expect(e.description.contains("feature schema differs at position 8: bundle has late_share_last_year, this build computes late_share_trend"))
        }
    }

    @Test func aModelWithAMissingFeatureIsRefused() throws {
        let data = try Self.edited(try Self.trained()) { object in
            var late = object["lateModel"] as! [String: Any]
            var names = late["featureNames"] as! [String]
            names.removeLast()
            late["featureNames"] = names
            object["lateModel"] = late
        }
        // The model's own decoder notices the arrays disagree before the schema check.
        #expect(throws: BundleError.self) { try ModelBundle.decode(data, path: "m.json") }
    }

    @Test func aDifferentSchemaVersionIsRefused() throws {
        let data = try Self.edited(try Self.trained()) { object in
            var schema = object["featureSchema"] as! [String: Any]
            schema["version"] = "payment-behaviour-0"
            object["featureSchema"] = schema
        }
        #expect(throws: BundleError.schemaVersionMismatch(path: "m.json", bundle: "payment-behaviour-0", build: "payment-behaviour-1")) {
            try ModelBundle.decode(data, path: "m.json")
        }
    }

    @Test func brokenOrMissingFilesAreRefusedWithThePath() throws {
        #expect(throws: BundleError.self) { try ModelBundle.decode(Data("{\"formatVersion\": 1".utf8), path: "x.json") }
        do {
            _ = try ModelBundle.decode(Data("{\"formatVersion\": 1}".utf8), path: "x.json")
            Issue.record("an empty bundle must be refused")
        } catch let e as BundleError {
            #expect(e.description.hasPrefix("x.json: not a valid relance model bundle"))
        }
        let missing = Self.temporaryFolder().appendingPathComponent("model.json")
        do {
            _ = try ModelBundle.load(from: missing)
            Issue.record("a missing file must be refused")
        } catch let e as BundleError {
            #expect(e.description == "\(missing.path): cannot read the model bundle: no such file")
        }
    }
}
