/// The first 16 bytes of a short byte string as two little-endian words, zero-padded.
///
/// Why: ids and enum labels in CSV files are mostly 6–16 bytes. Comparing and hashing them as two
/// words instead of byte by byte is what makes the customer-id lookup and the label match cheap
/// on the ingest hot path. Loads never read outside the span: spans of 4 bytes or more are read
/// with (possibly overlapping) unaligned loads, shorter ones byte by byte.
enum ByteWords {
    @inline(__always) static func load(_ b: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        let n = b.count
        guard let p = b.baseAddress, n > 0 else { return (0, 0) }
        if n >= 16 {
            return (p.loadUnaligned(as: UInt64.self), p.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        }
        if n >= 8 {
            let w0 = p.loadUnaligned(as: UInt64.self)
            if n == 8 { return (w0, 0) }
            // Bytes n-8 ..< n, shifted so that byte 8 lands in the lowest position.
            let tail = p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) >> UInt64(8 * (16 - n))
            return (w0, tail)
        }
        if n >= 4 {
            let low = UInt64(p.loadUnaligned(as: UInt32.self))
            if n == 4 { return (low, 0) }
            let high = UInt64(p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) >> UInt64(8 * (8 - n))
            return (low | high << 32, 0)
        }
        var w0: UInt64 = 0
        for i in 0..<n { w0 |= UInt64(b[i]) << UInt64(8 * i) }
        return (w0, 0)
    }
}
