import Foundation
import Testing
@testable import RelanceData

/// Continuous invoice numbering is recognised while parsing, across the two halves of a file, and
/// anything else falls back to the index built from the ids.
@Suite struct ConsecutiveNumberingTests {
    func observed(_ ids: [String]) -> ConsecutiveNumbering {
        var n = ConsecutiveNumbering()
        for id in ids { Array(id.utf8).withUnsafeBytes { n.observe($0) } }
        return n
    }

    @Test func countingUpByOneIsConsecutive() {
        let n = observed((41...45).map { "F2024-\(String(format: "%05d", $0))" })
        #expect(n.state == .consecutive && n.first == 41 && n.last == 45 && n.width == 11)
        let index = n.index(customers: [0, 1, 2, 3, 4])
        #expect(index != nil)
        #expect(Array("F2024-00043".utf8).withUnsafeBytes { index?.entry(for: $0)?.row } == 2)
    }

    @Test func gapsRepeatsOtherShapesAndRowCountsBreakIt() {
        #expect(observed(["INV-001", "INV-003"]).state == .broken)
        #expect(observed(["INV-001", "INV-001"]).state == .broken)
        #expect(observed(["INV-001", "INV-0002"]).state == .broken)
        #expect(observed(["INV-001", "FAC-002"]).state == .broken)
        #expect(observed(["INV-001", "INV-00x"]).state == .broken)
        #expect(observed(["ABC"]).state == .broken)
        // Consecutive, but not as many numbers as rows in the table: no index.
        #expect(observed(["INV-001", "INV-002"]).index(customers: [0, 0, 0]) == nil)
    }

    @Test func halvesJoinOnlyWhenTheSecondContinuesTheFirst() {
        var a = observed(["INV-001", "INV-002"])
        a.append(observed(["INV-003", "INV-004"]))
        #expect(a.state == .consecutive && a.first == 1 && a.last == 4)
        var gap = observed(["INV-001", "INV-002"])
        gap.append(observed(["INV-004"]))
        #expect(gap.state == .broken)
        var empty = ConsecutiveNumbering()
        empty.append(observed(["INV-007"]))
        #expect(empty.state == .consecutive && empty.first == 7)
        var withEmpty = observed(["INV-001"])
        withEmpty.append(ConsecutiveNumbering())
        #expect(withEmpty.state == .consecutive && withEmpty.last == 1)
    }

    @Test(arguments: [0, Int.max])
    func eventsResolveTheSameWithAndWithoutContinuousNumbering(parallelThresholdBytes: Int) throws {
        let files = TestFiles()
        func load(_ ids: [String]) throws -> [Int32] {
            var text = "invoice_id,customer_id,issue_date,due_date,amount,currency,paid_date\n"
            for (k, id) in ids.enumerated() { text += "\(id),C\(k % 7),2024-01-10,2024-02-10,\(k + 1).5,EUR,\n" }
            let invoices = files.write("invoices-\(ids.count)-\(ids.first ?? "").csv", text)
            var events = "date,customer_id,invoice_id,kind\n"
            for k in stride(from: 0, to: ids.count, by: 37) { events += "2024-03-01,C\(k % 7),\(ids[k]),call\n" }
            let eventsURL = files.write("events-\(ids.count)-\(ids.first ?? "").csv", events)
            return try DatasetLoader.load(DatasetSources(invoices: invoices, events: eventsURL), parallelThresholdBytes: parallelThresholdBytes).dataset.events.invoice
        }
        let continuous = (1...3000).map { String(format: "INV-%06d", $0) }
        var withGap = continuous
        withGap[1500] = "INV-999999"
        let expected = stride(from: 0, to: 3000, by: 37).map { Int32($0) }
        #expect(try load(continuous) == expected)
        #expect(try load(withGap) == expected)
    }
}
