import Foundation
import LinearAlgebra

extension TrainingPipeline {
    /// Leaves one core to the anomaly detector: OpenBLAS gets one thread fewer than there are cores
    /// (at least one) for the rest of the process.
    ///
    /// The detector trains on a second thread while the logistic models fit; on a two-core machine
    /// OpenBLAS's own second thread would only compete with it for the same core and spin while
    /// waiting. Call it once, at process start, before any other thread can be inside BLAS (the
    /// OpenBLAS thread count is process-wide and must not change under a running call, nor between
    /// two fits: a different count changes the last bits of a Hessian, and training twice must give
    /// byte-identical bundles). `relance train` does; library callers and tests keep their BLAS as
    /// configured. Does nothing when `OPENBLAS_NUM_THREADS`/`OMP_NUM_THREADS` is set or the loaded
    /// BLAS is not OpenBLAS.
    public static func leaveACoreForTheAnomalyDetector() {
        _ = BLASThreads.limit(to: ProcessInfo.processInfo.activeProcessorCount - 1)
        // Changing the count (re)starts OpenBLAS's worker threads, which then busy-wait ~0.1 s of
        // CPU for work that, at one thread, never comes: park them again (measured: one worker
        // spinning in `sched_yield` for 0.1 s of a 1M-row train).
        BLASThreads.parkIdleWorkers()
    }
}
