import Foundation
import Testing
@testable import SyntheticData

@Suite struct GroundTruthTests {
    @Test func anomalyTruthListsExistingInvoicesAtAboutTheRequestedRate() throws {
        var options = Fixtures.small
        options.invoices = 8_000
        options.anomalyRate = 0.03
        let h = try GeneratedHistory.generate(options)
        #expect(h.anomalies.header == ["invoice_id", "anomaly_kind"])
        let ids = Set(h.invoices.rows.map { $0[0] })
        var kinds: [String: Int] = [:]
        var seen = Set<String>()
        for row in h.anomalies.rows {
            #expect(ids.contains(row[0]), "truth lists unknown invoice \(row[0])")
            #expect(seen.insert(row[0]).inserted, "truth lists \(row[0]) twice")
            #expect(AnomalyKind(label: row[1]) != nil, "unknown anomaly kind \(row[1])")
            kinds[row[1], default: 0] += 1
        }
        let share = Double(h.anomalies.rows.count) / Double(h.invoices.rows.count)
        #expect(share > 0.02 && share < 0.04, "anomaly share \(share) is far from 0.03")
        #expect(Set(kinds.keys) == Set(AnomalyKind.allCases.map(\.label)), "kinds present: \(kinds)")
        #expect(h.summary.anomalies == h.anomalies.rows.count)
    }

    @Test func injectedAnomaliesLookLikeTheirKind() throws {
        var options = Fixtures.small
        options.invoices = 8_000
        options.anomalyRate = 0.03
        let h = try GeneratedHistory.generate(options)
        let kindOf = Dictionary(uniqueKeysWithValues: h.anomalies.rows.map { ($0[0], $0[1]) })
        var byCustomer: [String: [[String]]] = [:]
        for row in h.invoices.rows { byCustomer[row[1], default: []].append(row) }
        for (_, rows) in byCustomer {
            let normal = rows.filter { kindOf[$0[0]] == nil }.compactMap { Double($0[4]) }.sorted()
            let median = normal.isEmpty ? 0 : normal[normal.count / 2]
            for (k, row) in rows.enumerated() {
                guard let kind = kindOf[row[0]], let amount = Double(row[4]) else { continue }
                switch kind {
                case "duplicate":
                    // An earlier-listed invoice of the same customer with the same amount, a few days before.
                    let issue = Day(iso: row[2])!
                    let twin = rows[..<k].contains { $0[4] == row[4] && issue - Day(iso: $0[2])! <= 6 }
                    #expect(twin, "duplicate \(row[0]) has no twin")
                case "amount_spike":
                    #expect(amount > 3 * median, "spike \(row[0]) is not large for its customer")
                case "round_amount":
                    #expect(amount.truncatingRemainder(dividingBy: 1_000) == 0)
                case "unusual_terms":
                    let terms = Day(iso: row[3])! - Day(iso: row[2])!
                    #expect(terms <= 10 || terms >= 120, "unusual terms of \(terms) days")
                default:
                    #expect(k == 0, "large first invoice \(row[0]) is not the customer's first")
                }
            }
        }
    }

    @Test func invoiceCountFollowsTheRequestEvenWithFewInvoicesPerCustomer() throws {
        for (customers, invoices) in [(2_000, 4_000), (50, 6_000)] {
            var options = Fixtures.small
            options.customers = customers
            options.invoices = invoices
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relance-size-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let summary = try HistoryGenerator.write(options: options, to: folder)
            #expect(abs(summary.invoices - invoices) < invoices / 10, "\(customers) customers: \(summary.invoices) invoices for \(invoices) requested")
            #expect(summary.customers == customers)
        }
    }

    @Test func customerTruthCoversEveryCustomer() throws {
        let h = try GeneratedHistory.generate(Fixtures.small)
        #expect(h.customerTruth.header == ["customer_id", "reliability", "deteriorating", "stress_at_end"])
        #expect(h.customerTruth.rows.map { $0[0] } == h.customers.rows.map { $0[0] })
        for row in h.customerTruth.rows {
            let r = try #require(Double(row[1]))
            #expect(r > 0 && r < 1)
            #expect(row[2] == "0" || row[2] == "1")
            #expect(Double(row[3]) != nil)
        }
        #expect(h.customerTruth.rows.contains { $0[2] == "1" })
    }
}
