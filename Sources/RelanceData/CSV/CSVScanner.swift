import Foundation

/// Reads RFC 4180 records from a file in large chunks and exposes each record's fields as byte spans.
///
/// Why bytes: a million-row file must not pay for a `String` per field. The scanner reads the file
/// in chunks of a few megabytes (memory stays flat whatever the file size), finds field and record
/// boundaries in one pass, and hands out spans into its own buffer; only the columns a table keeps
/// as text are turned into `String`s by the caller.
///
/// Accepted: quoted fields with embedded commas, doubled quotes and line breaks; LF or CRLF line
/// ends (a lone CR ends a line too); an optional UTF-8 byte-order mark; blank lines (skipped: they
/// hold no data). Refused (``CSVSyntaxError``): a quoted field that never closes, and a character
/// after a closing quote other than a comma or a line end.
///
/// Spans are valid until the next call to ``next()``. Line numbers are physical lines (the header
/// is line 1); ``recordLine`` is the line on which the current record starts.
final class CSVScanner {
    private let fd: Int32
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var start = 0
    private var end = 0
    private var eof = false
    private var nextLine = 1
    private var atFileStart: Bool

    /// Byte spans of the current record's fields (start, end) into the internal buffer.
    /// Raw storage rather than an array: the row parser reads them through a ``CSVRow`` snapshot
    /// with plain pointer arithmetic (no exclusivity checks per field on the hot path).
    private var spans: UnsafeMutablePointer<FieldSpan>
    private var spanCapacity = 64
    private(set) var fieldCount = 0
    /// Physical line where the current record starts.
    private(set) var recordLine = 0
    /// Whether the current record holds a byte ≥ 0x80 (only then is UTF-8 validated).
    private(set) var recordHasNonASCII = false
    /// Size of the file in bytes (for capacity estimates).
    let fileSize: Int
    /// Bytes consumed so far (records and blank lines).
    private(set) var bytesConsumed = 0

    /// Byte offset in the file where this scanner started (0 for a whole file).
    let startOffset: Int

    /// Absolute offset in the file of the next record (after the records read so far).
    var offset: Int { startOffset + bytesConsumed }

    /// Physical lines consumed so far (relative to ``startOffset``).
    var linesConsumed: Int { nextLine - 1 }

    /// Opens `url` for scanning from its start, or from `startOffset` — which must be the start
    /// of a record; no byte-order mark is looked for there and lines count from 1 again.
    init(url: URL, startOffset: Int = 0, chunkSize: Int = 256 << 10) throws {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { throw CSVOpenError(errno: errno) }
        if startOffset > 0, lseek(fd, off_t(startOffset), SEEK_SET) < 0 {
            let e = errno
            close(fd)
            throw CSVOpenError(errno: e)
        }
        self.fd = fd
        self.startOffset = startOffset
        self.atFileStart = startOffset == 0
        var st = stat()
        fileSize = fstat(fd, &st) == 0 ? Int(st.st_size) : 0
        capacity = max(chunkSize, 64)
        buffer = .allocate(capacity: capacity)
        spans = .allocate(capacity: spanCapacity)
    }

    deinit {
        buffer.deallocate()
        spans.deallocate()
        close(fd)
    }

    /// The current record, valid until the next call to ``next()``.
    var row: CSVRow {
        CSVRow(base: buffer, spans: spans, count: fieldCount, line: recordLine, hasNonASCII: recordHasNonASCII)
    }

    /// The bytes of field `i` of the current record (quotes removed, doubled quotes undone).
    func bytes(_ i: Int) -> UnsafeRawBufferPointer { row.bytes(i) }

    /// Field `i` as text; nil when it is not valid UTF-8.
    func string(_ i: Int) -> String? { row.string(i) }

