/// UTF-8 output appended through a raw pointer, with one capacity check per write.
///
/// Why: the daily risk list writes about thirty megabytes a few bytes at a time (a field, a
/// separator, a piece of a sentence). Appending each piece to an `[UInt8]` went through the
/// array's generic `append(contentsOf:)`, a uniqueness check and often a retain of the array's
/// storage, and that bookkeeping cost more than the bytes themselves. A writer is a pointer, a
/// count and a capacity: a write checks the room left and copies.
///
/// A writer is lent for the length of a closure, by ``CSVBuffer/withUnsafeWriter(_:)`` (writing
/// into the buffer's memory) or by ``string(reservingCapacity:_:)`` and ``append(to:_:)``; it must
/// not be kept beyond that closure (its memory belongs to the lender).
///
/// ```swift
/// let s = ByteWriter.string { w in w.append("n = "); w.appendDecimalDigits(of: 42) }  // "n = 42"
/// ```
public struct ByteWriter {
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var used: Int
    @usableFromInline var capacity: Int

    @inlinable init(base: UnsafeMutablePointer<UInt8>, count: Int, capacity: Int) {
        self.base = base
        self.used = count
        self.capacity = capacity
    }

    /// The bytes written so far (including those the lender held before the writer was lent).
    @inlinable public var count: Int { used }

    /// Makes room for `n` more bytes (the next writes of up to `n` bytes need no other check when
    /// made with the `unchecked` methods).
    @inlinable @inline(__always) public mutating func reserve(_ n: Int) {
        if _slowPath(capacity &- used < n) { grow(toFit: n) }
    }

    /// Moves the bytes to a block at least twice as large and with room for `n` more.
    @usableFromInline mutating func grow(toFit n: Int) {
        let newCapacity = Swift.max(capacity &* 2, used + n, 64)
        let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        fresh.update(from: base, count: used)
        base.deallocate()
        base = fresh
        capacity = newCapacity
    }

    /// One byte.
    @inlinable @inline(__always) public mutating func append(_ b: UInt8) {
        reserve(1)
        base[used] = b
        used &+= 1
    }

    /// One byte, after a ``reserve(_:)`` that made room for it.
    @inlinable @inline(__always) public mutating func appendUnchecked(_ b: UInt8) {
        base[used] = b
        used &+= 1
    }

