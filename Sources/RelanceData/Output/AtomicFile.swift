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

    /// Writes `blockCount` blocks, produced on a few cores at once by `fill(k, &buffer)` (which
    /// appends block `k` to an empty buffer), in block order, with the same guarantees as the
    /// `Data` overload.
    ///
    /// Why: the daily risk list is tens of megabytes. Formatting it whole and then writing it
    /// touched as much fresh memory as the file's size and left the cores idle while the kernel
    /// copied and flushed it. Here each worker reuses one buffer: it takes the next block number,
    /// fills its buffer, waits until the blocks before it are written, writes its block and asks
    /// the kernel to start writing it to disk (so the final flush has little left to do) while
    /// the other workers go on formatting. A worker only waits for blocks already taken by running
    /// workers, so the workers cannot deadlock, even when they run one after the other.
    public static func write(blockCount: Int, to url: URL, fill: @Sendable (Int, inout CSVBuffer) -> Void) throws {
        let tmp = temporaryURL(for: url)
        let fd = open(tmp.path, O_WRONLY | O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw failure(errno, tmp) }
        let order = BlockOrder()
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, blockCount))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var buffer = CSVBuffer(reservingCapacity: 1 << 20)
            while let k = order.take(below: blockCount) {
                buffer.removeAll()
                fill(k, &buffer)
                order.whenTurn(k) { offset in
                    buffer.withUnsafeBytes { raw in writeFully(fd, raw, at: offset) }
                }
            }
        }
        do {
            if let code = order.failure { throw failure(code, tmp) }
            guard fsync(fd) == 0 else { throw failure(errno, tmp) }
            guard close(fd) == 0 else { throw failure(errno, tmp) }
            if rename(tmp.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        } catch {
            _ = close(fd)
            _ = unlink(tmp.path)
            throw error
        }
    }

    /// Writes all of `raw` at `offset`, then starts its write-back (``EarlyWriteBack``).
    private static func writeFully(_ fd: Int32, _ raw: UnsafeRawBufferPointer, at offset: Int) -> BlockWrite {
        var done = 0
        while done < raw.count {
            let n = pwrite(fd, raw.baseAddress! + done, raw.count - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                return .failed(errno)
            }
            done += n
        }
        EarlyWriteBack.start(fd, offset: offset, count: done)
        return .written(done)
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

/// What writing one block came to: the bytes written, or the `errno` of the failure.
private enum BlockWrite {
    case written(Int)
    case failed(Int32)
}

/// Hands out block numbers and lets blocks be written strictly in order, each at the offset where
/// the previous one ended; remembers the first write failure (later blocks are then skipped).
private final class BlockOrder: @unchecked Sendable {
    private let condition = NSCondition()
    private var next = 0
    private var turn = 0
    private var offset = 0
    private(set) var failure: Int32?

    /// The next block number, nil when all are taken or a write failed.
    func take(below count: Int) -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard next < count, failure == nil else { return nil }
        next += 1
        return next - 1
    }

    /// Waits until blocks before `k` are written, then runs `write` with block `k`'s offset.
    func whenTurn(_ k: Int, _ write: (Int) -> BlockWrite) {
        condition.lock()
        while turn != k { condition.wait() }
        let at = offset
        let skip = failure != nil
        condition.unlock()
        let outcome: BlockWrite = skip ? .written(0) : write(at)
        condition.lock()
        switch outcome {
        case .written(let n): offset += n
        case .failed(let code): if failure == nil { failure = code }
        }
        turn += 1
        condition.broadcast()
        condition.unlock()
    }
}
