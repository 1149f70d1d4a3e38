import ArgumentParser
import Foundation
import RelanceData

/// `relance check`: loads the input files and summarises them, or lists what is wrong.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the input CSVs and print a summary.",
        discussion: """
            Reads invoices (and optionally customers and events) exactly as every other command \
            does, and prints rows per file, customers, open invoices, the date range, rejected \
            rows and warnings.

            Exit status: 0 valid; 65 invalid data (each problem on standard error as \
            file:line: column: problem, at most 20 then "… and N more"); 66 an input or mapping \
            file cannot be opened; 78 invalid mapping file; 64 bad command-line usage.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var input: DataInputOptions

    @Option(help: "Summary format: text or json.")
    var format: Format = .text

    func run() throws {
        let report = try input.load()
        let summary = CheckSummary(report)
        switch format {
        case .text: print(summary.text, terminator: "")
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(summary)
            print(String(decoding: data, as: UTF8.self))
        }
    }

    /// What `check` prints; also its JSON form.
    struct CheckSummary: Encodable {
        var rowsRead: [String: Int]
        var rejectedRows: Int
        var rejectedByFile: [String: Int]
        var rejectFiles: [String]
        var invoices: Int
        var openInvoices: Int
        var paidInvoices: Int
        var customers: Int
        var customerRecords: Int
        var events: Int
        var firstIssueDate: String?
        var lastIssueDate: String?
        var lastPaidDate: String?
        var currencies: [String]
        var warnings: [String]

        init(_ report: LoadReport) {
            let d = report.dataset
            let t = d.invoices
            rowsRead = report.rowsRead
            rejectedRows = report.rejectedRows
            rejectedByFile = report.rejectedByFile
            rejectFiles = report.rejectFiles.map(\.path)
            invoices = t.count
            openInvoices = t.paidDate.reduce(0) { $0 + ($1.isMissing ? 1 : 0) }
            paidInvoices = t.count - openInvoices
            customers = d.customerCount
            customerRecords = d.customers.count
            events = d.events.count
            firstIssueDate = t.issueDate.min()?.iso
            lastIssueDate = t.issueDate.max()?.iso
            lastPaidDate = t.paidDate.filter { !$0.isMissing }.max()?.iso
            currencies = t.currencies.names
            warnings = report.warnings
        }

        var text: String {
            var s = ""
            for (file, n) in rowsRead.sorted(by: { $0.key < $1.key }) {
                let rejected = rejectedByFile[file] ?? 0
                s += "\(file): \(n) row(s) read" + (rejected > 0 ? ", \(rejected) rejected" : "") + "\n"
            }
            s += "invoices: \(invoices) loaded (\(openInvoices) open, \(paidInvoices) paid)"
            s += currencies.isEmpty ? "\n" : " in \(currencies.joined(separator: ", "))\n"
            if let first = firstIssueDate, let last = lastIssueDate {
                s += "issue dates: \(first) to \(last)" + (lastPaidDate.map { "; last payment \($0)" } ?? "") + "\n"
            }
            s += "customers: \(customers)" + (customerRecords > 0 ? " (\(customerRecords) in the customers file)" : "") + "\n"
            if rowsRead.count > 1 || events > 0 { s += "events: \(events)\n" }
            s += "rejected rows: \(rejectedRows)" + (rejectFiles.isEmpty ? "" : " (written to \(rejectFiles.joined(separator: ", ")))") + "\n"
            for w in warnings { s += "warning: \(w)\n" }
            return s
        }
    }
}
