/// The ``ReasonSentenceWriter/CodeKind`` of the reason codes seen recently, looked up by the
/// code string's identity: its two words as stored (a short code's bytes themselves, or a long
/// code's storage and length).
///
/// Why: a risk list holds a few hundred thousand reasons with some thirty distinct codes, all
/// the same few strings; classifying each code from its bytes (``ReasonSentenceWriter/kind(of:)``)
/// was a measurable part of writing the reasons column. Equal words mean the same text: a short
/// string is its words, and a long one is the same storage, which the cache keeps alive (it holds
/// the string), so its memory cannot be reused for another text while the entry exists.
final class ReasonCodeCache {
    private struct Entry {
        var words: (UInt64, UInt64)
        var code: String
        var kind: ReasonSentenceWriter.CodeKind
    }

    private static let slots = 64
    /// `slots` entries, in memory of their own (a `let` pointer: reading the table is not a
    /// formal access of a class property, which would cost an exclusivity check per lookup).
    private let entries: UnsafeMutablePointer<Entry?>

    init() {
        entries = .allocate(capacity: Self.slots)
        entries.initialize(repeating: nil, count: Self.slots)
    }

    deinit {
        entries.deinitialize(count: Self.slots)
        entries.deallocate()
    }

    /// The kind of `code`, classified once per distinct code string.
    func kind(of code: String) -> ReasonSentenceWriter.CodeKind {
        let words = unsafeBitCast(code, to: (UInt64, UInt64).self)
        let mixed = (words.0 ^ (words.1 &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
        let slot = entries + Int(truncatingIfNeeded: mixed >> 58)
        if let hit = slot.pointee, hit.words == words { return hit.kind }
        let kind = ReasonSentenceWriter.kind(of: code)
        slot.pointee = Entry(words: words, code: code, kind: kind)
        return kind
    }
}
