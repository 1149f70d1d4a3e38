import Foundation

/// Reads a contiguous run of invoices.csv rows into columns: the whole file, or one half of it
/// while another thread reads the other half (see ``LoadSession/readInvoices()``).
///
/// Holds everything a run needs (its table, customer and invoice id tables, issues, rejects) so
/// that two runs share no mutable state. Customer codes are those of `customerIds`: the dataset's
/// for the first run, a private numbering for a second run, renumbered when it is merged.
final class InvoicePartReader: PartReader {
    /// Field indices of the invoice columns and how to read them.
    struct Columns {
        var id: Int?
        var rowIsId: Bool
        var customer: Int
        var issue: Int
        var due: Int
        var amount: Int
        var currency: Int?
        var paid: Int?
        var paidDays: Int?
        var disputed: Int?
        var method: Int?
        var channel: Int?
        var decimalComma: Bool
    }

    let columns: Columns
    let defaultCurrency: String
    /// Customer codes at or above this were not in customers.csv (`Int32.max`: not tracked).
    let knownBelow: Int32
    /// Bytes this run will cover, for sizing its columns.
    let expectedBytes: Int

    var table = InvoiceTable()
    var customers: ByteKeyTable
    var customerIds: IdInterner
    var ids = ByteKeyTable(capacity: 16)
    /// Whether `ids` holds every accepted id (else they arrived sorted and `previousId` is the last).
    var indexed = false
    var previousId = SortedIdRun()
    var firstId: [UInt8]?
    var duplicateFound = false
    /// Whether the accepted rows' ids count up by one (see ``ConsecutiveNumbering``).
    var numbering = ConsecutiveNumbering()
    var log = IssueLog()
    var rejects: RejectsLog?
    var rows = 0
    var unknownCustomerRows = 0
    var firstUnknownCustomerLine = 0
    private var expectedRows = 1024
    private var batch = CustomerCodeBatch()
    private var defaultCurrencyCode: Int32 = -1
    private var currencyCodes: [UInt32: Int32] = [:]

    init(columns: Columns, defaultCurrency: String, knownBelow: Int32, expectedBytes: Int,
         customers: ByteKeyTable, customerIds: IdInterner, rejects: RejectsLog?) {
        self.columns = columns
        self.defaultCurrency = defaultCurrency
        self.knownBelow = knownBelow
        self.expectedBytes = expectedBytes
        self.customers = customers
        self.customerIds = customerIds
        self.rejects = rejects
    }

    private func reject(_ reader: TableReader, _ row: CSVRow, _ problems: [LoadSession.RowProblem], _ log: inout IssueLog) {
        LoadSession.reject(reader, row, problems, rejects: &rejects, log: &log)
    }

