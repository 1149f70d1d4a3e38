import Dispatch

/// Runs `parts` independent pieces of work, at once when there are several (one per core; the
/// history preparation splits in two). A piece must only change what no other piece reads.
enum TwoCores {
    static func run(_ parts: Int, _ body: (Int) -> Void) {
        if parts <= 1 {
            body(0)
            return
        }
        withoutActuallyEscaping(body) { body in
            let work = UncheckedSendableWork(body)
            DispatchQueue.concurrentPerform(iterations: parts) { work.run($0) }
        }
    }
}

/// The pieces of ``TwoCores/run(_:_:)``.
private struct UncheckedSendableWork: @unchecked Sendable {
    let run: (Int) -> Void
    init(_ run: @escaping (Int) -> Void) { self.run = run }
}
