import Foundation
import Testing
import RelanceScoring
@testable import RelanceExport

@Suite struct RiskListCSVTests {
    /// Splits CSV text into records of fields (RFC 4180), independently of the writer.
    static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = ""
        var inQuotes = false, afterQuote = false
        var it = Array(text.unicodeScalars).makeIterator()
        while let c = it.next() {
            if inQuotes {
                if c == "\"" { inQuotes = false; afterQuote = true } else { field.unicodeScalars.append(c) }
                continue
            }
            switch c {
            case "\"":
                if afterQuote { field.append("\"") }
                inQuotes = true
                afterQuote = false
            case ",": record.append(field); field = ""; afterQuote = false
            case "\n": record.append(field); records.append(record); record = []; field = ""; afterQuote = false
            default: field.unicodeScalars.append(c); afterQuote = false
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }

    @Test func riskTierFieldIsTheTiersRawValue() {
        for tier in RiskTier.allCases {
            #expect(RiskList.csvText(of: tier).description == tier.rawValue)
        }
    }

    @Test func headerListsTheDocumentedColumns() {
        let rows = Self.parse(RiskListFixture.list.csv(renderReason: RiskListFixture.renderReason))
        #expect(rows.first == RiskListColumns.invoices)
        #expect(rows.count == 1 + RiskListFixture.invoices.count)
        #expect(rows.allSatisfy { $0.count == RiskListColumns.invoices.count })
    }

    @Test func fieldsRoundTripWithQuotingFlagsAndReasonsJoined() {
        let rows = Self.parse(RiskListFixture.list.csv(renderReason: RiskListFixture.renderReason))
        let h = rows[0]
        func col(_ row: [String], _ name: String) -> String { row[h.firstIndex(of: name)!] }
        let first = rows[1]
        #expect(col(first, "invoice_id") == "INV-1")
        #expect(col(first, "customer_name") == "Société Générale d'Éclairage, \"SGE\"")
        #expect(col(first, "amount") == "900")
        #expect(col(first, "issue_date") == "2026-09-28")
        #expect(col(first, "due_date") == "2026-10-28")
        #expect(col(first, "days_overdue") == "30")
        #expect(col(first, "p_late") == "0.9000")
        #expect(col(first, "priority") == "810.00")
        #expect(col(first, "risk_tier") == "critical")
        #expect(col(first, "anomaly_flags") == "duplicate_of:INV-0;amount_12x_usual")
        #expect(col(first, "reasons") == "late_share=4.0/5 | overdue_open=12.0")
        #expect(col(rows[4], "amount") == "1234.56")
        #expect(col(rows[4], "currency") == "GBP")
    }

    @Test func freeTextStartingWithAFormulaCharacterIsNeutralised() {
        let rows = Self.parse(RiskListFixture.list.csv(renderReason: RiskListFixture.renderReason))
        let name = rows[4][2]
        #expect(name.hasPrefix("'=HYPERLINK"))
    }

    @Test func nonFiniteNumbersBecomeEmptyFields() {
        var inv = RiskListFixture.invoices[0]
        inv.pLate = .nan
        inv.priority = .infinity
        let rows = Self.parse(RiskList(asOf: RiskListFixture.asOf, invoices: [inv]).csv(renderReason: RiskListFixture.renderReason))
        #expect(rows[1][8] == "")
        #expect(rows[1][12] == "")
    }

    @Test func byteOrderMarkIsWrittenOnlyWhenAsked() {
        let plain = RiskListFixture.list.csv(renderReason: RiskListFixture.renderReason)
        let excel = RiskListFixture.list.csv(renderReason: RiskListFixture.renderReason, byteOrderMark: true)
        #expect(Array(plain.utf8.prefix(3)) == Array("inv".utf8))
        #expect(Array(excel.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
    }

    @Test func writeCSVReplacesTheFileAndLeavesNoTemporaryFile() throws {
        let dir = try RiskListFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("risk.csv")
        try Data("old".utf8).write(to: url)
        try RiskListFixture.list.writeCSV(to: url, renderReason: RiskListFixture.renderReason)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text == RiskListFixture.list.csv(renderReason: RiskListFixture.renderReason))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["risk.csv"])
    }
}
