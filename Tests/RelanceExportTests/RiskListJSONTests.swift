import Foundation
import Testing
@testable import RelanceExport

@Suite struct RiskListJSONTests {
    func document() throws -> [String: Any] {
        let data = try RiskListFixture.list.json(renderReason: RiskListFixture.renderReason)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func documentHasAsOfInvoicesCustomersAndCurrencySummary() throws {
        let doc = try document()
        #expect(doc["as_of"] as? String == "2026-11-27")
        #expect((doc["invoices"] as? [Any])?.count == 4)
        #expect((doc["customers"] as? [Any])?.count == 3)
        let totals = try #require(doc["currency_summary"] as? [[String: Any]])
        #expect(totals.map { $0["currency"] as? String } == ["EUR", "GBP"])
    }

    @Test func invoiceObjectsUseTheCSVColumnNamesWithStructuredReasons() throws {
        let invoices = try #require(try document()["invoices"] as? [[String: Any]])
        let first = invoices[0]
        #expect(Set(first.keys) == Set(RiskListColumns.invoices))
        #expect(first["customer_name"] as? String == "Société Générale d'Éclairage, \"SGE\"")
        #expect(first["amount"] as? Double == 900)
        #expect(first["due_date"] as? String == "2026-10-28")
        #expect(first["anomaly_flags"] as? [String] == ["duplicate_of:INV-0", "amount_12x_usual"])
        let reasons = try #require(first["reasons"] as? [[String: Any]])
        #expect(reasons.count == 2)
        #expect(reasons[0]["code"] as? String == "late_share")
        #expect(reasons[0]["value"] as? Double == 4)
        #expect(reasons[0]["detail"] as? String == "5")
        #expect(reasons[0]["shareable_with_customer"] as? Bool == true)
        #expect(reasons[0]["text"] as? String == "late_share=4.0/5")
    }

    @Test func customersAreTheRollupInOrder() throws {
        let customers = try #require(try document()["customers"] as? [[String: Any]])
        #expect(customers.map { $0["customer_id"] as? String } == ["C1", "C2", "C3"])
        #expect(customers[0]["worst_tier"] as? String == "critical")
        #expect(customers[0]["oldest_days_overdue"] as? Int == 30)
        let expected = try #require(customers[0]["expected_late_amount"] as? Double)
        #expect(abs(expected - 860) < 1e-9)
    }

    @Test func nonFiniteNumbersAreNull() throws {
        var inv = RiskListFixture.invoices[0]
        inv.pLate = .nan
        let data = try RiskList(asOf: RiskListFixture.asOf, invoices: [inv]).json(renderReason: RiskListFixture.renderReason)
        let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let first = try #require((doc["invoices"] as? [[String: Any]])?.first)
        #expect(first["p_late"] is NSNull)
    }

    @Test func sameListGivesByteIdenticalJSON() throws {
        let a = try RiskListFixture.list.json(renderReason: RiskListFixture.renderReason)
        let b = try RiskListFixture.list.json(renderReason: RiskListFixture.renderReason)
        #expect(a == b)
    }
}
