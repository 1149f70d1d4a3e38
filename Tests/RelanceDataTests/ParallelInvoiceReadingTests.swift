import Foundation
import Testing
@testable import RelanceData

/// A large invoices.csv is read by two threads; the result, issues and rejects must be exactly
/// those of a single pass, whatever falls on the split.
@Suite struct ParallelInvoiceReadingTests {
    let files = TestFiles()

    /// Everything a load produces, as text, or the error it throws.
    func fingerprint(_ sources: DatasetSources, parallel: Bool) -> String {
        do {
            let r = try DatasetLoader.load(sources, parallelThresholdBytes: parallel ? 0 : Int.max)
            let d = r.dataset, t = d.invoices
            var s = "rows \(r.rowsRead.sorted { $0.key < $1.key }) rejected \(r.rejectedRows) \(r.rejectedByFile.sorted { $0.key < $1.key })\n"
            s += "warnings \(r.warnings)\ncustomers \(d.customerIds.names)\ncurrencies \(t.currencies.names)\n"
            for i in 0..<t.count {
                s += "\(t.invoiceIds[i]) \(t.customer[i]) \(t.issueDate[i]) \(t.dueDate[i]) \(t.paidDate[i].iso) \(t.amount[i]) \(t.currency[i]) \(t.disputed[i]) \(t.paymentMethod[i]) \(t.channel[i]) \(t.sourceLine[i])\n"
            }
            s += "events \(d.events.invoice) \(d.events.customer)\n"
            for url in r.rejectFiles { s += (try? String(contentsOf: url, encoding: .utf8)) ?? "unreadable" }
            return s
        } catch {
            return "error \(error)"
        }
    }

    /// Loads both ways, expects the same outcome, and says whether the halves were merged.
    func expectSameBothWays(merged: Bool, _ make: (String) -> DatasetSources) {
        let sequential = fingerprint(make("seq"), parallel: false)
        let parallel = fingerprint(make("par"), parallel: true)
        #expect(sequential == parallel)
        #expect(!sequential.isEmpty)
        let report = try? DatasetLoader.load(make("par"), parallelThresholdBytes: 0)
        let error = (try? DatasetLoader.load(make("par"), parallelThresholdBytes: Int.max)) == nil
        if !error { #expect(report?.invoiceHalvesMerged == merged) }
    }

    func invoices(_ count: Int, id: (Int) -> String = { String(format: "INV-%06d", $0) }, extra: (Int) -> String? = { _ in nil }) -> String {
        var text = invoiceHeader
        for i in 0..<count {
            if let line = extra(i) { text += line; continue }
            text += "\(id(i)),C\(i % 37),2024-01-\(10 + i % 9),2024-02-\(10 + i % 9),\(i + 1).5,\(i % 5 == 0 ? "GBP" : ""),\(i % 3 == 0 ? "" : "2024-02-20"),\(i % 2),transfer,paper\n"
        }
        return text
    }

    func dirs() {
        for d in ["seq", "par"] { try? FileManager.default.createDirectory(at: files.url(d), withIntermediateDirectories: true) }
    }

    @Test func cleanSortedFileWithCustomersAndEvents() {
        let inv = files.write("invoices.csv", invoices(3000))
        let customers = files.write("customers.csv", "customer_id\nC3\nC1\nC30\n")
        let events = files.write("events.csv", "date,customer_id,invoice_id,kind\n2024-03-01,C1,INV-002961,call\n2024-03-01,C3,INV-000003,call\n")
        expectSameBothWays(merged: true) { _ in DatasetSources(invoices: inv, customers: customers, events: events) }
    }

    @Test func errorsInBothHalvesAreReportedInFileOrder() {
        let inv = files.write("invoices.csv", invoices(3000, extra: { i in
            i % 97 == 5 ? "BAD-\(i),C1,2024-01-10,2024-01-01,5,,,,,\n" : nil
        }))
        expectSameBothWays(merged: true) { _ in DatasetSources(invoices: inv) }
    }

    @Test func rejectsFromBothHalvesKeepTheirLines() {
        dirs()
        let inv = files.write("invoices.csv", invoices(3000, extra: { i in
            i % 211 == 7 ? "R-\(i),C1,2024-01-10,2024-02-01,-5,,,,,\n" : nil
        }))
        expectSameBothWays(merged: true) { d in DatasetSources(invoices: inv, rejects: files.url("\(d)/rejects.csv")) }
    }

    @Test func quotedFieldAcrossTheMiddleFallsBackToOnePass() {
        let note = "\"" + String(repeating: "long note line\n", count: 2000) + "\""
        var text = "invoice_id,customer_id,issue_date,due_date,amount,note\n"
        for i in 0..<10 { text += "A\(i),C1,2024-01-10,2024-02-01,5,\(note)\n" }
        let inv = files.write("invoices.csv", text)
        expectSameBothWays(merged: false) { _ in DatasetSources(invoices: inv) }
    }

    @Test func duplicateAcrossHalvesIsFound() {
        let inv = files.write("invoices.csv", invoices(3000, extra: { i in
            i == 2900 ? "INV-000010,C1,2024-01-10,2024-02-01,5,,,,,\n" : nil
        }))
        let sequential = fingerprint(DatasetSources(invoices: inv), parallel: false)
        #expect(sequential.contains("duplicate invoice id \"INV-000010\" (first on line 12)"))
        expectSameBothWays(merged: false) { _ in DatasetSources(invoices: inv) }
    }

    @Test func duplicateWithinTheSecondHalfIsFound() {
        let inv = files.write("invoices.csv", invoices(3000, extra: { i in
            i == 2950 ? "INV-002900,C1,2024-01-10,2024-02-01,5,,,,,\n" : nil
        }))
        expectSameBothWays(merged: false) { _ in DatasetSources(invoices: inv) }
    }

    @Test func unsortedIdsAreCheckedThroughTheIndex() {
        let inv = files.write("invoices.csv", invoices(3000, id: { "X\(($0 * 7919) % 3001)" }))
        let events = files.write("events.csv", "date,customer_id,invoice_id,kind\n2024-03-01,C1,X\((2999 * 7919) % 3001),call\n")
        expectSameBothWays(merged: true) { _ in DatasetSources(invoices: inv, events: events) }
    }

    @Test func secondHalfStartingWithBlankLinesAndCRLF() {
        let text = invoices(2000).replacingOccurrences(of: "\n", with: "\r\n\r\n")
        let inv = files.write("invoices.csv", text)
        expectSameBothWays(merged: true) { _ in DatasetSources(invoices: inv) }
    }
}
