import Dispatch

/// Runs independent pieces of work at once, one per core, and returns when all are done.
///
/// Why: the ingest merges and the history preparation split their work into a few parts that
/// change disjoint memory; `DispatchQueue.concurrentPerform` does the running, and this wraps the
/// non-escaping closures it is given so that each caller need not (the parts are documented, not
/// checked, to be independent).
public enum ConcurrentParts {
    /// Runs `body(0) … body(parts - 1)`, concurrently when `parts` > 1. A part must only change
    /// what no other part reads or changes.
    public static func run(_ parts: Int, _ body: (Int) -> Void) {
        if parts <= 1 {
            if parts == 1 { body(0) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let work = UncheckedSendableParts(body)
            DispatchQueue.concurrentPerform(iterations: parts) { work.run($0) }
        }
    }

    /// Runs `first` and `second` at once (see ``run(_:_:)``).
    public static func run(_ first: () -> Void, _ second: () -> Void) {
        run(2) { $0 == 0 ? first() : second() }
    }
}

/// The parts of ``ConcurrentParts/run(_:_:)``.
private struct UncheckedSendableParts: @unchecked Sendable {
    let run: (Int) -> Void
    init(_ run: @escaping (Int) -> Void) { self.run = run }
}
