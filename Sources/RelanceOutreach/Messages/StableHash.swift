/// FNV-1a 64-bit over UTF-8: a stable, dependency-free digest for ids that must not change between
/// runs (Message-IDs, MIME boundaries, run ids). Not cryptographic; collisions only matter within
/// one ledger and 64 bits make them negligible there.
public enum StableHash {
    public static func hex(_ parts: [String]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for (k, part) in parts.enumerated() {
            if k > 0 { h = (h ^ 0x1F) &* 0x100_0000_01b3 }  // unit separator between parts
            for b in part.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        }
        let s = String(h, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
