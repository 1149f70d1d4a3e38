import RelanceFeatures

/// The training distribution of one feature, as bins: what a model bundle keeps so that scoring can
/// tell whether today's rows still look like the rows the model learned from (population stability).
///
/// Bins are cut at the training quantiles (deciles by default), so every bin held about the same
/// share of training rows. `edges` are the *inner* cut points, ascending and without repeats; bin
/// `k` holds the values `x` with `edges[k-1] < x ≤ edges[k]` (the first bin is open below, the last
/// open above), so there are `edges.count + 1` bins. A feature with many ties (a 0/1 flag, a count
/// that is mostly 0) gets fewer edges, because equal quantiles collapse into one: a flag has one
/// edge (0) and two bins, which is exactly its distribution.
///
/// `proportions[k]` is the share of training rows in bin `k` (they sum to 1). Store one value per
/// feature of the schema, in schema order, next to the model it describes:
///
/// ```swift
/// let training = try builder.trainingFeatures(labelsAsOf: cutoff)
/// let distribution = FeatureDistribution.fit(training)   // [FeatureDistribution], schema order
/// ```
public struct FeatureDistribution: Sendable, Codable, Equatable {
    /// The feature's name in the schema (``FeatureDefinition/name``).
    public var name: String
    /// Inner bin edges, strictly ascending and finite.
    public var edges: [Double]
    /// Share of training rows per bin (`edges.count + 1` values, summing to 1).
    public var proportions: [Double]
    /// Number of training rows the proportions were counted on.
    public var rowCount: Int

    public init(name: String, edges: [Double], proportions: [Double], rowCount: Int) {
        self.name = name
        self.edges = edges
        self.proportions = proportions
        self.rowCount = rowCount
    }

    /// The default number of quantile bins (deciles): the usual convention for a population
    /// stability index, fine enough to see a shift, coarse enough that each bin has rows.
    public static let defaultBins = 10

    /// The distribution of `values` in (at most) `bins` quantile bins. Non-finite values are ignored.
    public static func fit(name: String, values: [Double], bins: Int = defaultBins) -> FeatureDistribution {
        // Only b − 1 order statistics and the maximum are needed, not a sorted copy: they are
        // selected (``RankSelection``), which gives exactly the values a stable sort would hold at
        // those positions.
        let finite = values.allSatisfy(\.isFinite) ? values : values.filter(\.isFinite)
        let n = finite.count
        guard n > 0 else { return FeatureDistribution(name: name, edges: [], proportions: [1], rowCount: 0) }
        let b = max(bins, 1)
        // The k/b quantile by the "lower" rule (an observed value, no interpolation), so a feature
        // taking few values gets edges at those values.
        let positions = (1..<max(b, 1)).map { k in min(n - 1, max(0, Int((Double(k) * Double(n) / Double(b)).rounded(.up)) - 1)) }
        let wanted = Array(Set(positions + [n - 1])).sorted()
        var at: [Int: Double] = [:]
        for (p, q) in zip(wanted, RankSelection.values(finite, at: wanted)) { at[p] = q }
        let maximum = at[n - 1] ?? finite.max()!
        var edges: [Double] = []
        for index in positions {
            guard let q = at[index] else { continue }
            if let last = edges.last, q <= last { continue }
            // An edge at the maximum would leave the last bin empty by construction.
            if q >= maximum { break }
            edges.append(q)
        }
        // Per-bin counts as `counts(_:)` gives them (bin k holds edges[k-1] < x ≤ edges[k]): with
        // ascending edges the bin of x is the number of edges below it, counted without branches
        // (a binary search over nine edges mispredicts on every other value).
        var counts = [Int](repeating: 0, count: edges.count + 1)
        finite.withUnsafeBufferPointer { v in
            edges.withUnsafeBufferPointer { e in
                counts.withUnsafeMutableBufferPointer { c in
                    let m = e.count
                    for x in v {
                        var bin = 0
                        for k in 0..<m { bin &+= Int(unsafeBitCast(x > e[k], to: UInt8.self)) }
                        c[bin] += 1
                    }
                }
            }
        }
        return FeatureDistribution(
            name: name, edges: edges, proportions: counts.map { Double($0) / Double(n) }, rowCount: n)
    }

    /// One distribution per column of `matrix`, in column order, over the matrix rows `rows`
    /// (all rows when nil).
    public static func fit(_ matrix: FeatureMatrix, rows: Range<Int>? = nil, bins: Int = defaultBins) -> [FeatureDistribution] {
        let p = matrix.columnCount
        let range = (rows ?? 0..<matrix.rowCount).clamped(to: 0..<matrix.rowCount)
        var column = [Double](repeating: 0, count: range.count)
        return (0..<p).map { j in
            matrix.values.withUnsafeBufferPointer { v in
                for (k, i) in range.enumerated() { column[k] = v[i * p + j] }
            }
            return fit(name: matrix.schema.definitions[j].name, values: column, bins: bins)
        }
    }

    /// One distribution per column of row-major `values` (`featureNames.count` columns), over the
    /// rows `rows` (all rows when nil): the form the training pipeline holds its designs in.
    public static func fit(values: [Double], featureNames: [String], rows: Range<Int>? = nil, bins: Int = defaultBins) -> [FeatureDistribution] {
        let p = featureNames.count
        guard p > 0 else { return [] }
        let count = values.count / p
        let range = (rows ?? 0..<count).clamped(to: 0..<count)
        var column = [Double](repeating: 0, count: range.count)
        return (0..<p).map { j in
            values.withUnsafeBufferPointer { v in
                column.withUnsafeMutableBufferPointer { out in
                    var at = range.lowerBound * p + j
                    for k in 0..<range.count {
                        out[k] = v[at]
                        at += p
                    }
                }
            }
            return fit(name: featureNames[j], values: column, bins: bins)
        }
    }

    /// The bin of `x` (binary search on the edges); NaN goes to the first bin.
    @inlinable public func bin(of x: Double) -> Int {
        var lo = 0, hi = edges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if x <= edges[mid] { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// Number of `values` per bin (non-finite values are not counted).
    public func counts<C: Sequence>(_ values: C) -> [Int] where C.Element == Double {
        var counts = [Int](repeating: 0, count: edges.count + 1)
        for x in values where x.isFinite { counts[bin(of: x)] += 1 }
        return counts
    }

    /// A short description of what is wrong with a stored distribution, or nil when it is usable
    /// (edges finite and strictly ascending, one proportion per bin, proportions summing to 1).
    public var validationProblem: String? {
        guard edges.allSatisfy(\.isFinite) else { return "\(name): bin edges must be finite" }
        for k in edges.indices.dropFirst() where !(edges[k - 1] < edges[k]) {
            return "\(name): bin edges must be strictly ascending"
        }
        guard proportions.count == edges.count + 1 else {
            return "\(name): \(edges.count) edges need \(edges.count + 1) proportions, found \(proportions.count)"
        }
        guard proportions.allSatisfy({ $0.isFinite && $0 >= 0 }) else { return "\(name): proportions must be ≥ 0" }
        let total = proportions.reduce(0, +)
        guard abs(total - 1) < 1e-6 else { return "\(name): proportions sum to \(total), not 1" }
        return nil
    }
}
