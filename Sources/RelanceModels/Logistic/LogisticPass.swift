import Foundation
import LinearAlgebra

/// One read of the design for the logistic objective at θ: linear predictor, log-likelihood and —
/// when asked — the unpenalised Hessian AᵀVA and the gradient Aᵀ(w∘(y − p)), block by block while
/// the block is in cache.
///
/// Why fused: each Newton iteration needs η = Aθ, the log-likelihood (line search) and, at the
/// accepted point, the Hessian and gradient. Done separately that is two reads of X (a `dgemv`, then
/// the blocked `dsyrk`) and two passes of `exp` per row. Here each block of rows gets its `dgemv`,
/// one `exp(−|η|)` (from which both log(1 + e^η) and the probability follow, with exactly the
/// values `softplus` and `logistic` give), its weights and its `dsyrk`, before the next block.
///
/// **Deterministic in parallel.** Rows are cut into chunks of a fixed size (never depending on the
/// number of cores); each chunk's sums are accumulated on its own and the chunks are added in
/// order, so the result is the same bits whichever thread ran which chunk and however many ran.
/// Worker buffers come from a small pool reused across fits: on a virtual machine the first touch
/// of fresh pages costs more than the arithmetic done in them.
final class LogisticPass {
    let design: StandardisedDesign
    let targets: [Double]
    let weights: [Double]?
    let blockRows: Int
    let chunkRows: Int
    let chunks: Int
    private let workers: Int

    /// What a pass computes besides the log-likelihood.
    enum Mode {
        /// The log-likelihood only (a line-search trial after a rejected step).
        case likelihood
        /// And the gradient Aᵀ(w∘(y − p)).
        case gradient
        /// And the Hessian AᵀVA.
        case full
    }

    /// What one pass returns.
    struct Totals {
        /// Σ wᵢ [yᵢ ηᵢ − log(1 + e^ηᵢ)].
        var logLikelihood: Double
        /// AᵀVA (V = w∘p(1 − p)), unpenalised; nil unless the mode was `.full`.
        var hessian: SymmetricMatrix?
        /// Aᵀ(w∘(y − p)); empty in `.likelihood` mode.
        var gradient: [Double]
        /// The log-likelihood at the intercept-only point, when asked.
        var interceptOnlyLogLikelihood: Double?
    }