    /// Advances to the next record; false at the end of the file.
    func next() throws -> Bool {
        while true {
            switch scan() {
            case .record(let consumedTo, let lines):
                finishRecord()
                bytesConsumed += consumedTo - start
                start = consumedTo
                nextLine += lines
                return true
            case .endOfFile:
                return false
            case .needMore:
                try refill()
            case .unterminatedQuote:
                throw CSVSyntaxError(line: recordLine, message: "quoted field is never closed (a \" opened on this line has no closing \")")
            case .garbageAfterQuote(let lines):
                throw CSVSyntaxError(line: recordLine + lines, message: "unexpected character after a closing quote (a quote inside a quoted field must be doubled: \"\")")
            }
        }
    }

    private enum ScanResult {
        case record(consumedTo: Int, lines: Int)
        case endOfFile
        case needMore
        case unterminatedQuote
        case garbageAfterQuote(lines: Int)
    }

    private func refill() throws {
        if start > 0 {
            let n = end - start
            if n > 0 { memmove(buffer, buffer + start, n) }
            end = n
            start = 0
        } else if end == capacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            bigger.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = bigger
            capacity *= 2
        }
        while end < capacity {
            let n = read(fd, buffer + end, capacity - end)
            if n < 0 {
                if errno == EINTR { continue }
                throw CSVOpenError(errno: errno)
            }
            if n == 0 { eof = true; break }
            end += n
            if end >= capacity / 2 { break }
        }
        if atFileStart, end - start >= 3 || eof {
            atFileStart = false
            if end - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF {
                start += 3
                bytesConsumed += 3
            }
        }
    }

    private func scan() -> ScanResult {
        let buf = buffer
        let end = self.end
        var p = start
        var lines = 0
        var acc: UInt8 = 0
        var sp = spans
        var cap = spanCapacity
        var n = 0
        @inline(__always) func push(_ span: FieldSpan) {
            if n == cap {
                let bigger = UnsafeMutablePointer<FieldSpan>.allocate(capacity: cap * 2)
                bigger.update(from: sp, count: n)
                sp.deallocate()
                sp = bigger
                cap *= 2
                spans = sp
                spanCapacity = cap
            }
            sp[n] = span
            n += 1
        }
        if atFileStart { return .needMore }
        // Skip blank lines before the record.
        while p < end, buf[p] == 10 || buf[p] == 13 {
            if buf[p] == 13 {
                if p + 1 == end, !eof { return .needMore }
                if p + 1 < end, buf[p + 1] == 10 { p += 1 }
            }
            p += 1
            lines += 1
        }
        if p == end {
            if eof {
                nextLine += lines
                start = p
                return .endOfFile
            }
            return .needMore
        }
        // The blank lines before the record are part of what this record consumes.
        recordLine = nextLine + lines
        while true {
            // At the start of a field.
            if p < end, buf[p] == 34 {  // "
                var q = p + 1
                var escaped = false
                while true {
                    if q == end { return eof ? .unterminatedQuote : .needMore }
                    let c = buf[q]
                    acc |= c
                    if c == 34 {
                        if q + 1 == end, !eof { return .needMore }
                        if q + 1 < end, buf[q + 1] == 34 {
                            escaped = true
                            q += 2
                            continue
                        }
                        break
                    }
                    if c == 10 { lines += 1 } else if c == 13, q + 1 < end, buf[q + 1] != 10 { lines += 1 }
                    q += 1
                }
                push(FieldSpan(start: p + 1, end: q, escaped: escaped))
                p = q + 1
                if p == end {
                    if !eof { return .needMore }
                    return recordDone(p, lines, acc, n)
                }
                let c = buf[p]
                if c == 44 { p += 1; continue }
                if c == 10 { return recordDone(p + 1, lines + 1, acc, n) }
                if c == 13 {
                    if p + 1 == end, !eof { return .needMore }
                    if p + 1 < end, buf[p + 1] == 10 { return recordDone(p + 2, lines + 1, acc, n) }
                    return recordDone(p + 1, lines + 1, acc, n)
                }
                return .garbageAfterQuote(lines: lines)
            } else {
                var q = p
                // Eight bytes at a time while they are in the buffer (most fields end within one
                // or two words), then byte by byte.
                var found = false
                while q + 8 <= end {
                    let w = UnsafeRawPointer(buf + q).loadUnaligned(as: UInt64.self)
                    let stops = CSVScanner.byteMask(w, 0x2C) | CSVScanner.byteMask(w, 0x0A) | CSVScanner.byteMask(w, 0x0D)
                    if stops != 0 {
                        let k = stops.trailingZeroBitCount >> 3
                        let before = k == 0 ? 0 : w & (UInt64.max >> UInt64(64 - 8 * k))
                        if before & 0x8080_8080_8080_8080 != 0 { acc |= 0x80 }
                        q += k
                        found = true
                        break
                    }
                    if w & 0x8080_8080_8080_8080 != 0 { acc |= 0x80 }
                    q += 8
                }
                while !found, q < end {
                    let c = buf[q]
                    if c == 44 || c == 10 || c == 13 { break }
                    acc |= c
                    q += 1
                }
                push(FieldSpan(start: p, end: q, escaped: false))
                if q == end {
                    if !eof { return .needMore }
                    return recordDone(q, lines, acc, n)
                }
                let c = buf[q]
                if c == 44 { p = q + 1; continue }
                if c == 10 { return recordDone(q + 1, lines + 1, acc, n) }
                // CR
                if q + 1 == end, !eof { return .needMore }
                if q + 1 < end, buf[q + 1] == 10 { return recordDone(q + 2, lines + 1, acc, n) }
                return recordDone(q + 1, lines + 1, acc, n)
            }
        }
    }

    /// The high bit of each byte of `w` equal to `byte`, exact up to and including the lowest
    /// such byte (bits above it may be false positives: only the lowest one is used).
    @inline(__always) static func byteMask(_ w: UInt64, _ byte: UInt8) -> UInt64 {
        let x = w ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    }

    @inline(__always) private func recordDone(_ p: Int, _ lines: Int, _ acc: UInt8, _ fields: Int) -> ScanResult {
        recordHasNonASCII = acc & 0x80 != 0
        fieldCount = fields
        return .record(consumedTo: p, lines: lines)
    }

    /// Undoes doubled quotes in place, once the whole record is known to be in the buffer.
    private func finishRecord() {
        for i in 0..<fieldCount where spans[i].escaped {
            let s = spans[i]
            var w = s.start
            var r = s.start
            while r < s.end {
                let c = buffer[r]
                buffer[w] = c
                w += 1
                r += (c == 34 && r + 1 < s.end && buffer[r + 1] == 34) ? 2 : 1
            }
            spans[i] = FieldSpan(start: s.start, end: w, escaped: false)
        }
    }
}

