import Foundation

/// Times the pipeline's stages and forwards progress events, safely from two threads (the anomaly
/// detector trains beside the logistic models): events are delivered one at a time.
final class StageRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var stages: [(stage: String, seconds: Double)] = []
    private let sink: (TrainingEvent) -> Void

    init(sink: @escaping (TrainingEvent) -> Void) {
        self.sink = sink
    }

    func report(_ event: TrainingEvent) {
        lock.lock()
        defer { lock.unlock() }
        sink(event)
    }

    /// Runs `body` as stage `name`, reporting its start and end and recording its wall time.
    func stage<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        report(.stageStarted(name))
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        lock.lock()
        stages.append((name, seconds))
        lock.unlock()
        report(.stageFinished(name, seconds: seconds))
        return value
    }

    /// The recorded stages in pipeline order.
    func ordered(_ order: [String]) -> [(stage: String, seconds: Double)] {
        lock.lock()
        defer { lock.unlock() }
        return stages.sorted { (order.firstIndex(of: $0.stage) ?? order.count) < (order.firstIndex(of: $1.stage) ?? order.count) }
    }
}

/// A value handed from a background thread to the thread that waits for it.
final class HandOff<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?

    func put(_ value: Value) {
        lock.lock()
        stored = value
        lock.unlock()
    }

    func take() -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
