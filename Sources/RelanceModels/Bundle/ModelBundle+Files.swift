import Foundation
import RelanceData
import RelanceFeatures

extension ModelBundle {
    /// File names inside a bundle folder.
    public static let modelFileName = "model.json"
    public static let cardFileName = "MODEL_CARD.md"

    /// The bundle as JSON: pretty-printed with sorted keys, so two runs on the same data give
    /// byte-identical files and a diff between two bundles is readable.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Writes `model.json` and `MODEL_CARD.md` into `directory` (created if needed), each atomically.
    public func write(to directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw BundleError.unwritable(path: directory.path, reason: "cannot create the folder (\(error.localizedDescription))")
        }
        let model = directory.appendingPathComponent(Self.modelFileName)
        let data: Data
        do {
            data = try jsonData()
        } catch {
            throw BundleError.unwritable(path: model.path, reason: "cannot encode the bundle (\(error))")
        }
        do {
            try AtomicFile.write(data, to: model)
            try AtomicFile.write(modelCard(), to: directory.appendingPathComponent(Self.cardFileName))
        } catch {
            throw BundleError.unwritable(path: directory.path, reason: "\(error)")
        }
    }

    /// Reads a bundle from a folder (its `model.json`) or from the JSON file itself, and refuses it
    /// unless its format version is this build's and its feature schemas equal what this build
    /// computes.
    public static func load(from url: URL) throws -> ModelBundle {
        var isDirectory: ObjCBool = false
        let file = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
            ? url.appendingPathComponent(modelFileName) : url
        let path = file.path
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw BundleError.unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "\(error.localizedDescription)" : "no such file")
        }
        return try decode(data, path: path)
    }

    /// Decodes and checks bundle JSON; `path` only names the source in messages.
    public static func decode(_ data: Data, path: String) throws -> ModelBundle {
        struct Header: Decodable { var formatVersion: Int }
        let decoder = JSONDecoder()
        let header: Header
        do {
            header = try decoder.decode(Header.self, from: data)
        } catch {
            throw BundleError.malformed(path: path, reason: "no format version found (\(Self.describe(error)))")
        }
        if header.formatVersion > currentFormatVersion {
            throw BundleError.newerFormat(path: path, found: header.formatVersion, supported: currentFormatVersion)
        }
        if header.formatVersion < currentFormatVersion {
            throw BundleError.olderFormat(path: path, found: header.formatVersion, supported: currentFormatVersion)
        }
        let bundle: ModelBundle
        do {
            bundle = try decoder.decode(ModelBundle.self, from: data)
        } catch {
            throw BundleError.malformed(path: path, reason: Self.describe(error))
        }
        try bundle.checkSchema(path: path)
        return bundle
    }

    /// Refuses a bundle whose stored schemas differ from what this build computes.
    func checkSchema(path: String) throws {
        let build = FeatureSchema.paymentBehaviour
        try Self.compare(featureSchema.names, build.names, path: path, model: "feature schema")
        if featureSchema.version != build.version {
            throw BundleError.schemaVersionMismatch(path: path, bundle: featureSchema.version, build: build.version)
        }
        try Self.compare(lateModel.featureNames, build.names, path: path, model: "late-payment model")
        if let s = severeDelay { try Self.compare(s.model.featureNames, build.names, path: path, model: "severe-delay model") }
        try Self.compare(anomalyFeatureNames, AnomalyFeatures.names, path: path, model: "anomaly features")
        try Self.compare(anomaly.featureNames, AnomalyFeatures.names, path: path, model: "anomaly detector")
    }

    static func compare(_ stored: [String], _ build: [String], path: String, model: String) throws {
        for i in 0..<max(stored.count, build.count) {
            let s = i < stored.count ? stored[i] : nil, b = i < build.count ? build[i] : nil
            if s != b { throw BundleError.schemaMismatch(path: path, model: model, position: i, bundle: s, build: b) }
        }
    }

    /// A decoding error in one line: the field path and what was wrong.
    static func describe(_ error: Error) -> String {
        func at(_ path: [CodingKey]) -> String {
            path.isEmpty ? "top level" : path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error as? DecodingError {
        case let .keyNotFound(key, ctx)?: return "\(at(ctx.codingPath + [key])): missing"
        case let .typeMismatch(_, ctx)?: return "\(at(ctx.codingPath)): \(ctx.debugDescription)"
        case let .valueNotFound(_, ctx)?: return "\(at(ctx.codingPath)): missing value"
        case let .dataCorrupted(ctx)?: return "\(at(ctx.codingPath)): \(ctx.debugDescription)"
        default: return "\(error)"
        }
    }
}
