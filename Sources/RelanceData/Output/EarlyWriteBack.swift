#if canImport(Glibc)
import Glibc
#endif

/// Starts the kernel writing a just-written range of a file to disk, without waiting.
///
/// Why: an atomic write ends with `fsync` before the rename. For a file written block by block,
/// asking for each block's write-back as soon as it is written (Linux `sync_file_range` with
/// `SYNC_FILE_RANGE_WRITE`) lets the disk work while the next blocks are formatted, so the final
/// `fsync` has little left to wait for. It is only a hint: the `fsync` still gives the guarantee,
/// and where the call does not exist nothing happens. The C library declares it only for GNU
/// sources, hence the lookup by name.
enum EarlyWriteBack {
    private typealias SyncFileRange = @convention(c) (Int32, Int64, Int64, UInt32) -> Int32
    /// `SYNC_FILE_RANGE_WRITE` from `<fcntl.h>`.
    private static let write: UInt32 = 2

    private static let function: SyncFileRange? = {
        #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sync_file_range") else { return nil }   // RTLD_DEFAULT
        return unsafeBitCast(symbol, to: SyncFileRange.self)
        #else
        return nil
        #endif
    }()

    /// Asks for the write-back of `count` bytes of `fd` from `offset`; errors are ignored.
    static func start(_ fd: Int32, offset: Int, count: Int) {
        guard count > 0, let function else { return }
        _ = function(fd, Int64(offset), Int64(count), write)
    }
}
