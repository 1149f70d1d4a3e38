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

/// Deterministic SplitMix64 generator for synthetic test data.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
    /// Standard normal (Box–Muller).
    mutating func normal() -> Double {
        let u = max(uniform(), 1e-300), v = uniform()
        return (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v)
    }
}

/// A synthetic design: `columns` standard-normal features, labels drawn from a logistic model
/// with the given coefficients (intercept first).
func syntheticLogistic(rows: Int, coefficients: [Double], seed: UInt64) -> (x: DenseMatrix, labels: [Double], eta: [Double]) {
    var rng = SeededRandom(seed: seed)
    let p = coefficients.count - 1
    var values = [Double](), labels = [Double](), etas = [Double]()
    for _ in 0..<rows {
        var eta = coefficients[0]
        for j in 0..<p {
            let v = rng.normal()
            values.append(v)
            eta += coefficients[j + 1] * v
        }
        etas.append(eta)
        labels.append(rng.uniform() < 1 / (1 + Foundation.exp(-eta)) ? 1 : 0)
    }
    return (DenseMatrix(rows: rows, columns: p, values: values), labels, etas)
}
