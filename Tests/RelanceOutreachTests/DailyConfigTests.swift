import Foundation
import RelanceOutreach
import Testing

@Suite("[daily] table of relance.toml")
struct DailyConfigTests {
    static let outreach = """
        [company]
        name = "Atelier Test"
        sender_email = "billing@example.com"

        [contact]
        name = "Camille"
        phone = "+33 1 00 00 00 00"
        email = "camille@example.com"

        """

    @Test func dailyTableResolvesPathsAgainstTheConfigFolderAndOutreachStillLoads() throws {
        let text = Self.outreach + """
            [daily]
            invoices = "data/invoices.csv"
            customers = "/srv/erp/customers.csv"
            model = "models/current"
            language = "fr"
            worklist_rows = 50
            """
        let base = URL(fileURLWithPath: "/etc/relance", isDirectory: true)
        let daily = try DailyConfig.parse(text, file: "relance.toml", baseDirectory: base)
        #expect(daily.invoices.path == "/etc/relance/data/invoices.csv")
        #expect(daily.customers.path == "/srv/erp/customers.csv")
        #expect(daily.model.path == "/etc/relance/models/current")
        #expect(daily.ledger.path == "/etc/relance/relance-ledger.sqlite")
        #expect(daily.outDirectory.path == "/etc/relance/out/daily")
        #expect(daily.events == nil && daily.currency == "EUR" && daily.language == "fr" && daily.worklistRows == 50)
        // The outreach reader accepts the same file (its strict check knows [daily]).
        let outreach = try OutreachConfig.parse(text, file: "relance.toml")
        #expect(outreach.company.name == "Atelier Test")
    }

    @Test func misspeltDailyKeyIsRefusedWithItsLine() {
        let text = Self.outreach + "[daily]\ninvoices = \"i.csv\"\ncustomers = \"c.csv\"\nmodel = \"m\"\nmodle_dir = \"x\"\n"
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("modle_dir") }.map { $0 + 1 }
        for parse in [{ _ = try DailyConfig.parse(text, file: "relance.toml", baseDirectory: URL(fileURLWithPath: "/")) },
                      { _ = try OutreachConfig.parse(text, file: "relance.toml") }] {
            do {
                try parse()
                Issue.record("a misspelt key was accepted")
            } catch let e as OutreachConfigError {
                #expect(e.line == line)
                #expect(e.problem.contains("modle_dir"))
            } catch { Issue.record("unexpected \(error)") }
        }
    }

    @Test func missingDailyTableOrRequiredKeyIsAnError() {
        #expect(throws: OutreachConfigError.self) { try DailyConfig.parse(Self.outreach, file: "relance.toml", baseDirectory: URL(fileURLWithPath: "/")) }
        let noModel = Self.outreach + "[daily]\ninvoices = \"i.csv\"\ncustomers = \"c.csv\"\n"
        #expect(throws: OutreachConfigError.self) { try DailyConfig.parse(noModel, file: "relance.toml", baseDirectory: URL(fileURLWithPath: "/")) }
        let badLanguage = Self.outreach + "[daily]\ninvoices = \"i.csv\"\ncustomers = \"c.csv\"\nmodel = \"m\"\nlanguage = \"de\"\n"
        #expect(throws: OutreachConfigError.self) { try DailyConfig.parse(badLanguage, file: "relance.toml", baseDirectory: URL(fileURLWithPath: "/")) }
    }
}
