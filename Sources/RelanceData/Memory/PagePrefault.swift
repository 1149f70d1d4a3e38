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
        guard buffer.count >= LargePages.threshold,
              let (pointer, count) = LargePages.interior(of: buffer, alignedTo: 4096) else { return }
        let range = UncheckedSendableRange(pointer: pointer, count: count)
        DispatchQueue.global().async { _ = madvise(range.pointer, range.count, populateWrite) }
        #endif
    }
}

/// The page-aligned stretch handed to the background thread (an address, not memory it reads).
private struct UncheckedSendableRange: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
    let count: Int
}
