import Foundation

/// An open-addressing hash table keyed by byte strings, for interning ids straight from CSV bytes.
///
/// Why: looking up a customer id or checking an invoice id for duplicates must not build a
/// `String` for every row. Keys are copied once into an arena when first seen; lookups hash and
/// compare bytes. Values are `Int32` (a customer code, an invoice row).
///
/// Each slot holds 24 bits of the hash, the key length, the key's index, and the first 16 bytes
/// of the key: most ids are at most 16 bytes, so a lookup usually costs a single memory access
/// (the arena is read only for longer keys).
struct ByteKeyTable {
    private struct Slot {
        /// Bits 40–63: hash tag; bits 32–39: key length (255 = 255 or more); bits 0–31: index + 1.
        var meta: UInt64
        var word0: UInt64
        var word1: UInt64
    }

    private var arena: [UInt8] = []
    private var keyEnd: [Int32] = []   // keyEnd[k] = end of key k in arena; start = keyEnd[k-1] or 0
    private var values: [Int32] = []
    private var slots: [Slot]
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(meta: 0, word0: 0, word1: 0), count: size)
        mask = size - 1
    }

    var count: Int { values.count }

    @inline(__always) static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        // FNV-1a over the bytes, then MurmurHash3's finaliser so that every output bit depends on
        // every input bit (FNV alone leaves the low bits, which pick the slot, poorly mixed).
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for c in key {
            h = (h ^ UInt64(c)) &* 0x0000_0100_0000_01b3
        }
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h = h &* 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }

    /// The first 16 bytes of `key` as two little-endian words, zero-padded.
    @inline(__always) private static func words(_ key: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        var w0: UInt64 = 0, w1: UInt64 = 0
        let n = min(key.count, 16)
        var i = 0
        while i < min(n, 8) { w0 |= UInt64(key[i]) << (8 * UInt64(i)); i += 1 }
        while i < n { w1 |= UInt64(key[i]) << (8 * UInt64(i - 8)); i += 1 }
        return (w0, w1)
    }

    @inline(__always) private static func meta(_ h: UInt64, _ length: Int, _ indexPlusOne: Int) -> UInt64 {
        (h & 0xFFFF_FF00_0000_0000) | (UInt64(min(length, 255)) << 32) | UInt64(indexPlusOne)
    }

    @inline(__always) private func arenaEquals(_ k: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let s = k == 0 ? 0 : Int(keyEnd[k - 1])
        let e = Int(keyEnd[k])
        guard e - s == key.count else { return false }
        return arena.withUnsafeBufferPointer { a in
            guard let kb = key.baseAddress, let ab = a.baseAddress, key.count > 0 else { return true }
            return memcmp(ab + s, kb, key.count) == 0
        }
    }

    /// The slot holding `key`, or the empty slot where it would go, and the key's index if found.
    @inline(__always) private func probe(_ key: UnsafeRawBufferPointer, _ h: UInt64, _ w: (UInt64, UInt64)) -> (slot: Int, found: Int?) {
        let tag = ByteKeyTable.meta(h, key.count, 0)
        var i = Int(truncatingIfNeeded: h) & mask
        return slots.withUnsafeBufferPointer { sp in
            while true {
                let s = sp[i]
                if s.meta == 0 { return (i, nil) }
                if s.meta & 0xFFFF_FFFF_0000_0000 == tag, s.word0 == w.0, s.word1 == w.1 {
                    let k = Int(s.meta & 0xFFFF_FFFF) - 1
                    if key.count <= 16 || arenaEquals(k, key) { return (i, k) }
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
        probe(key, h, ByteKeyTable.words(key)).found.map { values[$0] }
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
        if let found { return values[found] }
        arena.append(contentsOf: key)
        keyEnd.append(Int32(truncatingIfNeeded: arena.count))
        values.append(value)
        slots[slot] = Slot(meta: ByteKeyTable.meta(h, key.count, values.count), word0: w.0, word1: w.1)
        if values.count * 2 > slots.count { grow() }
        return nil
    }

    private mutating func grow() {
        let size = slots.count * 2
        var newSlots = [Slot](repeating: Slot(meta: 0, word0: 0, word1: 0), count: size)
        let newMask = size - 1
        for old in slots where old.meta != 0 {
            // The stored hash tag is only 24 bits: recompute the full hash from the arena.
            let k = Int(old.meta & 0xFFFF_FFFF) - 1
            let s = k == 0 ? 0 : Int(keyEnd[k - 1])
            let e = Int(keyEnd[k])
            let h = arena.withUnsafeBytes { a in ByteKeyTable.hash(UnsafeRawBufferPointer(rebasing: a[s..<e])) }
            var i = Int(truncatingIfNeeded: h) & newMask
            while newSlots[i].meta != 0 { i = (i + 1) & newMask }
            newSlots[i] = old
        }
        slots = newSlots
        mask = newMask
    }
}
