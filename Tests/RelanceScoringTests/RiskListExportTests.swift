import Foundation
import Testing
import RelanceData
import RelanceExport
@testable import RelanceScoring

/// The scored sample through the export layer: language switch, pseudonymisation, a real workbook.
@Suite struct RiskListExportTests {
    static let list: RiskList = {
        let result = try! OpenInvoiceScorer(models: ScoringFixture.models).score(ScoringFixture.sample, asOf: ScoringFixture.sampleAsOf)
        return RiskList(asOf: result.asOf, invoices: result.invoices)
    }()

    @Test func theLanguageSwitchChangesTheReasonsOnly() {
        let en = Self.list.csv(renderReason: ReasonText.renderer(.en))
        let fr = Self.list.csv(renderReason: ReasonText.renderer(.fr))
        #expect(en != fr)
        #expect(en.contains("earlier invoices") && !en.contains("factures précédentes"))
        #expect(fr.contains("factures précédentes") && !fr.contains("earlier invoices"))
        // Same rows, same numbers: only the reasons column differs.
        let enRows = en.split(separator: "\n"), frRows = fr.split(separator: "\n")
        #expect(enRows.count == frRows.count && enRows[0] == frRows[0])
        #expect(enRows[1].split(separator: ",").prefix(8) == frRows[1].split(separator: ",").prefix(8))
    }

    @Test func pseudonymsAreStableAcrossRunsAndLeakNoName() throws {
        let key = Data("a test key of more than sixteen bytes".utf8)
        let names = Set(ScoringFixture.sample.customers.name.filter { !$0.isEmpty })
        #expect(names.count > 100)
        func export(_ key: Data) throws -> String {
            let p = try Pseudonymizer(key: key)
            return p.pseudonymize(Self.list).csv(renderReason: ReasonText.renderer(.en))
        }
        let first = try export(key), second = try export(key)
        #expect(first == second, "same key, same pseudonyms, run after run")
        for name in names { #expect(!first.contains(name), "a customer name leaked") }
        let other = try export(Data("another key, also long enough".utf8))
        #expect(other != first)
        // Ids stay, so the list still joins with the ERP.
        let ids = Self.list.invoices.prefix(20).map(\.invoiceId)
        for id in ids { #expect(first.contains(id)) }
        #expect(first.contains("Customer "))
    }

    @Test func noKeyIsAClearError() {
        #expect(throws: PseudonymizerError.keyMissing(variable: "RELANCE_PSEUDONYM_KEY")) {
            try Pseudonymizer.fromEnvironment([:])
        }
    }

    static let libreOfficeAvailable: Bool = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/libreoffice") }
    }()

    @Test(.enabled(if: libreOfficeAvailable,
                   "libreoffice is not on PATH: skipped; run scripts/check-xlsx.sh on a `relance score --format xlsx` output by hand"))
    func aSpreadsheetProgramReadsTheScoredWorkbook() throws {
        let dir = try ScoringFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("risk.xlsx")
        try Self.list.writeXLSX(to: file, renderReason: ReasonText.renderer(.fr))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [ScoringFixture.root.appendingPathComponent("scripts/check-xlsx.sh").path, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.contains("sheets converted: customers, invoices, summary"), "\(output)")
        #expect(output.contains("sheet invoices: \(Self.list.invoices.count) rows"), "\(output)")
    }
}