    init(design: StandardisedDesign, targets: [Double], weights: [Double]?, blockRows: Int = 8192, chunkBlocks: Int = 4) {
        self.design = design
        self.targets = targets
        self.weights = weights
        let n = design.rows
        self.blockRows = max(1, min(blockRows, n))
        self.chunkRows = self.blockRows * max(1, chunkBlocks)
        self.chunks = max(1, (n + chunkRows - 1) / chunkRows)
        self.workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, chunks, 8))
    }

    /// The pass at θ (design scale). `interceptOnly`: also the log-likelihood at the intercept-only
    /// point (β₀ = that value, slopes 0), the null log-likelihood of a warm-started fit.
    func run(theta: [Double], mode: Mode, interceptOnly: Double? = nil) throws -> Totals {
        let q = design.order
        let (raw, constant) = design.rawCoefficients(theta)
        let gram = mode == .full, gradient = mode != .likelihood
        var partLL = [Double](repeating: 0, count: chunks)
        var partLL0 = [Double](repeating: 0, count: interceptOnly == nil ? 0 : chunks)
        var partGram = [Double](repeating: 0, count: gram ? chunks * q * q : 0)
        var partProduct = [Double](repeating: 0, count: gradient ? chunks * q : 0)
        let spaces = LogisticPassWorkspace.take(count: workers, rows: blockRows, order: q)
        defer { LogisticPassWorkspace.give(spaces) }
        let next = ChunkCounter(chunks)
        let failure = FirstError()

        // Intercept-only constants, computed exactly as the per-row code would for η = β₀.
        var sp0 = 0.0
        if let b0 = interceptOnly {
            let e0 = exp(-abs(b0))
            sp0 = b0 > 0 ? b0 + log1p(e0) : log1p(e0)
        }

        try raw.withUnsafeBufferPointer { rawBuffer in
            try targets.withUnsafeBufferPointer { yBuffer in
                try partLL.withUnsafeMutableBufferPointer { llBuffer in
                    try partLL0.withUnsafeMutableBufferPointer { ll0Buffer in
                        try partGram.withUnsafeMutableBufferPointer { gramBuffer in
                            try partProduct.withUnsafeMutableBufferPointer { productBuffer in
                                // An empty array may still have a base address: only hand out
                                // pointers to buffers that hold something.
                                func address(_ b: UnsafeMutableBufferPointer<Double>) -> UnsafeMutablePointer<Double>? {
                                    b.isEmpty ? nil : b.baseAddress
                                }
                                let rawP = rawBuffer.baseAddress!, y = yBuffer.baseAddress!
                                let ll = llBuffer.baseAddress!, ll0 = address(ll0Buffer)
                                let g = address(gramBuffer), prod = address(productBuffer)
                                let body = { (worker: Int) in
                                    let space = spaces[worker]
                                    while let c = next.take() {
                                        if failure.isSet { return }
                                        do {
                                            try self.chunk(
                                                c, space: space, raw: rawP, constant: constant, y: y, mode: mode,
                                                interceptOnly: interceptOnly.map { ($0, sp0) }, ll: ll, ll0: ll0,
                                                g: g.map { $0 + c * q * q }, product: prod.map { $0 + c * q })
                                        } catch {
                                            failure.set(error)
                                            return
                                        }
                                    }
                                }
                                if workers == 1 {
                                    body(0)
                                } else {
                                    DispatchQueue.concurrentPerform(iterations: workers, execute: body)
                                }
                                if let error = failure.error { throw error }
                            }
                        }
                    }
                }
            }
        }

        // Chunks in order: the same sums whatever the schedule.
        var totals = Totals(logLikelihood: partLL.reduce(0, +), hessian: nil, gradient: [])
        if gram {
            totals.hessian = SymmetricMatrix(lowerColumnMajor: Self.sumChunks(partGram, chunks: chunks, size: q * q), order: q)
        }
        if gradient {
            totals.gradient = Self.sumChunks(partProduct, chunks: chunks, size: q)
        }
        if interceptOnly != nil {
            totals.interceptOnlyLogLikelihood = partLL0.reduce(0, +)
        }
        return totals
    }

    private static func sumChunks(_ parts: [Double], chunks: Int, size: Int) -> [Double] {
        var out = [Double](repeating: 0, count: size)
        parts.withUnsafeBufferPointer { s in
            out.withUnsafeMutableBufferPointer { o in
                for c in 0..<chunks {
                    let base = c * size
                    for k in 0..<size { o[k] += s[base + k] }
                }
            }
        }
        return out
    }

    /// The rows of chunk `c`, block by block.
    private func chunk(
        _ c: Int, space: LogisticPassWorkspace, raw: UnsafePointer<Double>, constant: Double, y: UnsafePointer<Double>,
        mode: Mode, interceptOnly: (b0: Double, sp0: Double)?, ll: UnsafeMutablePointer<Double>,
        ll0: UnsafeMutablePointer<Double>?, g: UnsafeMutablePointer<Double>?, product: UnsafeMutablePointer<Double>?
    ) throws {
        let n = design.rows
        let end = min(n, (c + 1) * chunkRows)
        var start = c * chunkRows
        var s = 0.0, s0 = 0.0
        let eta = space.eta, v = space.weight, r = space.vector
        let working = mode != .likelihood
        while start < end {
            let m = min(blockRows, end - start)
            try design.linearPredictor(raw: raw, constant: constant, rows: start..<(start + m), into: eta)
            let yb = y + start
            // exp(−|η|) gives both log(1 + e^η) and the probability with the values `softplus` and
            // `logistic` return (each takes exp of −|η| on its branch).
            if let w = weights {
                w.withUnsafeBufferPointer { wBuffer in
                    let wb = wBuffer.baseAddress! + start
                    for i in 0..<m {
                        let e = eta[i], ex = exp(-abs(e))
                        let sp = e > 0 ? e + log1p(ex) : log1p(ex)
                        s += wb[i] * (yb[i] * e - sp)
                        if working {
                            let p = e >= 0 ? 1 / (1 + ex) : ex / (1 + ex)
                            r[i] = wb[i] * (yb[i] - p)
                            v[i] = wb[i] * p * (1 - p)
                        }
                    }
                    if let (b0, sp0) = interceptOnly {
                        for i in 0..<m { s0 += wb[i] * (yb[i] * b0 - sp0) }
                    }
                }
            } else {
                if working {
                    for i in 0..<m {
                        let e = eta[i], ex = exp(-abs(e))
                        let sp = e > 0 ? e + log1p(ex) : log1p(ex)
                        s += yb[i] * e - sp
                        let p = e >= 0 ? 1 / (1 + ex) : ex / (1 + ex)
                        r[i] = yb[i] - p
                        v[i] = p * (1 - p)
                    }
                } else {
                    for i in 0..<m {
                        let e = eta[i]
                        let sp = e > 0 ? e + log1p(exp(-e)) : log1p(exp(e))
                        s += yb[i] * e - sp
                    }
                }
                if let (b0, sp0) = interceptOnly {
                    for i in 0..<m { s0 += yb[i] * b0 - sp0 }
                }
            }
            if working {
                try design.accumulateWeightedGram(
                    rows: start..<(start + m), weights: v, vector: r, scratch: space.scratch, gram: g, product: product)
            }
            start += m
        }
        ll[c] = s
        ll0?[c] = s0
    }
}