    /// Reads rows from `r` until the end of the file or, with `limit`, until the next record
    /// would start at or past byte `limit`. Returns whether it stopped exactly at `limit` (the
    /// other thread's part then starts on a record boundary and can be merged).
    @discardableResult
    func read(_ r: TableReader, stopAt limit: Int? = nil) -> Bool {
        let cId = columns.id, rowIsId = columns.rowIsId, cCustomer = columns.customer
        let cIssue = columns.issue, cDue = columns.due, cAmount = columns.amount
        let cCurrency = columns.currency, cPaid = columns.paid, cPaidDays = columns.paidDays
        let cDisputed = columns.disputed, cMethod = columns.method, cChannel = columns.channel
        let decimalComma = columns.decimalComma
        let methodLabels = LoadSession.paymentMethodLabels, channelLabels = LoadSession.invoiceChannelLabels
        // The hot loop works on locals (moved out of this object and back), so that it neither
        // copies on write nor pays a dynamic exclusivity check per access.
        var t = table
        table = InvoiceTable()
        var ids = self.ids
        self.ids = ByteKeyTable(capacity: 16)
        var log = self.log
        self.log = IssueLog()
        var previousId = self.previousId
        var indexed = self.indexed
        var numbering = self.numbering
        if rowIsId { numbering.breakOff() }
        var lastCurrencyKey: UInt32 = 0
        var lastCurrencyCode: Int32 = 0
        var batch = self.batch
        var rows = self.rows
        var haveFirstId = firstId != nil
        defer {
            resolveBatch(&batch, &t)
            self.batch = batch
            self.rows = rows
            table = t
            self.ids = ids
            self.log = log
            self.previousId = previousId
            self.indexed = indexed
            self.numbering = numbering
        }
        let limit = limit ?? Int.max

        while r.scanner.offset < limit, r.nextRow(log: &log) {
            rows += 1
            let row = r.scanner.row
            if rows == 256 {
                let perRow = max((r.scanner.offset - r.scanner.startOffset) / 257, 1)
                let estimate = expectedBytes / perRow
                expectedRows = estimate + estimate / 10
                t.reserveCapacity(expectedRows)
            }
            guard r.screenRow(row, log: &log) else { continue }
            let line = row.line
            if let ragged = r.raggedProblem(row) {
                reject(r, row, [LoadSession.RowProblem(column: "", message: ragged)], &log)
                continue
            }
            var problems: [LoadSession.RowProblem] = []

            var idBytes = UnsafeRawBufferPointer(start: nil, count: 0)
            var rowIdText = ""
            if rowIsId {
                rowIdText = String(line)
            } else if let cId {
                idBytes = r.value(row, cId)
                if idBytes.isEmpty { problems.append(LoadSession.RowProblem(column: r.columnName(cId), message: "is empty (every invoice needs an id)")) }
            }
            let customerBytes = r.value(row, cCustomer)
            if customerBytes.isEmpty { problems.append(LoadSession.RowProblem(column: r.columnName(cCustomer), message: "is empty (every invoice needs a customer id)")) }
            let issue = LoadSession.date(r, row, cIssue, r.value(row, cIssue), &problems)
            let due = LoadSession.date(r, row, cDue, r.value(row, cDue), &problems)

            let amountBytes = r.value(row, cAmount)
            var amount = 0.0
            if let a = DecimalText.parse(amountBytes, decimalComma: decimalComma) {
                amount = a
                if !(a > 0) {
                    problems.append(LoadSession.RowProblem(column: r.columnName(cAmount), message: "must be greater than 0, found \(TableReader.quote(amountBytes)) (credit notes and zero invoices are out of scope: leave them out of the export)"))
                } else if !a.isFinite {
                    problems.append(LoadSession.RowProblem(column: r.columnName(cAmount), message: "\(TableReader.quote(amountBytes)) is out of range"))
                }
            } else {
                let expected = decimalComma ? "a decimal with a comma, e.g. 1 234,50" : "a decimal with a dot, e.g. 1234.50"
                problems.append(LoadSession.RowProblem(column: r.columnName(cAmount), message: amountBytes.isEmpty ? "is empty (expected \(expected))" : "\(TableReader.quote(amountBytes)) is not a number (expected \(expected))"))
            }

            var paid = LoadSession.optionalDate(r, row, cPaid, &problems)
            if let cPaidDays {
                let b = r.value(row, cPaidDays)
                if !b.isEmpty {
                    if let days = DecimalText.parseInteger(b), abs(days) < 100_000 {
                        if !issue.isMissing { paid = issue + days }
                    } else {
                        problems.append(LoadSession.RowProblem(column: r.columnName(cPaidDays), message: "\(TableReader.quote(b)) is not a whole number of days"))
                    }
                }
            }

            var currencyCode: Int32 = -1
            if let cCurrency {
                let b = r.value(row, cCurrency)
                if !b.isEmpty {
                    if b.count == 3, let key = LoadSession.currencyKey(b) {
                        if key == lastCurrencyKey {
                            currencyCode = lastCurrencyCode
                        } else if let c = currencyCodes[key] {
                            currencyCode = c
                        } else {
                            let c = t.currencies.intern(String(decoding: b, as: UTF8.self).uppercased())
                            currencyCodes[key] = c
                            currencyCode = c
                        }
                        lastCurrencyKey = key
                        lastCurrencyCode = currencyCode
                    } else {
                        problems.append(LoadSession.RowProblem(column: r.columnName(cCurrency), message: "\(TableReader.quote(b)) is not an ISO 4217 currency code (expected 3 letters such as EUR)"))
                    }
                }
            }
            if currencyCode < 0 {
                if defaultCurrencyCode < 0 { defaultCurrencyCode = t.currencies.intern(defaultCurrency) }
                currencyCode = defaultCurrencyCode
            }
            let disputed = LoadSession.optionalBool(r, row, cDisputed, &problems)
            let method = LoadSession.label(r, row, cMethod, methodLabels, what: "payment method", &problems) ?? .unknown
            let channel = LoadSession.label(r, row, cChannel, channelLabels, what: "channel", &problems) ?? .unknown

            if !issue.isMissing {
                if !due.isMissing, due < issue {
                    problems.append(LoadSession.RowProblem(column: r.columnName(cDue), message: "due date \(due.iso) is before the issue date \(issue.iso)"))
                }
                if !paid.isMissing, paid < issue {
                    let column = cPaid.map { r.columnName($0) } ?? cPaidDays.map { r.columnName($0) } ?? "paid_date"
                    problems.append(LoadSession.RowProblem(column: column, message: "paid date \(paid.iso) is before the issue date \(issue.iso)"))
                }
            }

            // Duplicate ids. Row-number ids are unique by construction. While the ids arrive in
            // strictly increasing byte order (most exports are sorted by invoice number) no
            // duplicate is possible and no hashing is needed; at the first id out of order, every
            // id so far is indexed and each further id is checked against the index.
            if problems.isEmpty, !rowIsId {
                var existing: Int32?
                if !indexed, !previousId.precedes(idBytes) {
                    ids = LoadSession.index(t.invoiceIds, capacity: max(expectedRows, t.count * 2))
                    indexed = true
                }
                if indexed {
                    existing = ids.insert(idBytes, value: Int32(t.count))
                } else {
                    previousId.set(idBytes)
                }
                if !haveFirstId { firstId = Array(idBytes); haveFirstId = true }
                if let existing {
                    duplicateFound = true
                    problems.append(LoadSession.RowProblem(column: cId.map { r.columnName($0) } ?? "invoice_id", message: "duplicate invoice id \(TableReader.quote(idBytes)) (first on line \(t.sourceLine[Int(existing)]))"))
                }
            }
            if !problems.isEmpty {
                reject(r, row, problems, &log)
                continue
            }

            if !rowIsId { numbering.observe(idBytes) }
            t.invoiceIds.append(rowIsId ? rowIdText : String(decoding: idBytes, as: UTF8.self))
            batch.add(customerBytes, row: t.customer.count, line: line)
            t.customer.append(-1)  // set when the batch is resolved
            t.issueDate.append(issue)
            t.dueDate.append(due)
            t.paidDate.append(paid)
            t.amount.append(amount)
            t.currency.append(currencyCode)
            t.disputed.append(disputed)
            t.paymentMethod.append(method)
            t.channel.append(channel)
            t.sourceLine.append(line)
            if batch.isFull { resolveBatch(&batch, &t) }
        }
        return r.scanner.offset == limit
    }

    private func resolveBatch(_ batch: inout CustomerCodeBatch, _ t: inout InvoiceTable) {
        var unknown = unknownCustomerRows, first = firstUnknownCustomerLine
        t.customer.withUnsafeMutableBufferPointer { codes in
            guard let out = codes.baseAddress else { return }
            batch.resolve(into: out, table: &customers, ids: &customerIds, knownBelow: knownBelow) { line in
            unknown += 1
            if first == 0 { first = line }
        }
        }
        unknownCustomerRows = unknown
        firstUnknownCustomerLine = first
    }
}
