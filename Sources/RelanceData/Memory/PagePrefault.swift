#if canImport(Glibc)
import Glibc
#endif
import Dispatch

/// Faults in the pages of a large, freshly allocated buffer on another core, while this one
/// starts filling it.
///
/// Why: on a virtual machine the first touch of fresh memory is the most expensive thing a daily
/// run does (the kernel zeroes every page, and the host may have to back it first: 0.4 to 1.8 ms
/// per MB measured here), and a stage that fills a history-sized buffer in a scattered order (the
/// customer-major invoice facts, the timeline) pays it all on one thread while the other core
/// idles. Linux's `MADV_POPULATE_WRITE` faults the range in as if written, without changing a
/// byte, so it is safe whatever the filling thread is doing meanwhile, and even if the buffer were
/// freed first (the call then fails, harmlessly). Purely a hint: nothing happens on other systems
/// or older kernels, or for buffers under ``LargePages/threshold``.
public enum PagePrefault {
    /// `MADV_POPULATE_WRITE` (Linux 5.14), not in the C library's headers everywhere.
    private static let populateWrite: Int32 = 23

    /// Starts faulting in `buffer`'s pages on a background thread and returns at once.
    public static func start(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        guard buffer.count >= LargePages.threshold, let base = buffer.baseAddress else { return }
        let page = 4096
        let start = (Int(bitPattern: base) + page - 1) & ~(page - 1)
        let end = (Int(bitPattern: base) + buffer.count) & ~(page - 1)
        guard end > start else { return }
        DispatchQueue.global().async {
            guard let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
            _ = madvise(pointer, end - start, populateWrite)
        }
        #endif
    }
}
