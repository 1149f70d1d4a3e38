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
    /// A slot (plain words, read without touching a reference count).
    private struct Entry {
        var words: (UInt64, UInt64)
        var kind: ReasonSentenceWriter.CodeKind
        var filled: Bool
    }

    private static let slots = 64
    /// `slots` entries and the code strings they were made from (kept alive while cached), in
    /// memory of their own (`let` pointers: reading the table is not a formal access of a class
    /// property, which would cost an exclusivity check per lookup).
    private let entries: UnsafeMutablePointer<Entry>
    private let codes: UnsafeMutablePointer<String>

    /// Where a ``Reason`` holds its code.
    private let codeOffset: Int

    init() {
        guard let offset = MemoryLayout<Reason>.offset(of: \Reason.code) else {
            preconditionFailure("Reason.code is a stored property")
        }
        codeOffset = offset
        entries = .allocate(capacity: Self.slots)
        entries.initialize(repeating: Entry(words: (0, 0), kind: .unknown, filled: false), count: Self.slots)
        codes = .allocate(capacity: Self.slots)
        codes.initialize(repeating: "", count: Self.slots)
    }

    deinit {
        entries.deallocate()
        codes.deinitialize(count: Self.slots)
        codes.deallocate()
    }

    /// The kind of `reason`'s code, classified once per distinct code string (the code's words
    /// are read in place: no copy of the string unless it is new to the cache).
    func kind(of reason: ReasonInPlace) -> ReasonSentenceWriter.CodeKind {
        let words = UnsafeRawPointer(reason.pointer).loadUnaligned(fromByteOffset: codeOffset, as: (UInt64, UInt64).self)
        let mixed = (words.0 ^ (words.1 &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
        let slot = Int(truncatingIfNeeded: mixed >> 58)
        let entry = entries[slot]
        if entry.filled && entry.words == words { return entry.kind }
        let code = reason.code
        let kind = ReasonSentenceWriter.kind(of: code)
        entries[slot] = Entry(words: words, kind: kind, filled: true)
        codes[slot] = code
        return kind
    }
}
