import Foundation
import RelanceModels

#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress display on standard error, shown only when standard error is a terminal
/// (a pipe, a log file or a cron mail gets nothing, so output stays clean and diffable).
final class TerminalProgress {
    let enabled: Bool
    private var lastDraw: UInt64 = 0

    init(enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.enabled = enabled
    }

    /// Shows `text` on the status line, replacing what was there.
    func status(_ text: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }

    /// Prints `text` as a finished line.
    func done(_ text: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)\n".utf8))
    }

    /// The display for one pipeline event; iterations are throttled to ~20 redraws a second.
    func handle(_ event: TrainingEvent) {
        guard enabled else { return }
        switch event {
        case let .stageStarted(name):
            status("\(Self.label(name))…")
        case let .stageFinished(name, seconds):
            done("\(Self.label(name)): \(String(format: "%.2f", seconds)) s")
        case let .iteration(fit, iteration, logLikelihood):
            let now = DispatchTime.now().uptimeNanoseconds
            guard now - lastDraw > 50_000_000 || iteration == 1 else { return }
            lastDraw = now
            status("\(fit): IRLS iteration \(iteration), log-likelihood \(String(format: "%.3f", logLikelihood))")
        }
    }

    static func label(_ stage: String) -> String {
        switch stage {
        case "read": return "reading input"
        case "prepare": return "history as of the as-of day"
        case "features": return "point-in-time features"
        case "late_model": return "late-payment model"
        case "severe_model": return "severe-delay model"
        case "anomaly": return "anomaly detector"
        case "write": return "writing the bundle"
        default: return stage
        }
    }
}
