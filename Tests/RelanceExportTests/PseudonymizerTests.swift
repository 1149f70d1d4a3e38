import Foundation
import Testing
@testable import RelanceExport

@Suite struct PseudonymizerTests {
    static let keyText = "relance-test-key-0123456789"
    static func make(_ key: String = keyText, digits: Int = 6) throws -> Pseudonymizer {
        try Pseudonymizer(key: Data(key.utf8), digits: digits)
    }

    /// Reference tokens from Python's `hmac.new(key, field + b"\0" + value, hashlib.sha256)`,
    /// upper-case hex, first 16 digits; a pseudonym must be reproducible by any HMAC implementation.
    @Test func tokensMatchAnIndependentHMACSHA256() throws {
        let p = try Self.make(digits: 16)
        #expect(p.token("Zoë <Brasserie> & Fils", field: .name) == "37DBBE68C53BF794")
        #expect(p.token("jane.doe@acme.example", field: .email) == "188C10B6194D4555")
        #expect(p.token("+33123456789", field: .phone) == "5B5853FAF20207C3")
    }

    @Test func pseudonymsHaveTheirDocumentedShapes() throws {
        let p = try Self.make()
        #expect(p.name("Zoë <Brasserie> & Fils") == "Customer 37DBBE")
        #expect(p.email("Jane.Doe@ACME.example ") == "c-188c10@example.invalid")
        #expect(p.phone("+33 1 23 45 67 89") == "+00 000 5B5853")
        #expect(p.name("") == "" && p.email("  ") == "" && p.phone("n/a") == "")
    }

    @Test func sameInputAndKeyGiveTheSamePseudonymAcrossInstances() throws {
        let a = try Self.make(), b = try Self.make()
        #expect(a.name("Dupont SARL") == b.name("Dupont SARL"))
        // Case, Unicode composition (e + combining diaeresis) and spacing do not matter.
        #expect(a.name("  ZOE\u{0308}   <brasserie> & fils ") == a.name("Zoë <Brasserie> & Fils"))
    }

    @Test func differentKeysGiveDifferentPseudonyms() throws {
        let a = try Self.make(), b = try Self.make("another-key-abcdefghijklmnop")
        #expect(b.name("Zoë <Brasserie> & Fils") == "Customer 50252B")
        for value in ["Zoë <Brasserie> & Fils", "Dupont SARL", "jane@x.example"] {
            #expect(a.name(value) != b.name(value))
        }
    }

    @Test func sameTextAsNameAndAsEmailGetsUnrelatedTokens() throws {
        let p = try Self.make()
        #expect(p.token("x@y.example", field: .name) != p.token("x@y.example", field: .email))
    }

    @Test func shortOrMissingKeysAreRefusedWithoutEchoingTheKey() throws {
        #expect(throws: PseudonymizerError.keyTooShort(source: "key", bytes: 5)) {
            try Pseudonymizer(key: Data("short".utf8))
        }
        #expect(throws: PseudonymizerError.keyMissing(variable: "RELANCE_PSEUDONYM_KEY")) {
            try Pseudonymizer.fromEnvironment([:])
        }
        do {
            _ = try Pseudonymizer.fromEnvironment(["RELANCE_PSEUDONYM_KEY": "secret-abc"])
            Issue.record("a 10-byte key was accepted")
        } catch {
            #expect(!"\(error)".contains("secret"))
            #expect("\(error)".contains("RELANCE_PSEUDONYM_KEY"))
        }
        let missing = URL(fileURLWithPath: "/nonexistent/relance.key")
        #expect(throws: PseudonymizerError.keyFileUnreadable(path: missing.path)) {
            try Pseudonymizer(keyFile: missing)
        }
    }

    @Test func keyFileWithTrailingNewlineMatchesTheEnvironmentKey() throws {
        let dir = try RiskListFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("pseudonym.key")
        try Data((Self.keyText + "\n").utf8).write(to: file)
        let fromFile = try Pseudonymizer.fromEnvironment([:], keyFile: file)
        let fromEnv = try Pseudonymizer.fromEnvironment(["RELANCE_PSEUDONYM_KEY": Self.keyText])
        #expect(fromFile.name("Dupont SARL") == fromEnv.name("Dupont SARL"))
    }
}

@Suite struct PseudonymisedExportTests {
    /// Every word of 3 letters or more of the fixture's names, which must not survive in any export.
    static let personalWords: [String] = {
        let names = Set(RiskListFixture.invoices.map(\.customerName))
        return names.flatMap { $0.split(whereSeparator: { !$0.isLetter }).map(String.init) }
            .filter { $0.count >= 3 }
    }()

    static func list() throws -> RiskList {
        try PseudonymizerTests.make().pseudonymize(RiskListFixture.list)
    }

    static func assertNoPersonalWord(in data: Data, part: String) {
        let text = String(decoding: data, as: UTF8.self)
        for word in personalWords {
            #expect(!text.contains(word), "\(part) still contains a word of a customer name")
        }
    }

    @Test func fixtureNamesHaveWordsToLookFor() {
        #expect(Self.personalWords.contains("Brasserie"))
        #expect(Self.personalWords.contains("Éclairage"))
        #expect(Self.personalWords.contains("HYPERLINK"))
    }

    @Test func idsAmountsAndOrderAreKeptAndNamesReplaced() throws {
        let list = try Self.list()
        #expect(list.invoices.map(\.invoiceId) == RiskListFixture.invoices.map(\.invoiceId))
        #expect(list.invoices.map(\.amount) == RiskListFixture.invoices.map(\.amount))
        #expect(list.currencySummary == RiskListFixture.list.currencySummary)
        #expect(list.invoices.allSatisfy { $0.customerName.hasPrefix("Customer ") })
        #expect(list.invoices[0].customerName == list.invoices[1].customerName)
        #expect(list.customers.map(\.customerId) == RiskListFixture.list.customers.map(\.customerId))
    }

    @Test func noOriginalNameAppearsInTheCSV() throws {
        let csv = try Self.list().csv(renderReason: RiskListFixture.renderReason)
        Self.assertNoPersonalWord(in: Data(csv.utf8), part: "CSV")
        #expect(csv.contains("INV-1,C1,Customer "))
    }

    @Test func noOriginalNameAppearsInTheJSON() throws {
        let json = try Self.list().json(renderReason: RiskListFixture.renderReason)
        Self.assertNoPersonalWord(in: json, part: "JSON")
    }

    @Test func noOriginalNameAppearsInAnyPartOfTheXLSX() throws {
        let data = try Self.list().workbook(renderReason: RiskListFixture.renderReason).data()
        Self.assertNoPersonalWord(in: data, part: "xlsx container")
        let book = try WorkbookReader(data)
        #expect(book.parts.count == 11)
        for (path, bytes) in book.parts {
            Self.assertNoPersonalWord(in: bytes, part: path)
        }
        // Control: the same check finds the names in a workbook that was not pseudonymised.
        let plain = try WorkbookReader(RiskListFixture.list.workbook(renderReason: RiskListFixture.renderReason).data())
        let strings = String(decoding: try #require(plain.parts["xl/sharedStrings.xml"]), as: UTF8.self)
        #expect(strings.contains("Brasserie"))
    }
}
