import Foundation

/// Reads a contiguous run of events.csv rows: the whole file, or one half of it while another
/// thread reads the other half (see ``LoadSession/readEvents(_:)``).
///
/// Holds everything a run changes (its table, issues, rejects, new customer ids) so that two runs
/// share no mutable state; what they read (invoice ids and customers, customer ids known before
/// the file) is shared read-only. A customer first seen in a second run gets a code numbered
/// after the known ones; the merge renumbers those in row order, as a single pass would.
final class EventPartReader: PartReader {
    /// Field indices of the event columns.
    struct Columns {
        var date: Int
        var customer: Int
        var kind: Int
        var invoice: Int?
        var note: Int?
    }

    /// What every run reads and none changes.
    struct Context {
        var columns: Columns
        var customersGiven: Bool
        var customersName: String
        /// Customer codes at or above this were not in customers.csv.
        var knownBelow: Int32
        var invoiceCustomer: [Int32]
        var invoiceLine: [Int]
        var numbered: NumberedIdIndex?
        var invoiceKeys: ByteKeyTable
    }

    let context: Context
    let expectedBytes: Int
    var table = EventTable()
    var customerKeys: ByteKeyTable
    var customerIds: IdInterner
    var log = IssueLog()
    var rejects: RejectsLog?
    var rows = 0

    init(context: Context, expectedBytes: Int, customerKeys: ByteKeyTable, customerIds: IdInterner, rejects: RejectsLog?) {
        self.context = context
        self.expectedBytes = expectedBytes
        self.customerKeys = customerKeys
        self.customerIds = customerIds
        self.rejects = rejects
    }

    private func reject(_ reader: TableReader, _ row: CSVRow, _ problems: [LoadSession.RowProblem], _ log: inout IssueLog) {
        LoadSession.reject(reader, row, problems, rejects: &rejects, log: &log)
    }

    /// Reads rows from `r` until the end of the file or, with `limit`, until the next record
    /// would start at or past byte `limit`. Returns whether it stopped exactly at `limit`.
    @discardableResult
    func read(_ r: TableReader, stopAt limit: Int? = nil) -> Bool {
        let c = context.columns
        let customersGiven = context.customersGiven, customersName = context.customersName
        let knownBelow = context.knownBelow
        let invoiceCustomer = context.invoiceCustomer, invoiceLine = context.invoiceLine
        let numbered = context.numbered, invoiceKeys = context.invoiceKeys
        let kindLabels = LoadSession.eventKindLabels
        typealias RowProblem = LoadSession.RowProblem
        // The loop works on locals moved out of this object and back (no exclusivity check or
        // copy on write per row).
        var events = table
        table = EventTable()
        var customerKeys = self.customerKeys
        self.customerKeys = ByteKeyTable(capacity: 16)
        var customerIds = self.customerIds
        self.customerIds = IdInterner()
        var log = self.log
        self.log = IssueLog()
        var rows = self.rows
        defer {
            table = events
            self.customerKeys = customerKeys
            self.customerIds = customerIds
            self.log = log
            self.rows = rows
        }
        events.reserveCapacity(events.count + max(expectedBytes / 40, 16))
        let limit = limit ?? Int.max

        while r.scanner.offset < limit, r.nextRow(log: &log) {
            rows += 1
            let row = r.scanner.row
            guard r.screenRow(row, log: &log) else { continue }
            if let ragged = r.raggedProblem(row) {
                reject(r, row, [RowProblem(column: "", message: ragged)], &log)
                continue
            }
            var problems: [RowProblem] = []
            let day = LoadSession.date(r, row, c.date, r.value(row, c.date), &problems)
            let customerBytes = r.value(row, c.customer)
            let knownCode = customerKeys.value(for: customerBytes)
            if customerBytes.isEmpty {
                problems.append(RowProblem(column: r.columnName(c.customer), message: "is empty (every event needs a customer id)"))
            } else if customersGiven, knownCode.map({ $0 >= knownBelow }) ?? true {
                problems.append(RowProblem(column: r.columnName(c.customer), message: "customer id \(TableReader.quote(customerBytes)) is not in \(customersName)"))
            }
            let kind = LoadSession.label(r, row, c.kind, kindLabels, what: "known event kind", &problems)
            if kind == nil, problems.isEmpty {
                problems.append(RowProblem(column: r.columnName(c.kind), message: "is empty (expected one of: \(kindLabels.expected))"))
            }
            var invoiceRow: Int32 = -1
            if let cInvoice = c.invoice {
                let b = r.value(row, cInvoice)
                if !b.isEmpty {
                    var found: NumberedIdIndex.Entry?
                    if let numbered {
                        found = numbered.entry(for: b)
                    } else if let row = invoiceKeys.value(for: b) {
                        found = NumberedIdIndex.Entry(row: row, customer: invoiceCustomer[Int(row)])
                    }
                    if let found {
                        let row = found.row
                        invoiceRow = row
                        if let code = knownCode, found.customer != code {
                            problems.append(RowProblem(column: r.columnName(cInvoice), message: "invoice \(TableReader.quote(b)) belongs to another customer (line \(invoiceLine[Int(row)]) of the invoices file)"))
                        }
                    } else {
                        problems.append(RowProblem(column: r.columnName(cInvoice), message: "invoice id \(TableReader.quote(b)) is not among the loaded invoices"))
                    }
                }
            }
            guard let kind, problems.isEmpty else {
                reject(r, row, problems, &log)
                continue
            }
            var code: Int32
            if let knownCode {
                code = knownCode
            } else {
                code = LoadSession.customerCode(customerBytes, keys: &customerKeys, ids: &customerIds)
            }
            var note = ""
            if let cNote = c.note {
                let b = r.value(row, cNote)
                if !b.isEmpty { note = String(decoding: b, as: UTF8.self) }
            }
            events.append(date: day, customer: code, invoice: invoiceRow, kind: kind, note: note, sourceLine: row.line)
        }
        return r.scanner.offset == limit
    }
}
