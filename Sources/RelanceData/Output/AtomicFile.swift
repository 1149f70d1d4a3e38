import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a file so that readers see either the old content or the complete new one, never a part.
///
/// The bytes go to a temporary file in the destination folder (same file system), are flushed,
/// and the temporary file is renamed over the destination. A failure leaves the destination as it
/// was and removes the temporary file. Every output of Relance goes through this.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let tmp = temporaryURL(for: url)
        do {
            try data.write(to: tmp, options: [])
            let handle = try FileHandle(forWritingTo: tmp)
            try handle.synchronize()
            try handle.close()
            if rename(tmp.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw error
        }
    }

    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// Writes the concatenation of `chunks`, in order, with the same guarantees as
    /// the `Data` overload.
    ///
    /// Large outputs (the daily risk list is tens of megabytes) are produced in several buffers;
    /// writing them one after the other to the temporary file spares joining them into one `Data`,
    /// a copy of the whole file that costs as much as the writing itself.
    public static func write<Chunks: Sequence>(chunks: Chunks, to url: URL) throws
    where Chunks.Element: ContiguousBytes {
        let tmp = temporaryURL(for: url)
        let fd = open(tmp.path, O_WRONLY | O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw failure(errno, tmp) }
        var open = true
        do {
            for chunk in chunks {
                try chunk.withUnsafeBytes { raw in
                    var offset = 0
                    while offset < raw.count {
                        let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                        if n < 0 {
                            if errno == EINTR { continue }
                            throw failure(errno, tmp)
                        }
                        offset += n
                    }
                }
            }
            guard fsync(fd) == 0 else { throw failure(errno, tmp) }
            open = false
            guard close(fd) == 0 else { throw failure(errno, tmp) }
            if rename(tmp.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        } catch {
            if open { _ = close(fd) }
            _ = unlink(tmp.path)
            throw error
        }
    }

    /// A fresh name beside `url` (same folder, so the rename stays on one file system).
    private static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
    }

    private static func failure(_ code: Int32, _ url: URL) -> Error {
        CocoaError(.fileWriteUnknown, userInfo: [
            NSFilePathErrorKey: url.path,
            NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO),
        ])
    }
}