/// A snapshot of the scanner's current record: its fields as byte spans, its start line.
///
/// A plain value holding pointers into the scanner's buffer, valid until the scanner advances.
struct CSVRow {
    let base: UnsafeMutablePointer<UInt8>
    let spans: UnsafeMutablePointer<FieldSpan>
    let count: Int
    /// Physical line where the record starts.
    let line: Int
    /// Whether a byte ≥ 0x80 occurs (only then is UTF-8 validated).
    let hasNonASCII: Bool

    @inline(__always) func bytes(_ i: Int) -> UnsafeRawBufferPointer {
        let s = spans[i]
        return UnsafeRawBufferPointer(start: base + s.start, count: s.end - s.start)
    }

    /// Field `i` as text; nil when it is not valid UTF-8.
    func string(_ i: Int) -> String? {
        let b = bytes(i)
        if !hasNonASCII { return String(decoding: b, as: UTF8.self) }
        return String(validating: b, as: UTF8.self)
    }
}

/// Where one field of the current record lies in the scanner's buffer.
struct FieldSpan {
    var start: Int
    var end: Int
    /// The field was quoted and holds doubled quotes still to undo.
    var escaped: Bool
}

/// A record-structure error: the file cannot be split into records reliably past this point.
struct CSVSyntaxError: Error {
    var line: Int
    var message: String
}

/// The file could not be opened or read.
struct CSVOpenError: Error, CustomStringConvertible {
    var errno: Int32
    var description: String { String(cString: strerror(errno)) }
}
