import Foundation
import Testing
@testable import RelanceData

@Suite struct ByteKeyTableTests {
    func insert(_ t: inout ByteKeyTable, _ s: String, _ v: Int32) -> Int32? {
        var s = s
        return s.withUTF8 { t.insert(UnsafeRawBufferPointer($0), value: v) }
    }

    func value(_ t: ByteKeyTable, _ s: String) -> Int32? {
        var s = s
        return s.withUTF8 { t.value(for: UnsafeRawBufferPointer($0)) }
    }

    @Test func agreesWithADictionaryOnShortLongAndEmptyKeys() {
        var t = ByteKeyTable(capacity: 4)
        var reference: [String: Int32] = [:]
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("ab\0é0")
        for i in 0..<20_000 {
            let length = [0, 1, 7, 8, 9, 15, 16, 17, 40, 300].randomElement(using: &rng) ?? 1
            let key = String((0..<length).map { _ in alphabet.randomElement(using: &rng) ?? "a" })
            let existing = insert(&t, key, Int32(i))
            #expect(existing == reference[key])
            if reference[key] == nil { reference[key] = Int32(i) }
        }
        #expect(t.count == reference.count)
        for (k, v) in reference { #expect(value(t, k) == v) }
        #expect(value(t, "not there at all, longer than sixteen bytes") == nil)
    }
}
