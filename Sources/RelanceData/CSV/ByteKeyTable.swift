import Foundation

/// An open-addressing hash table keyed by byte strings, for interning ids straight from CSV bytes.
///
/// Why: looking up a customer id or checking an invoice id for duplicates must not build a
/// `String` for every row. Lookups hash and compare bytes; values are `Int32` (a customer code,
/// an invoice row).
///
/// Each slot holds 24 bits of the hash, the key length, the first 16 bytes of the key and, for
/// keys of at most 16 bytes (most ids), the value itself: such a lookup costs a single memory
/// access. Longer keys are copied into an arena; their slot holds their ordinal there.
struct ByteKeyTable {
    private struct Slot {
        /// Bits 40–63: hash tag; bits 32–39: key length + 1 (0 = empty slot, 255 = 254 or more);
        /// bits 0–31: the value (keys ≤ 16 bytes) or the long key's ordinal.
        var meta: UInt64
        var word0: UInt64
        var word1: UInt64
    }

    private var arena: [UInt8] = []
    private var longKeyEnd: [Int32] = []   // end of long key j in arena; start = longKeyEnd[j-1] or 0
    private var longValues: [Int32] = []
    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(meta: 0, word0: 0, word1: 0), count: size)
        mask = size - 1
    }

    @inline(__always) static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        if key.count <= 16 { return hash(words: ByteWords.load(key), count: key.count) }
        // Long keys: FNV-1a over the bytes, then the same finaliser.
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for c in key {
            h = (h ^ UInt64(c)) &* 0x0000_0100_0000_01b3
        }
        return finalise(h)
    }

    /// The hash of a key of at most 16 bytes from its words (see ``ByteWords``).
    @inline(__always) static func hash(words w: (UInt64, UInt64), count: Int) -> UInt64 {
        finalise((w.0 &* 0x9e37_79b9_7f4a_7c15) ^ (w.1 &* 0xc2b2_ae3d_27d4_eb4f) ^ UInt64(count))
    }

    /// MurmurHash3's finaliser, so that every output bit depends on every input bit (the low
    /// bits pick the slot).
    @inline(__always) private static func finalise(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h = h &* 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }

    @inline(__always) private static func words(_ key: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        ByteWords.load(key)
    }

    @inline(__always) private static func meta(_ h: UInt64, _ length: Int, _ payload: UInt32) -> UInt64 {
        (h & 0xFFFF_FF00_0000_0000) | (UInt64(min(length, 254) + 1) << 32) | UInt64(payload)
    }

    @inline(__always) private static func isEmpty(_ meta: UInt64) -> Bool { meta & 0xFF_0000_0000 == 0 }

    private func longKey(_ j: Int) -> Range<Int> {
        (j == 0 ? 0 : Int(longKeyEnd[j - 1]))..<Int(longKeyEnd[j])
    }

    @inline(__always) private func arenaEquals(_ j: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let r = longKey(j)
        guard r.count == key.count else { return false }
        return arena.withUnsafeBufferPointer { a in
            guard let kb = key.baseAddress, let ab = a.baseAddress, key.count > 0 else { return true }
            return memcmp(ab + r.lowerBound, kb, key.count) == 0
        }
    }

    /// The slot holding `key`, or the empty slot where it would go, and the key's value if found.
    @inline(__always) private func probe(_ key: UnsafeRawBufferPointer, _ h: UInt64, _ w: (UInt64, UInt64)) -> (slot: Int, found: Int32?) {
        let tag = ByteKeyTable.meta(h, key.count, 0)
        var i = Int(truncatingIfNeeded: h) & mask
        return slots.withUnsafeBufferPointer { sp in
            while true {
                let s = sp[i]
                if ByteKeyTable.isEmpty(s.meta) { return (i, nil) }
                if s.meta & 0xFFFF_FFFF_0000_0000 == tag, s.word0 == w.0, s.word1 == w.1 {
                    let payload = UInt32(truncatingIfNeeded: s.meta)
                    if key.count <= 16 { return (i, Int32(bitPattern: payload)) }
                    if arenaEquals(Int(payload), key) { return (i, longValues[Int(payload)]) }
                }
                i = (i + 1) & mask
            }
        }
    }

    /// The value stored for a key of at most 16 bytes given by its words (see ``ByteWords``)
    /// and ``hash(words:count:)``: no bytes need to stay addressable.
    @inline(__always) func value(words w: (UInt64, UInt64), count: Int, hash h: UInt64) -> Int32? {
        let tag = ByteKeyTable.meta(h, count, 0)
        var i = Int(truncatingIfNeeded: h) & mask
        return slots.withUnsafeBufferPointer { sp in
            while true {
                let s = sp[i]
                if ByteKeyTable.isEmpty(s.meta) { return nil }
                if s.meta & 0xFFFF_FFFF_0000_0000 == tag, s.word0 == w.0, s.word1 == w.1 {
                    return Int32(bitPattern: UInt32(truncatingIfNeeded: s.meta))
                }
                i = (i + 1) & mask
            }
        }
    }

    /// The value stored for `key`, if any.
    func value(for key: UnsafeRawBufferPointer) -> Int32? {
        value(for: key, hash: ByteKeyTable.hash(key))
    }

    /// The value stored for `key` whose ``hash(_:)`` is `h`.
    func value(for key: UnsafeRawBufferPointer, hash h: UInt64) -> Int32? {
        probe(key, h, ByteKeyTable.words(key)).found
    }

    /// Reads the first slot a key with hash `h` would probe, and returns its tag bits.
    ///
    /// Why: a lookup in a table larger than the cache is one memory miss. Touching the slots of a
    /// batch of keys first, with loads that do not depend on each other, lets the processor fetch
    /// them in parallel; the lookups that follow then hit the cache. The result only exists so the
    /// load cannot be optimised away.
    @inline(__always) func touch(hash h: UInt64) -> UInt64 {
        slots.withUnsafeBufferPointer { $0[Int(truncatingIfNeeded: h) & mask].meta }
    }

    /// Inserts `key` with `value` unless present; returns the existing value when it was present.
    mutating func insert(_ key: UnsafeRawBufferPointer, value: Int32) -> Int32? {
        insert(key, value: value, hash: ByteKeyTable.hash(key))
    }

    /// ``insert(_:value:)`` for a key whose ``hash(_:)`` is `h`.
    mutating func insert(_ key: UnsafeRawBufferPointer, value: Int32, hash h: UInt64) -> Int32? {
        let w = ByteKeyTable.words(key)
        let (slot, found) = probe(key, h, w)
        if let found { return found }
        let payload: UInt32
        if key.count <= 16 {
            payload = UInt32(bitPattern: value)
        } else {
            payload = UInt32(truncatingIfNeeded: longValues.count)
            arena.append(contentsOf: key)
            longKeyEnd.append(Int32(truncatingIfNeeded: arena.count))
            longValues.append(value)
        }
        slots[slot] = Slot(meta: ByteKeyTable.meta(h, key.count, payload), word0: w.0, word1: w.1)
        count += 1
        if count * 10 > slots.count * 7 { grow() }
        return nil
    }

    private mutating func grow() {
        let size = slots.count * 2
        var newSlots = [Slot](repeating: Slot(meta: 0, word0: 0, word1: 0), count: size)
        let newMask = size - 1
        for old in slots where !ByteKeyTable.isEmpty(old.meta) {
            // The stored tag is only 24 bits: rebuild the key to recompute the full hash.
            let length = Int((old.meta >> 32) & 0xFF) - 1
            let h: UInt64
            if length <= 16 {
                h = ByteKeyTable.hash(words: (old.word0, old.word1), count: length)
            } else {
                let r = longKey(Int(UInt32(truncatingIfNeeded: old.meta)))
                h = arena.withUnsafeBytes { ByteKeyTable.hash(UnsafeRawBufferPointer(rebasing: $0[r])) }
            }
            var i = Int(truncatingIfNeeded: h) & newMask
            while !ByteKeyTable.isEmpty(newSlots[i].meta) { i = (i + 1) & newMask }
            newSlots[i] = old
        }
        slots = newSlots
        mask = newMask
    }
}
