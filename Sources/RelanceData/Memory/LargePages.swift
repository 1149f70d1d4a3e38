import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Asks the kernel to back a large, freshly allocated and not yet written buffer with huge pages.
///
/// A million-row feature matrix is 264 MB; faulting it in 4 KB at a time costs ~65,000 page faults,
/// a quarter of the run time on a busy machine. With transparent huge pages in `madvise` mode (the
/// Debian default) this cuts that to a few hundred. Purely a hint: nothing changes if the kernel
/// declines or the platform has no such call.
public enum LargePages {
    public static let threshold = 8 << 20

    public static func advise(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        guard buffer.count >= threshold, let base = buffer.baseAddress else { return }
        let huge = 2 << 20
        let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: base) + buffer.count) & ~(huge - 1)
        guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(pointer, end - start, MADV_HUGEPAGE)
        #endif
    }

    /// ``advise(_:)``, then has the kernel back the whole of `buffer` now, by writing one byte per
    /// page from a few threads at once.
    ///
    /// Why: the kernel zeroes every fresh page on its first write. For a buffer that one thread then
    /// fills (a scatter into a customer-major layout), that zeroing is serial and, on a virtual
    /// machine whose host hands memory back lazily, it was up to half of preparing the history.
    /// Done here it is shared between the cores. Only for buffers about to be written in full:
    /// the bytes written are zeros in memory not yet initialised.
    public static func prefault(_ buffer: UnsafeMutableRawBufferPointer) {
        advise(buffer)
        #if os(Linux)
        guard buffer.count >= threshold, let base = buffer.baseAddress else { return }
        let page = 4096
        let pages = (buffer.count + page - 1) / page
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4))
        let shared = UncheckedSendableAddress(base)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var i = pages * part / parts
            let end = pages * (part + 1) / parts
            while i < end {
                shared.base.storeBytes(of: 0, toByteOffset: i * page, as: UInt8.self)
                i += 1
            }
        }
        #endif
    }

    /// ``advise(_:)`` for the reserved but not yet written capacity of `array` (call right after
    /// `reserveCapacity`, before appending: the kernel only backs untouched pages with huge pages).
    public static func adviseCapacity<Element>(of array: inout [Element]) {
        let capacity = array.capacity
        guard capacity * MemoryLayout<Element>.stride >= threshold else { return }
        array.withUnsafeMutableBufferPointer { b in
            guard let base = b.baseAddress else { return }
            advise(UnsafeMutableRawBufferPointer(start: base, count: capacity * MemoryLayout<Element>.stride))
        }
    }
}

/// The base of a buffer whose pages several threads touch (each its own pages).
private struct UncheckedSendableAddress: @unchecked Sendable {
    let base: UnsafeMutableRawPointer
    init(_ base: UnsafeMutableRawPointer) { self.base = base }
}
