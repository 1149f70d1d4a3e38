import Foundation

/// Streams a CSV file to disk in 1 MiB chunks and moves it into place atomically when finished.
///
/// A million-row history is about 85 MB: building it as one `String` would double memory and cost
/// seconds of copying. Fields are appended as bytes (dates from a precomputed table, amounts from
/// integer cents); the bytes go to a hidden temporary file beside the destination, which is
/// renamed over it by ``finish()``, so a reader never sees a half-written file. If the writer is
/// dropped without ``finish()``, the temporary file is removed.
final class CSVStreamWriter {
    private let destination: URL
    private let temporary: URL
    private var handle: FileHandle?
    private var buffer: [UInt8] = []
    private let chunk = 1 << 20
    private let days: DayTextTable
    private(set) var bytesWritten = 0

    init(destination: URL, days: DayTextTable, seed: UInt64) throws {
        self.destination = destination
        self.days = days
        let dir = destination.deletingLastPathComponent()
        temporary = dir.appendingPathComponent(
            ".\(destination.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(seed & 0xFFFF)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw GeneratorError.writeFailed(path: destination.path, reason: "cannot create a temporary file in \(dir.path)")
        }
        do {
            handle = try FileHandle(forWritingTo: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw GeneratorError.writeFailed(path: destination.path, reason: "\(error.localizedDescription)")
        }
        buffer.reserveCapacity(chunk + 4096)
    }

    deinit {
        if handle != nil {
            try? handle?.close()
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    // MARK: - Fields

    @inline(__always) func byte(_ b: UInt8) { buffer.append(b) }
    @inline(__always) func comma() { buffer.append(44) }

    /// Ends a row, flushing the chunk when it is full.
    func endRow() throws {
        buffer.append(10)
        if buffer.count >= chunk { try flush() }
    }

    /// A text field, quoted (RFC 4180) when it holds a comma, quote or line break.
    func text(_ s: String) {
        var needsQuotes = false
        for b in s.utf8 where b == 44 || b == 34 || b == 10 || b == 13 {
            needsQuotes = true
            break
        }
        if !needsQuotes {
            buffer.append(contentsOf: s.utf8)
            return
        }
        buffer.append(34)
        for b in s.utf8 {
            if b == 34 { buffer.append(34) }
            buffer.append(b)
        }
        buffer.append(34)
    }

    /// Bytes known to need no quoting (headers, enum labels).
    func raw(_ s: StaticString) {
        s.withUTF8Buffer { buffer.append(contentsOf: $0) }
    }

    func raw(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }

    /// `YYYY-MM-DD`, or nothing for `Day.missing`.
    @inline(__always) func day(_ raw: Int32) {
        if raw == Int32.min { return }
        days.append(raw, to: &buffer)
    }

    /// A non-negative integer padded with zeros to `width` digits.
    func padded(_ value: Int, width: Int) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var v = value
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[n] = UInt8(48 + v % 10)
                v /= 10
                n += 1
            } while v > 0 && n < 20
            while n < width && n < 20 {
                d[n] = 48
                n += 1
            }
            for i in stride(from: n - 1, through: 0, by: -1) { buffer.append(d[i]) }
        }
    }

    func integer(_ value: Int) {
        if value < 0 { buffer.append(45) }
        padded(abs(value), width: 1)
    }

    /// An amount in minor units written as a decimal with two places (`123456` → `1234.56`).
    func cents(_ value: Int64) {
        if value < 0 { buffer.append(45) }
        let v = abs(value)
        padded(Int(v / 100), width: 1)
        buffer.append(46)
        padded(Int(v % 100), width: 2)
    }

    /// A fraction written with four decimals (`0.8731`), deterministic and locale-free.
    func fixed4(_ value: Double) {
        let scaled = Int((value * 10_000).rounded())
        if scaled < 0 { buffer.append(45) }
        let v = abs(scaled)
        padded(v / 10_000, width: 1)
        buffer.append(46)
        padded(v % 10_000, width: 4)
    }

    // MARK: - Lifecycle

    func flush() throws {
        guard let handle, !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw GeneratorError.writeFailed(path: destination.path, reason: "\(error.localizedDescription)")
        }
        bytesWritten += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and renames the temporary file over the destination.
    func finish() throws {
        try flush()
        guard let handle else { return }
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw GeneratorError.writeFailed(path: destination.path, reason: "\(error.localizedDescription)")
        }
        self.handle = nil
        if rename(temporary.path, destination.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw GeneratorError.writeFailed(path: destination.path, reason: "cannot move the finished file into place")
        }
    }
}
