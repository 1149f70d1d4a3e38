import Foundation

/// The outcome of work done on another thread, handed over under a lock: written once by the
/// worker, read by the caller after it has waited for the worker's group.
final class BackgroundResult<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Result<Value, Error>?

    func put(_ result: Result<Value, Error>) {
        lock.lock()
        stored = result
        lock.unlock()
    }

    /// Nil when no work was started.
    func take() -> Result<Value, Error>? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
