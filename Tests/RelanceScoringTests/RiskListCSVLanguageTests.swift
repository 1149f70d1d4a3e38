import Foundation
import Testing
@testable import RelanceExport
@testable import RelanceScoring

/// The CSV written with a language (reasons as bytes) is the CSV written with the renderer.
@Suite struct RiskListCSVLanguageTests {
    @Test func theCSVByLanguageIsTheCSVByRenderer() {
        for language in ReasonLanguage.allCases {
            for bom in [false, true] {
                let byLanguage = RiskListExportTests.list.csv(language: language, byteOrderMark: bom)
                #expect(byLanguage == RiskListExportTests.list.csv(renderReason: ReasonText.renderer(language), byteOrderMark: bom))
                #expect(byLanguage == RiskListExportTests.list.csv(
                    renderReason: { ReasonTextOracle.render($0, language: language) }, byteOrderMark: bom))
            }
        }
    }

    @Test func writeCSVByLanguageWritesThatTextAndLeavesNoTemporaryFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("relance-csv-language-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("risk.csv")
        try Data("old".utf8).write(to: url)
        try RiskListExportTests.list.writeCSV(to: url, language: .fr)
        #expect(try Data(contentsOf: url) == Data(RiskListExportTests.list.csv(language: .fr).utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["risk.csv"])
    }

    @Test func aListOfManyBlocksIsWrittenAsTheSameTextInRowOrder() throws {
        // The sample's rows repeated past several write blocks (the last one partial).
        let rows = RiskListExportTests.list.invoices
        let count = 3 * RiskList.writeBlockRows + 17
        let long = RiskList(asOf: RiskListExportTests.list.asOf, invoices: (0..<count).map { rows[$0 % rows.count] })
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("relance-csv-blocks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("risk.csv")
        for bom in [false, true] {
            try long.writeCSV(to: url, language: .en, byteOrderMark: bom)
            #expect(try Data(contentsOf: url) == Data(long.csv(language: .en, byteOrderMark: bom).utf8))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["risk.csv"])
    }
}
