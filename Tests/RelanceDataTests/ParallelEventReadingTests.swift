import Foundation
import Testing
@testable import RelanceData

/// A large events.csv is read by two threads; the events, customer numbering, issues and
/// rejects must be exactly those of a single pass, whatever falls on the split.
@Suite struct ParallelEventReadingTests {
    let files = TestFiles()

    func fingerprint(_ sources: DatasetSources, parallel: Bool) -> String {
        do {
            let r = try DatasetLoader.load(sources, parallelThresholdBytes: parallel ? 0 : Int.max)
            let d = r.dataset, e = d.events
            var s = "rows \(r.rowsRead.sorted { $0.key < $1.key }) rejected \(r.rejectedRows)\nwarnings \(r.warnings)\n"
            s += "customers \(d.customerIds.names)\n"
            for i in 0..<e.count {
                s += "\(e.date[i].iso) \(e.customer[i]) \(e.invoice[i]) \(e.kind[i]) [\(e.note[i])] \(e.sourceLine[i])\n"
            }
            for url in r.rejectFiles { s += (try? String(contentsOf: url, encoding: .utf8)) ?? "unreadable" }
            return s
        } catch {
            return "error \(error)"
        }
    }

    func expectSameBothWays(merged: Bool, _ make: (String) -> DatasetSources) {
        let sequential = fingerprint(make("seq"), parallel: false)
        let parallel = fingerprint(make("par"), parallel: true)
        #expect(sequential == parallel)
        #expect(sequential.count > 1000)
        if let report = try? DatasetLoader.load(make("par"), parallelThresholdBytes: 0) {
            #expect(report.eventHalvesMerged == merged)
        }
    }

    let invoicesText: String = {
        var text = "invoice_id,customer_id,issue_date,due_date,amount\n"
        for i in 0..<200 { text += String(format: "INV-%04d", i) + ",C\(i % 7),2024-01-10,2024-02-10,10\n" }
        return text
    }()

    func events(_ count: Int, line: (Int) -> String?) -> String {
        var text = "date,customer_id,invoice_id,kind,note\n"
        for i in 0..<count {
            if let l = line(i) { text += l; continue }
            text += "2024-03-\(10 + i % 9),C\(i % 7),\(String(format: "INV-%04d", (i * 7) % 200)),call,\n"
        }
        return text
    }

    @Test func customersFirstSeenInEitherHalfAreNumberedInFileOrder() {
        let inv = files.write("invoices.csv", invoicesText)
        let ev = files.write("events.csv", events(4000) { i in
            i % 101 == 3 ? "2024-03-01,NEW\(i % 13),,support_contact,\"note, with \"\"quotes\"\"\nand a line\"\n" : nil
        })
        // A quoted note spanning the middle makes the second half start inside a record: one pass.
        var middle = events(4000) { _ in nil }
        let half = middle.utf8.count / 2
        let at = middle.utf8.index(middle.utf8.startIndex, offsetBy: half)
        let lineStart = middle[..<at].lastIndex(of: "\n").map { middle.index(after: $0) } ?? at
        middle.insert(contentsOf: "2024-03-01,NEW99,,call,\"long\n" + String(repeating: "x", count: 200) + "\nnote\"\n", at: lineStart)
        let spanning = files.write("spanning.csv", middle)
        expectSameBothWays(merged: false) { _ in DatasetSources(invoices: inv, events: spanning) }
        expectSameBothWays(merged: true) { _ in DatasetSources(invoices: inv, events: ev) }
    }

    @Test func errorsInBothHalvesAreReportedInFileOrder() {
        let inv = files.write("invoices.csv", invoicesText)
        let ev = files.write("events.csv", events(4000) { i in
            i % 397 == 11 ? "2024-03-01,C1,INV-9999,call,\n" : (i % 211 == 7 ? "2024-03-01,C1,,teleport,\n" : nil)
        })
        expectSameBothWays(merged: true) { _ in DatasetSources(invoices: inv, events: ev) }
        let r = fingerprint(DatasetSources(invoices: inv, events: ev), parallel: true)
        #expect(r.hasPrefix("error"))
    }

    @Test func rejectsModeWritesTheSameRejectsBothWays() {
        let inv = files.write("invoices.csv", invoicesText)
        let customers = files.write("customers.csv", "customer_id\n" + (0..<7).map { "C\($0)" }.joined(separator: "\n") + "\n")
        let ev = files.write("events.csv", events(4000) { i in
            i % 397 == 11 ? "2024-03-01,C1,INV-9999,call,\n" : (i % 211 == 7 ? "2024-03-01,STRANGER,,call,\n" : nil)
        })
        for d in ["seq", "par"] { try? FileManager.default.createDirectory(at: files.url(d), withIntermediateDirectories: true) }
        expectSameBothWays(merged: true) { dir in
            DatasetSources(invoices: inv, customers: customers, events: ev, rejects: files.url("\(dir)/rejects.csv"))
        }
        let r = fingerprint(DatasetSources(invoices: inv, customers: customers, events: ev, rejects: files.url("par/rejects.csv")), parallel: true)
        #expect(r.contains("STRANGER") && r.contains("INV-9999"))
    }
}
