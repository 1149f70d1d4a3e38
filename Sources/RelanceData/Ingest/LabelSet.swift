import Foundation

/// The canonical labels of an enum column (`payment_method`, `channel`, `kind`, …), matched
/// against field bytes without building a `String`.
struct LabelSet<Value> {
    private struct Entry {
        var count: Int
        var word0: UInt64
        var word1: UInt64
        var bytes: [UInt8]
        var value: Value
    }

    private let entries: [Entry]
    /// The labels, comma-separated, for error messages.
    let expected: String

    init(_ labels: [(String, Value)]) {
        entries = labels.map { label, value in
            let bytes = Array(label.utf8)
            let w = bytes.withUnsafeBytes { LabelSet.words($0) }
            return Entry(count: bytes.count, word0: w.0, word1: w.1, bytes: bytes, value: value)
        }
        expected = labels.map(\.0).joined(separator: ", ")
    }

    @inline(__always) private static func words(_ b: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        ByteWords.load(b)
    }

    /// The value whose label is exactly `b`.
    @inline(__always) func match(_ b: UnsafeRawBufferPointer) -> Value? {
        let w = LabelSet.words(b)
        for e in entries where e.count == b.count && e.word0 == w.0 && e.word1 == w.1 {
            if b.count <= 16 { return e.value }
            let equal = e.bytes.withUnsafeBytes { eb in
                guard let p = eb.baseAddress, let q = b.baseAddress else { return false }
                return memcmp(p, q, b.count) == 0
            }
            if equal { return e.value }
        }
        return nil
    }
}