/// Hands out chunk indices in increasing order to whichever worker asks next.
private final class ChunkCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let count: Int

    init(_ count: Int) { self.count = count }

    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextIndex < count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }
}

/// The first error a worker hit (the others stop at their next chunk).
private final class FirstError: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Error?

    var error: Error? { lock.lock(); defer { lock.unlock() }; return stored }
    var isSet: Bool { error != nil }

    func set(_ e: Error) {
        lock.lock()
        if stored == nil { stored = e }
        lock.unlock()
    }
}

/// One worker's buffers for a block: η, weights, working vector, and the
/// scaled-design scratch (`rows × order`). Pooled: fits run one after another, and fresh pages are
/// expensive to fault in.
final class LogisticPassWorkspace: @unchecked Sendable {
    let rows: Int
    let order: Int
    let eta: UnsafeMutablePointer<Double>
    let weight: UnsafeMutablePointer<Double>
    let vector: UnsafeMutablePointer<Double>
    let scratch: UnsafeMutablePointer<Double>

    private init(rows: Int, order: Int) {
        self.rows = rows
        self.order = order
        eta = .allocate(capacity: rows)
        weight = .allocate(capacity: rows)
        vector = .allocate(capacity: rows)
        scratch = .allocate(capacity: rows * max(order, 1))
    }

    deinit {
        eta.deallocate()
        weight.deallocate()
        vector.deallocate()
        scratch.deallocate()
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var pool: [LogisticPassWorkspace] = []

    /// `count` workspaces with room for `rows` rows of `order` columns.
    static func take(count: Int, rows: Int, order: Int) -> [LogisticPassWorkspace] {
        lock.lock()
        defer { lock.unlock() }
        var out: [LogisticPassWorkspace] = []
        while out.count < count {
            if let k = pool.firstIndex(where: { $0.rows >= rows && $0.order >= order && $0.rows * $0.order <= 4 * max(rows * order, 1) }) {
                out.append(pool.remove(at: k))
            } else {
                out.append(LogisticPassWorkspace(rows: rows, order: order))
            }
        }
        return out
    }

    /// Returns workspaces to the pool (at most a handful are kept).
    static func give(_ spaces: [LogisticPassWorkspace]) {
        lock.lock()
        defer { lock.unlock() }
        pool.append(contentsOf: spaces)
        if pool.count > 8 { pool.removeFirst(pool.count - 8) }
    }
}