    /// `count` bytes from `start`. Up to 16 bytes (ids, codes, most pieces of a sentence) are
    /// copied as two overlapping words instead of a call to `memcpy`.
    @inlinable @inline(__always) public mutating func append(_ start: UnsafePointer<UInt8>, count n: Int) {
        reserve(n)
        let to = UnsafeMutableRawPointer(base + used)
        let from = UnsafeRawPointer(start)
        if n >= 8 && n <= 16 {
            let head = from.loadUnaligned(as: UInt64.self)
            let tail = from.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
            to.storeBytes(of: head, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: n &- 8, as: UInt64.self)
        } else if n >= 4 && n < 8 {
            let head = from.loadUnaligned(as: UInt32.self)
            let tail = from.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: n &- 4, as: UInt32.self)
        } else if n < 4 {
            var i = 0
            while i < n { base[used &+ i] = start[i]; i &+= 1 }
        } else {
            (base + used).update(from: start, count: n)
        }
        used &+= n
    }

    @inlinable @inline(__always) public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress else { return }
        append(start, count: bytes.count)
    }

    @inlinable @inline(__always) public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        append(bytes.bindMemory(to: UInt8.self))
    }

    /// A literal's UTF-8 bytes (no `String` made).
    @inlinable @inline(__always) public mutating func append(_ s: StaticString) {
        append(s.utf8Start, count: s.utf8CodeUnitCount)
    }

    /// A string's UTF-8 bytes, copied in place for a native string. Labelled apart from
    /// ``append(_:)-(StaticString)``: with both unlabelled, a literal argument would pick this one
    /// (a literal's default type is `String`).
    @inlinable public mutating func append(string s: String) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { append($0) }
        if done == nil { appendSlowly(s) }
    }

    @usableFromInline mutating func appendSlowly(_ s: String) {
        var copy = s
        copy.withUTF8 { append($0) }
    }

    @inlinable public mutating func append(contentsOf bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Any sequence of bytes (copied in one piece when it is contiguous).
    @inlinable public mutating func append<S: Sequence>(contentsOf bytes: S) where S.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { append($0) }
        if done == nil { for b in bytes { append(b) } }
    }

    /// The decimal digits of `v`, with a leading `-` when negative (what `String(v)` writes).
    @inlinable public mutating func appendDecimalDigits(of v: Int) {
        reserve(20)
        if v < 0 { appendUnchecked(UInt8(ascii: "-")) }
        appendDigitsUnchecked(UInt64(v.magnitude))
    }

    /// The decimal digits of `m`, after a ``reserve(_:)`` of 20 bytes: the digits are counted
    /// first and then written in place from the last, two at a time (no scratch copy, half the
    /// divisions).
    @inlinable @inline(__always) public mutating func appendDigitsUnchecked(_ m: UInt64) {
        var digits = 1
        var power: UInt64 = 10
        while digits < 20 && m >= power { digits &+= 1; power = power &* 10 }
        var at = used &+ digits
        used = at
        var n = m
        while n >= 100 {
            let r = Int(truncatingIfNeeded: n % 100)
            n /= 100
            at &-= 2
            storeDigitPair(r, at: at)
        }
        if n >= 10 {
            at &-= 2
            storeDigitPair(Int(truncatingIfNeeded: n), at: at)
        } else {
            base[at &- 1] = UInt8(truncatingIfNeeded: n) &+ UInt8(ascii: "0")
        }
    }

    /// Exactly `digits` decimal digits of `m` (below 10^digits), zero-padded on the left, after a
    /// ``reserve(_:)`` of that many bytes (the decimals of a fixed-point number).
    @inlinable @inline(__always) public mutating func appendPaddedDigitsUnchecked(_ m: UInt64, digits: Int) {
        var at = used &+ digits
        used = at
        var n = m
        var left = digits
        while left >= 2 {
            let r = Int(truncatingIfNeeded: n % 100)
            n /= 100
            at &-= 2
            left &-= 2
            storeDigitPair(r, at: at)
        }
        if left == 1 { base[at &- 1] = UInt8(truncatingIfNeeded: n % 10) &+ UInt8(ascii: "0") }
    }

    /// Writes the two digits of `r` (0…99) at `at`, in room already counted in ``used``.
    @inlinable @inline(__always) func storeDigitPair(_ r: Int, at: Int) {
        UnsafeMutableRawPointer(base + at).storeBytes(
            of: UnsafeRawPointer(Self.digitPairs + 2 &* r).loadUnaligned(as: UInt16.self), as: UInt16.self)
    }

    /// "00", "01", … "99": the text of every pair of digits.
    @inlinable static var digitPairs: UnsafePointer<UInt8> {
        let pairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
        return pairs.utf8Start
    }

    /// The bytes written from `start` on (an index returned by ``count`` earlier), to read or
    /// rewrite in place; valid until the next write.
    @inlinable public func written(from start: Int) -> UnsafeMutableBufferPointer<UInt8> {
        UnsafeMutableBufferPointer(start: base + start, count: used &- start)
    }

    /// Inserts `n` bytes (given by `fill`) at `start`, moving the bytes after it up (rare fix-ups:
    /// the opening quote of a field found to need one after it was written).
    public mutating func insert(count n: Int, at start: Int, _ fill: (UnsafeMutablePointer<UInt8>) -> Void) {
        precondition(start >= 0 && start <= used, "insertion inside the written bytes")
        reserve(n)
        (base + start + n).update(from: base + start, count: used - start)
        fill(base + start)
        used += n
    }

    /// Forgets the bytes from `start` on.
    @inlinable public mutating func removeSuffix(from start: Int) {
        precondition(start >= 0 && start <= used, "a position inside the written bytes")
        used = start
    }

    /// The text `body` writes, as a `String` (the scratch memory is freed).
    public static func string(reservingCapacity capacity: Int = 128, _ body: (inout ByteWriter) throws -> Void) rethrows -> String {
        var w = ByteWriter(base: .allocate(capacity: Swift.max(capacity, 16)), count: 0, capacity: Swift.max(capacity, 16))
        defer { w.base.deallocate() }
        try body(&w)
        return String(decoding: UnsafeBufferPointer(start: w.base, count: w.used), as: UTF8.self)
    }

    /// Appends to `bytes` what `body` writes (through scratch memory, freed after).
    public static func append(to bytes: inout [UInt8], _ body: (inout ByteWriter) throws -> Void) rethrows {
        var w = ByteWriter(base: .allocate(capacity: 256), count: 0, capacity: 256)
        defer { w.base.deallocate() }
        try body(&w)
        bytes.append(contentsOf: UnsafeBufferPointer(start: w.base, count: w.used))
    }
}
