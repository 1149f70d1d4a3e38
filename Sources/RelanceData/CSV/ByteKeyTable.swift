import Foundation

/// An open-addressing hash table keyed by byte strings, for interning ids straight from CSV bytes.
///
/// Why: looking up a customer id or checking an invoice id for duplicates must not build a
/// `String` for every row. Keys are copied once into an arena when first seen; lookups hash and
/// compare bytes. Values are `Int32` (a customer code, an invoice row). Each slot packs the key's
/// index with 32 bits of its hash, so a probe costs one memory access and a mismatch rarely
/// touches the arena.
struct ByteKeyTable {
    private var arena: [UInt8] = []
    private var keyEnd: [Int32] = []   // keyEnd[k] = end of key k in arena; start = keyEnd[k-1] or 0
    private var values: [Int32] = []
    private var slots: [UInt64]        // high 32 bits: hash; low 32 bits: key index + 1 (0 = empty)
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    var count: Int { values.count }

    @inline(__always) private static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
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

    @inline(__always) private func keyEquals(_ k: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let s = k == 0 ? 0 : Int(keyEnd[k - 1])
        let e = Int(keyEnd[k])
        guard e - s == key.count else { return false }
        return arena.withUnsafeBufferPointer { a in
            guard let kb = key.baseAddress, let ab = a.baseAddress, key.count > 0 else { return true }
            return memcmp(ab + s, kb, key.count) == 0
        }
    }

    /// The slot holding `key`, or the empty slot where it would go.
    @inline(__always) private func probe(_ key: UnsafeRawBufferPointer, _ h: UInt64) -> (slot: Int, found: Int?) {
        let tag = h & 0xFFFF_FFFF_0000_0000
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s == 0 { return (i, nil) }
            if s & 0xFFFF_FFFF_0000_0000 == tag {
                let k = Int(s & 0xFFFF_FFFF) - 1
                if keyEquals(k, key) { return (i, k) }
            }
            i = (i + 1) & mask
        }
    }

    /// The value stored for `key`, if any.
    func value(for key: UnsafeRawBufferPointer) -> Int32? {
        let h = ByteKeyTable.hash(key)
        return probe(key, h).found.map { values[$0] }
    }

    /// Inserts `key` with `value` unless present; returns the existing value when it was present.
    mutating func insert(_ key: UnsafeRawBufferPointer, value: Int32) -> Int32? {
        let h = ByteKeyTable.hash(key)
        let (slot, found) = probe(key, h)
        if let found { return values[found] }
        arena.append(contentsOf: key)
        keyEnd.append(Int32(truncatingIfNeeded: arena.count))
        values.append(value)
        slots[slot] = (h & 0xFFFF_FFFF_0000_0000) | UInt64(values.count)
        if values.count * 2 > slots.count { grow() }
        return nil
    }

    private mutating func grow() {
        let size = slots.count * 2
        var newSlots = [UInt64](repeating: 0, count: size)
        let newMask = size - 1
        arena.withUnsafeBytes { a in
            for k in 0..<values.count {
                let s = k == 0 ? 0 : Int(keyEnd[k - 1])
                let e = Int(keyEnd[k])
                let h = ByteKeyTable.hash(UnsafeRawBufferPointer(rebasing: a[s..<e]))
                var i = Int(truncatingIfNeeded: h) & newMask
                while newSlots[i] != 0 { i = (i + 1) & newMask }
                newSlots[i] = (h & 0xFFFF_FFFF_0000_0000) | UInt64(k + 1)
            }
        }
        slots = newSlots
        mask = newMask
    }
}
