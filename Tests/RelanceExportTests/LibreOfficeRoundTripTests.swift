import Foundation
import Testing
@testable import RelanceExport

/// Opens the workbooks in LibreOffice Calc through `scripts/check-xlsx.sh` (an independent reader),
/// when LibreOffice is installed. The test never installs it: run the script by hand for that.
@Suite struct LibreOfficeRoundTripTests {
    static let libreOfficeAvailable: Bool = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/libreoffice")
        }
    }()

    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/check-xlsx.sh")

    /// Runs the script on `book` and returns its exit status and output.
    static func check(_ book: XLSXWorkbook) throws -> (status: Int32, output: String) {
        let dir = try RiskListFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("risk.xlsx")
        try book.write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test(.enabled(if: libreOfficeAvailable,
                   "libreoffice is not on PATH: skipped; run scripts/check-xlsx.sh FILE.xlsx to install it and check by hand"))
    func libreOfficeReadsNumbersAsNumbersAndDatesAsDates() throws {
        let result = try Self.check(RiskListFixture.list.workbook(renderReason: RiskListFixture.renderReason))
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("sheets converted: customers, invoices, summary"), "\(result.output)")
        #expect(result.output.contains("2026-10-28"), "\(result.output)")
    }

    @Test(.enabled(if: libreOfficeAvailable,
                   "libreoffice is not on PATH: skipped; run scripts/check-xlsx.sh FILE.xlsx to install it and check by hand"))
    func scriptRejectsDatesStoredAsBareSerialsOrText() throws {
        var book = RiskListFixture.list.workbook(renderReason: RiskListFixture.renderReason)
        // issue_date as an unstyled serial (shows 46293), due_date as text, amount as text.
        book.sheets[0].rows[0][5] = .number(46_293)
        book.sheets[0].rows[0][6] = .text("2026-10-28")
        book.sheets[0].rows[0][3] = .text("900")
        let result = try Self.check(book)
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("invoices: row 2: issue_date: date came back as '46293'"), "\(result.output)")
        #expect(result.output.contains("invoices: row 2: due_date: date came back as text"), "\(result.output)")
        #expect(result.output.contains("invoices: row 2: amount: number came back as text"), "\(result.output)")
    }
}
