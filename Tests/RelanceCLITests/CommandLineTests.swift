import Foundation
import Testing

/// The `relance` executable as a user or a script meets it: exit statuses, error lines on
/// standard error, machine-readable output. The library behaviour behind each command is pinned
/// in the other test targets; these tests pin the wiring.
@Suite struct CommandLineTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sample = packageRoot.appendingPathComponent("datasets/sample")

    /// The `relance` binary built beside this test bundle.
    static var binary: URL {
        var dir = Bundle.main.bundleURL
        if dir.pathExtension == "xctest" { dir = dir.deletingLastPathComponent() }
        return dir.appendingPathComponent("relance")
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func relance(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so that a large output cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("relance-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func sampleInputs() -> [String] {
        ["--invoices", Self.sample.appendingPathComponent("invoices.csv").path,
         "--customers", Self.sample.appendingPathComponent("customers.csv").path,
         "--events", Self.sample.appendingPathComponent("events.csv").path]
    }

    @Test func everyCommandAnswersHelpWithStatusZero() throws {
        for command in ["check", "generate", "features", "train", "anomalies", "score", "init", "plan", "record", "report", "daily"] {
            let r = try relance([command, "--help"])
            #expect(r.status == 0, "\(command)")
            #expect(r.stdout.contains("USAGE: relance \(command)"), "\(command)")
        }
    }

    @Test func checkOnTheShippedSamplePrintsItsCountsAsJSON() throws {
        let r = try relance(["check"] + sampleInputs() + ["--format", "json"])
        #expect(r.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(json?["invoices"] as? Int == 24_035)
        #expect((json?["openInvoices"] as? Int ?? 0) > 0)
    }

    @Test func aBadDateIsReportedAsFileLineColumnWithStatus65() throws {
        let dir = try scratch()
        let file = dir.appendingPathComponent("invoices.csv")
        try "invoice_id,customer_id,issue_date,due_date,amount\nA1,C1,2024-01-10,2024-02-09,5\nA2,C1,2024-01-10,2024-13-01,5\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let r = try relance(["check", "--invoices", file.path])
        #expect(r.status == 65)
        #expect(r.stderr.contains("invoices.csv:3: due_date: \"2024-13-01\" is not a date (expected YYYY-MM-DD)"))
    }

    @Test func aMissingInputExits66AndAnUnknownOptionExits64() throws {
        let missing = try relance(["check", "--invoices", "/nonexistent/invoices.csv"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("invoices.csv"))
        let unknown = try relance(["check", "--invoices", "x.csv", "--no-such-option"])
        #expect(unknown.status == 64)
    }

    @Test func scoreWritesAJSONRiskListOfTheOpenInvoicesAndNothingOnFailure() throws {
        let dir = try scratch()
        let out = dir.appendingPathComponent("risk.json")
        let model = Self.packageRoot.appendingPathComponent("models/demo").path
        let r = try relance(["score", "--model", model] + sampleInputs() + ["--as-of", "2026-11-27", "--out", out.path, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(contentsOf: out))
        let list = (rows as? [[String: Any]]) ?? ((rows as? [String: Any])?["invoices"] as? [[String: Any]]) ?? []
        #expect(list.count > 100)
        for row in list.prefix(200) {
            let p = row["p_late"] as? Double ?? -1
            #expect(p >= 0 && p <= 1)
            #expect((row["reasons"] as? [Any])?.isEmpty == false || (row["reasons"] as? String)?.isEmpty == false)
        }

        // A bundle with another format version is refused and no risk list is written.
        let badModel = dir.appendingPathComponent("bad-model")
        try FileManager.default.createDirectory(at: badModel, withIntermediateDirectories: true)
        var bundle = try String(contentsOf: URL(fileURLWithPath: model).appendingPathComponent("model.json"), encoding: .utf8)
        let versionKey = try #require(bundle.range(of: #""formatVersion"\s*:\s*\d+"#, options: .regularExpression))
        bundle.replaceSubrange(versionKey, with: "\"formatVersion\": 999")
        try bundle.write(to: badModel.appendingPathComponent("model.json"), atomically: true, encoding: .utf8)
        let refusedOut = dir.appendingPathComponent("refused.csv")
        let refused = try relance(["score", "--model", badModel.path] + sampleInputs() + ["--as-of", "2026-11-27", "--out", refusedOut.path])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("999"))
        #expect(!FileManager.default.fileExists(atPath: refusedOut.path))
    }

    /// `score` reads its inputs on another thread while the bundle loads: a missing bundle is
    /// still the one thing reported (with its exit status) when the data is bad too, a bad input
    /// with a good bundle is reported as `file:line: column: problem`, and nothing is written.
    @Test func scoreReportsABadBundleBeforeBadDataAndWritesNothing() throws {
        let dir = try scratch()
        let bad = dir.appendingPathComponent("invoices.csv")
        try "invoice_id,customer_id,issue_date,due_date,amount\nA1,C1,2024-13-45,2024-02-01,5\n".write(to: bad, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("risk.csv")
        let noBundle = try relance(["score", "--model", dir.appendingPathComponent("none").path, "--invoices", bad.path,
                                    "--as-of", "2026-11-27", "--out", out.path])
        #expect(noBundle.status == 66)
        #expect(noBundle.stderr.contains("cannot read the model bundle"))
        #expect(!noBundle.stderr.contains("invoices.csv:2"))
        let model = Self.packageRoot.appendingPathComponent("models/demo").path
        let badData = try relance(["score", "--model", model, "--invoices", bad.path, "--as-of", "2026-11-27", "--out", out.path])
        #expect(badData.status == 65)
        #expect(badData.stderr.contains("invoices.csv:2: issue_date:"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func anomaliesWritesScoresAndFlagsSortedHighestFirst() throws {
        let dir = try scratch()
        let out = dir.appendingPathComponent("anomalies.csv")
        let r = try relance(["anomalies"] + sampleInputs() + ["--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "invoice_id,anomaly_score,robust_score,flags")
        #expect(lines.count == 24_036)
        let scores = lines.dropFirst().prefix(500).compactMap { Double($0.split(separator: ",", omittingEmptySubsequences: false)[1]) }
        #expect(scores.count == 500)
        #expect(scores == scores.sorted(by: >))
        #expect(lines.contains { $0.contains("duplicate_of:") })
    }

    @Test func dailyDryRunRecordsNothingAndASecondRealRunChangesNothing() throws {
        let dir = try scratch()
        let config = dir.appendingPathComponent("config")
        #expect(try relance(["init", config.path]).status == 0)
        let toml = config.appendingPathComponent("relance.toml")
        let daily = """

            [daily]
            invoices = "\(Self.sample.appendingPathComponent("invoices.csv").path)"
            customers = "\(Self.sample.appendingPathComponent("customers.csv").path)"
            events = "\(Self.sample.appendingPathComponent("events.csv").path)"
            model = "\(Self.packageRoot.appendingPathComponent("models/demo").path)"
            ledger = "ledger.sqlite"
            out_dir = "../daily"
            language = "fr"

            """
        let handle = try FileHandle(forWritingTo: toml)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(daily.utf8))
        try handle.close()
        let ledger = config.appendingPathComponent("ledger.sqlite")
        let day = dir.appendingPathComponent("daily/2026-11-27")

        let dry = try relance(["daily", "--config", toml.path, "--as-of", "2026-11-27", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("not recorded (dry run)"))
        #expect(!FileManager.default.fileExists(atPath: ledger.path))
        #expect(!FileManager.default.fileExists(atPath: day.appendingPathComponent("outbox").path))
        let previews = try FileManager.default.contentsOfDirectory(atPath: day.appendingPathComponent("preview").path)
        #expect(previews.contains { $0.hasSuffix(".eml") })

        let first = try relance(["daily", "--config", toml.path, "--as-of", "2026-11-27"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(FileManager.default.fileExists(atPath: ledger.path))
        let outbox = try FileManager.default.contentsOfDirectory(atPath: day.appendingPathComponent("outbox").path).sorted()
        #expect(outbox.sorted() == previews.sorted())
        let plan = try Data(contentsOf: day.appendingPathComponent("plan.csv"))
        let second = try relance(["daily", "--config", toml.path, "--as-of", "2026-11-27"])
        #expect(second.status == 0)
        #expect(second.stdout == first.stdout)
        #expect(try Data(contentsOf: day.appendingPathComponent("plan.csv")) == plan)
    }
}
