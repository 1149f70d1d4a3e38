#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The number of threads OpenBLAS may use, when the loaded BLAS is OpenBLAS.
///
/// Training runs the anomaly detector on a second thread while the logistic models fit. On a
/// two-core machine OpenBLAS's own second thread then competes with it for the same core and
/// spins while waiting (a few percent of the run's CPU for no speed-up). The pipeline therefore
/// asks OpenBLAS for one thread fewer than there are cores while it runs work beside BLAS.
/// Which BLAS is loaded is Debian's choice at run time: with the reference BLAS (single-threaded)
/// every call here does nothing. An explicit `OPENBLAS_NUM_THREADS` or `OMP_NUM_THREADS` in the
/// environment always wins: then nothing is changed.
public enum BLASThreads {
    private typealias SetThreads = @convention(c) (Int32) -> Void
    private typealias GetThreads = @convention(c) () -> Int32

    private static func symbol(_ name: String) -> UnsafeMutableRawPointer? {
        #if os(Linux)
        return dlsym(UnsafeMutableRawPointer(bitPattern: 0), name)   // RTLD_DEFAULT
        #else
        return nil
        #endif
    }

    /// OpenBLAS's current thread count, or nil when the loaded BLAS is not OpenBLAS.
    public static var current: Int? {
        guard let get = symbol("openblas_get_num_threads") else { return nil }
        return Int(unsafeBitCast(get, to: GetThreads.self)())
    }

    /// Limits OpenBLAS to `limit` threads (at least one) and returns the count to restore, or nil
    /// when nothing was changed (the environment fixes the count, the BLAS is not OpenBLAS, or it
    /// already uses no more than `limit`).
    public static func limit(to limit: Int) -> Int? {
        let environment = ProcessInfo.processInfo.environment
        guard environment["OPENBLAS_NUM_THREADS"] == nil, environment["OMP_NUM_THREADS"] == nil,
              let before = current, let set = symbol("openblas_set_num_threads") else { return nil }
        let wanted = max(1, limit)
        guard wanted < before else { return nil }
        unsafeBitCast(set, to: SetThreads.self)(Int32(clamping: wanted))
        return before
    }

    /// Stops OpenBLAS's worker threads until the next threaded BLAS call starts them again.
    ///
    /// Why: OpenBLAS starts its workers when the library loads, and an idle worker busy-waits
    /// (`sched_yield` in a loop) for about 2^28 cycles before it sleeps. A command that reads a
    /// large CSV on every core (or does no matrix work at all) then shares its cores with a
    /// spinning thread: measured on two cores, 0.08 s of system time and 8% of a 1M-row ingest.
    /// OpenBLAS restarts the workers by itself on the next call that wants them (checked: a
    /// 1500² `dgemm` after this runs on both cores at the same speed). Does nothing when the
    /// loaded BLAS is not OpenBLAS.
    public static func parkIdleWorkers() {
        typealias Shutdown = @convention(c) () -> Int32
        guard let shutdown = symbol("blas_thread_shutdown_") else { return }
        _ = unsafeBitCast(shutdown, to: Shutdown.self)()
    }

    /// Puts back the count returned by ``limit(to:)`` (nil: nothing to do).
    public static func restore(_ count: Int?) {
        guard let count, let set = symbol("openblas_set_num_threads") else { return }
        unsafeBitCast(set, to: SetThreads.self)(Int32(clamping: count))
    }
}
