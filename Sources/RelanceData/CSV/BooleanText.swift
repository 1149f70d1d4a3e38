/// Reads the boolean spellings the data contract allows: 0/1, true/false, yes/no, any case.
enum BooleanText {
    static let expected = "0/1, true/false, yes/no"

    static func parse(_ b: UnsafeRawBufferPointer) -> Bool? {
        switch b.count {
        case 1:
            if b[0] == UInt8(ascii: "1") { return true }
            if b[0] == UInt8(ascii: "0") { return false }
            return nil
        case 2: return matches(b, "no") ? false : nil
        case 3: return matches(b, "yes") ? true : nil
        case 4: return matches(b, "true") ? true : nil
        case 5: return matches(b, "false") ? false : nil
        default: return nil
        }
    }

    /// ASCII case-insensitive comparison with a lowercase word.
    static func matches(_ b: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
        guard b.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for i in 0..<b.count where b[i] | 0x20 != w[i] { return false }
        return true
    }
}
