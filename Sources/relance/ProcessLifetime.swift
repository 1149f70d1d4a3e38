/// Values a command keeps until the process ends, so that they are never released one by one.
///
/// Why: a daily scoring run holds a million-row history (a `String` per invoice id) and a hundred
/// thousand scored rows (each with strings and arrays). Releasing them element by element when the
/// command returns cost about a tenth of a second of single-threaded work, after the output was
/// already written; the kernel reclaims the whole address space at exit in one step instead.
/// Only for values the command needs until its end anyway: this is not a cache.
enum ProcessLifetime {
    nonisolated(unsafe) private static var kept: [Any] = []

    /// Keeps `value` (and everything it references) alive until the process exits.
    static func keepUntilExit(_ value: Any) {
        kept.append(value)
    }
}
