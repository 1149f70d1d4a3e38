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
        guard buffer.count >= threshold, let (pointer, count) = interior(of: buffer, alignedTo: 2 << 20) else { return }
        _ = madvise(pointer, count, MADV_HUGEPAGE)
        #endif
    }

    /// The largest stretch of `buffer` that starts and ends on a multiple of `alignment` (a power
    /// of two): what `madvise` may be given. Nil when there is none.
    static func interior(of buffer: UnsafeMutableRawBufferPointer, alignedTo alignment: Int) -> (UnsafeMutableRawPointer, Int)? {
        guard let base = buffer.baseAddress else { return nil }
        let start = (Int(bitPattern: base) + alignment - 1) & ~(alignment - 1)
        let end = (Int(bitPattern: base) + buffer.count) & ~(alignment - 1)
        guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return nil }
        return (pointer, end - start)
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

