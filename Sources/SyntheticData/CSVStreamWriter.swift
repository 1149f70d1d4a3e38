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
    /// A fixed buffer written through a raw pointer: appending to a `[UInt8]` stored in a class
    /// pays a uniqueness check per byte, which showed up as a fifth of the writing time.
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity = 1 << 20
    private var count = 0
    private let days: DayTextTable
    private(set) var bytesWritten = 0

    init(destination: URL, days: DayTextTable, seed: UInt64) throws {
        self.destination = destination
        self.days = days
        let dir = destination.deletingLastPathComponent()
        temporary = dir.appendingPathComponent(
            ".\(destination.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(seed & 0xFFFF)")
        buffer = .allocate(capacity: capacity)
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            buffer.deallocate()
            throw GeneratorError.writeFailed(path: destination.path, reason: "cannot create a temporary file in \(dir.path)")
        }
        do {
            handle = try FileHandle(forWritingTo: temporary)
        } catch {
            buffer.deallocate()
            try? FileManager.default.removeItem(at: temporary)
            throw GeneratorError.writeFailed(path: destination.path, reason: "\(error.localizedDescription)")
        }
    }

    deinit {
        if handle != nil {
            try? handle?.close()
            try? FileManager.default.removeItem(at: temporary)
        }
        buffer.deallocate()
    }

    // MARK: - Fields

    /// Room for `n` more bytes; flushes when the buffer would overflow. Rows are far smaller
    /// than the buffer, so a flush check per row is enough and fields append unchecked, except
    /// free text, which reserves its own room.
    @inline(__always) private func reserve(_ n: Int) throws {
        if count + n > capacity { try flush() }
    }

    @inline(__always) func byte(_ b: UInt8) {
        buffer[count] = b
        count += 1
    }

    @inline(__always) func comma() { byte(44) }

    /// Ends a row, flushing when less than 64 KiB of room is left for the next one.
    func endRow() throws {
        byte(10)
        if count > capacity - 65_536 { try flush() }
    }

    /// A text field, quoted (RFC 4180) when it holds a comma, quote or line break.
    func text(_ s: String) throws {
        var needsQuotes = false
        var length = 0
        for b in s.utf8 {
            length += 1
            if b == 44 || b == 34 || b == 10 || b == 13 { needsQuotes = true }
        }
        let room = needsQuotes ? 2 * length + 2 : length
        if count + room > capacity { try flush() }
        if room > capacity {
            // Larger than the whole buffer: escape into a temporary array and write it directly.
            var escaped: [UInt8] = needsQuotes ? [34] : []
            for b in s.utf8 {
                if b == 34 { escaped.append(34) }
                escaped.append(b)
            }
            if needsQuotes { escaped.append(34) }
            try writeDirectly(escaped)
            return
        }
        if !needsQuotes {
            for b in s.utf8 { byte(b) }
            return
        }
        byte(34)
        for b in s.utf8 {
            if b == 34 { byte(34) }
            byte(b)
        }
        byte(34)
    }

    /// Bytes known to need no quoting (headers, enum labels).
    func raw(_ s: StaticString) {
        s.withUTF8Buffer { for b in $0 { byte(b) } }
    }

    @inline(__always) func raw(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            (buffer + count).update(from: base, count: p.count)
            count += p.count
        }
    }

    /// `YYYY-MM-DD`, or nothing for `Day.missing`.
    @inline(__always) func day(_ raw: Int32) {
        if raw == Int32.min { return }
        count += days.write(raw, to: buffer + count)
    }

    /// A non-negative integer padded with zeros to `width` digits.
    @inline(__always) func padded(_ value: Int, width: Int) {
        var digits = 1
        var probe = value
        while probe >= 10 { probe /= 10; digits += 1 }
        let n = max(digits, width)
        var v = value
        var i = count + n - 1
        while i >= count {
            buffer[i] = UInt8(truncatingIfNeeded: 48 + v % 10)
            v /= 10
            i -= 1
        }
        count += n
    }

    func integer(_ value: Int) {
        if value < 0 { byte(45) }
        padded(abs(value), width: 1)
    }

    /// An amount in minor units written as a decimal with two places (`123456` → `1234.56`).
    @inline(__always) func cents(_ value: Int64) {
        if value < 0 { byte(45) }
        let v = abs(value)
        padded(Int(v / 100), width: 1)
        byte(46)
        padded(Int(v % 100), width: 2)
    }

    /// A fraction written with four decimals (`0.8731`), deterministic and locale-free.
    func fixed4(_ value: Double) {
        let scaled = Int((value * 10_000).rounded())
        if scaled < 0 { byte(45) }
        let v = abs(scaled)
        padded(v / 10_000, width: 1)
        byte(46)
        padded(v % 10_000, width: 4)
    }

    // MARK: - Lifecycle

    func flush() throws {
        guard let handle, count > 0 else { return }
        do {
            try handle.write(contentsOf: UnsafeRawBufferPointer(start: buffer, count: count))
        } catch {
            throw GeneratorError.writeFailed(path: destination.path, reason: "\(error.localizedDescription)")
        }
        bytesWritten += count
        count = 0
    }

    private func writeDirectly(_ bytes: [UInt8]) throws {
        try flush()
        guard let handle else { return }
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            throw GeneratorError.writeFailed(path: destination.path, reason: "\(error.localizedDescription)")
        }
        bytesWritten += bytes.count
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
