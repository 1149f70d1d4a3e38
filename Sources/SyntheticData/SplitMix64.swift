/// A small, fast, seeded pseudo-random generator (Steele, Lea & Flood's SplitMix64).
///
/// The generator must give byte-identical histories for a given seed on every machine and every
/// run, so it never touches system randomness. SplitMix64 passes BigCrush, costs a handful of
/// integer operations per draw, and its state is one `UInt64`, which makes it cheap to derive an
/// independent stream per customer with ``init(seed:stream:)`` (the order in which customers are
/// simulated then never changes what one customer looks like).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A stream derived from a seed and a stream number (e.g. a customer index), decorrelated by
    /// mixing both through the SplitMix64 finaliser.
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(seed: seed ^ 0x9E37_79B9_7F4A_7C15)
        let a = mixer.next()
        state = SplitMix64.mix(a &+ stream &* 0xD1B5_4A32_D192_ED03)
    }

    @inlinable @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }
}
