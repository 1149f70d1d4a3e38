import Testing
@testable import RelanceData

/// Invoice ids that are one prefix and a fixed-width number are looked up by number; anything
/// else must be refused by the index (the caller then uses a hash table), never mismatched.
@Suite struct NumberedIdIndexTests {
    func lookup(_ index: NumberedIdIndex, _ id: String) -> Int32? {
        Array(id.utf8).withUnsafeBytes { index.entry(for: $0)?.row }
    }

    @Test(arguments: ["", "F", "INV-", "F2024-", "INVOICE-", "INVOICE-X"])
    func idsWithOnePrefixAreFoundByNumberAndOthersAreNot(prefix: String) throws {
        let width = 6
        let numbers = [7, 3, 12, 999, 0, 41]   // dense enough: the largest is below 4 × count + 1024
        let ids = numbers.map { prefix + String(repeating: "0", count: width - String($0).count) + String($0) }
        let index = try #require(NumberedIdIndex.build(ids, customers: numbers.map { Int32($0 % 5) }))
        for (row, id) in ids.enumerated() { #expect(lookup(index, id) == Int32(row), "\(id)") }
        #expect(lookup(index, prefix + "000004") == nil)             // a number no invoice has
        #expect(lookup(index, prefix + "00007") == nil)              // shorter
        #expect(lookup(index, prefix + "0000007") == nil)            // longer
        #expect(lookup(index, prefix + "00000x") == nil)             // not a digit
        if !prefix.isEmpty {
            let other = String(prefix.dropLast()) + "#"
            #expect(lookup(index, other + "000007") == nil, "\(other)")   // another prefix, same width
        }
    }

    @Test func idsOfMixedShapesGetNoIndex() {
        #expect(NumberedIdIndex.build(["INV-001", "INV-0002"], customers: [0, 0]) == nil)
        #expect(NumberedIdIndex.build(["INV-001", "FAC-002"], customers: [0, 0]) == nil)
        #expect(NumberedIdIndex.build(["INV-001", "INV-00A"], customers: [0, 0]) == nil)
        #expect(NumberedIdIndex.build(["ABC"], customers: [0]) == nil)
    }

    /// Consecutive numbers in row order need no table: the row is the number's offset.
    @Test func consecutiveNumbersAreFoundByTheirOffset() throws {
        let ids = (5...9).map { "INV-\(String(format: "%04d", $0))" }
        let customers: [Int32] = [4, 3, 2, 1, 0]
        let index = try #require(NumberedIdIndex.build(ids, customers: customers))
        for (row, id) in ids.enumerated() {
            let entry = Array(id.utf8).withUnsafeBytes { index.entry(for: $0) }
            #expect(entry?.row == Int32(row) && entry?.customer == customers[row], "\(id)")
        }
        #expect(lookup(index, "INV-0004") == nil && lookup(index, "INV-0010") == nil && lookup(index, "INV-0000") == nil)
        // Out of order (8 before 7): looked up through the table, same answers.
        let shuffled = ["INV-0005", "INV-0006", "INV-0008", "INV-0007", "INV-0009"]
        let table = try #require(NumberedIdIndex.build(shuffled, customers: customers))
        for (row, id) in shuffled.enumerated() { #expect(lookup(table, id) == Int32(row), "\(id)") }
        #expect(lookup(table, "INV-0004") == nil && lookup(table, "INV-0010") == nil)
    }
}
