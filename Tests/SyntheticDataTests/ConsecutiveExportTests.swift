import Foundation
import Testing
@testable import SyntheticData

/// Two exports of one simulated world taken on different days agree on everything both show.
@Suite struct ConsecutiveExportTests {
    @Test func aLaterExportExtendsTheEarlierOne() throws {
        var later = Fixtures.small
        later.horizon = later.asOf
        var earlier = later
        earlier.asOf = later.asOf - 45
        let a = try GeneratedHistory.generate(earlier)
        let b = try GeneratedHistory.generate(later)

        var laterRows: [String: [String]] = [:]
        for row in b.invoices.rows { laterRows[row[0]] = row }
        var newlyPaid = 0
        for row in a.invoices.rows {
            let other = try #require(laterRows[row[0]], "\(row[0]) vanished from the later export")
            // Same customer, dates, amount, currency, method and channel.
            for column in [1, 2, 3, 4, 5, 8, 9] { #expect(row[column] == other[column], "\(row[0]) column \(column)") }
            if !row[6].isEmpty {
                #expect(other[6] == row[6], "\(row[0]) payment changed between exports")
            } else if !other[6].isEmpty {
                newlyPaid += 1
                #expect(other[6] > earlier.asOf.iso, "\(row[0]) paid before the earlier export but shown open in it")
            }
        }
        #expect(newlyPaid > 0)
        #expect(b.invoices.rows.count > a.invoices.rows.count)

        let laterEvents = Set(b.events.rows.map { $0.joined(separator: ",") })
        #expect(a.events.rows.allSatisfy { laterEvents.contains($0.joined(separator: ",")) })
        #expect(b.events.rows.count > a.events.rows.count)
        let laterCustomers = Set(b.customers.rows.map { $0.joined(separator: ",") })
        #expect(a.customers.rows.allSatisfy { laterCustomers.contains($0.joined(separator: ",")) })
        let laterAnomalies = Set(b.anomalies.rows.map { $0[0] })
        #expect(a.anomalies.rows.allSatisfy { laterAnomalies.contains($0[0]) })
    }

    @Test func theDefaultHorizonIsTheAsOfDay() throws {
        var explicit = Fixtures.small
        explicit.horizon = explicit.asOf
        #expect(try GeneratedHistory.bytes(explicit) == GeneratedHistory.bytes(Fixtures.small))
    }

    @Test func aHorizonBeforeTheAsOfDayIsRefused() {
        var options = Fixtures.small
        options.horizon = options.asOf - 1
        #expect(throws: GeneratorError.self) { try options.validate() }
    }
}
