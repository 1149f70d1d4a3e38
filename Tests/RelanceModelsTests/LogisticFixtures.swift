import Foundation
import RelanceModels

/// Loads the reference fixtures written by `scripts/reference/make_logistic_fixture.py`.
enum LogisticFixtures {
    static func url(_ name: String) throws -> URL {
        guard let dir = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw FixtureError("Fixtures folder missing from the test bundle")
        }
        return dir.appendingPathComponent(name)
    }

    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: url(name))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw FixtureError("\(name) is not a JSON object")
        }
        return object
    }

    /// The 2000×6 generated design and its 0/1 labels (last column).
    static func design() throws -> (x: DenseMatrix, labels: [Double], names: [String]) {
        let text = try String(contentsOf: url("logistic_design.csv"), encoding: .utf8)
        var lines = text.split(separator: "\n")
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        let p = header.count - 1
        var values: [Double] = [], labels: [Double] = []
        for line in lines {
            let fields = line.split(separator: ",")
            guard fields.count == p + 1 else { throw FixtureError("bad fixture line") }
            for f in fields.prefix(p) {
                guard let v = Double(f) else { throw FixtureError("bad number \(f)") }
                values.append(v)
            }
            guard let y = Double(fields[p]) else { throw FixtureError("bad label") }
            labels.append(y)
        }
        return (DenseMatrix(rows: labels.count, columns: p, values: values), labels, Array(header.prefix(p)))
    }

    /// Datasets folder: `../shared/datasets` beside the package root first, then `/work/shared/datasets`.
    static func sharedDataset(_ relative: String) -> URL? {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [
            packageRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets"),
            URL(fileURLWithPath: "/work/shared/datasets"),
        ]
        for c in candidates {
            let file = c.appendingPathComponent(relative)
            if FileManager.default.fileExists(atPath: file.path) { return file }
        }
        return nil
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

extension Dictionary where Key == String, Value == Any {
    func double(_ key: String) throws -> Double {
        guard let v = self[key] as? Double ?? (self[key] as? Int).map(Double.init) else { throw FixtureError("missing number \(key)") }
        return v
    }
    func doubles(_ key: String) throws -> [Double] {
        guard let v = self[key] as? [Any] else { throw FixtureError("missing array \(key)") }
        return try v.map { e in
            if let d = e as? Double { return d }
            if let i = e as? Int { return Double(i) }
            throw FixtureError("non-number in \(key)")
        }
    }
    func object(_ key: String) throws -> [String: Any] {
        guard let v = self[key] as? [String: Any] else { throw FixtureError("missing object \(key)") }
        return v
    }
    func objects(_ key: String) throws -> [[String: Any]] {
        guard let v = self[key] as? [[String: Any]] else { throw FixtureError("missing objects \(key)") }
        return v
    }
}

/// |a − b| ≤ tol · max(|b|, floor): relative agreement, with an absolute floor for values near 0.
func agrees(_ a: Double, _ b: Double, relative tol: Double, floor: Double = 1e-3) -> Bool {
    abs(a - b) <= tol * max(abs(b), floor)
}
