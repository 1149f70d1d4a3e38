import Foundation
import Testing
import RelanceExport
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
}
