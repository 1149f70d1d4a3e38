import Foundation

extension LoadSession {
    static let paymentMethodLabels = LabelSet<PaymentMethod>(PaymentMethod.allCases.filter { $0 != .unknown }.map { ($0.label, $0) })
    static let invoiceChannelLabels = LabelSet<InvoiceChannel>(InvoiceChannel.allCases.filter { $0 != .unknown }.map { ($0.label, $0) })

    /// Reads invoices.csv into `dataset.invoices`; customers.csv, when given, was read before.
    ///
    /// An invoice whose customer is absent from customers.csv is kept (its history still says how
    /// that customer pays) and reported in one warning with a count and the first line.
    func readInvoices() {
        guard let r = TableReader.open(sources.invoices, file: .invoices, mapping: mapping.invoices, log: &log) else { return }
        guard let cCustomer = r.index["customer_id"], let cIssue = r.index["issue_date"],
              let cDue = r.index["due_date"], let cAmount = r.index["amount"] else { return }
        let rowIsId = r.invoiceIdIsRowNumber
        let cId = r.index["invoice_id"]
        if !rowIsId && cId == nil { return }
        let cCurrency = r.index["currency"], cPaid = r.index["paid_date"], cPaidDays = r.index["paid_after_days"]
        let cDisputed = r.index["disputed"], cMethod = r.index["payment_method"], cChannel = r.index["channel"]
        noteIgnoredColumns(r)
        let rejectsIndex = startRejects(r)
        let decimalComma = r.mapping.decimalComma
        let customersGiven = sources.customers != nil

        var t = dataset.invoices
        dataset.invoices = InvoiceTable()
        // The hot loop works on locals (moved out of this object and back), so that it neither
        // copies on write nor pays a dynamic exclusivity check per access.
        var ids = invoiceKeys
        invoiceKeys = ByteKeyTable()
        var customers = customerKeys
        customerKeys = ByteKeyTable()
        var customerIds = dataset.customerIds
        dataset.customerIds = IdInterner()
        var log = self.log
        self.log = IssueLog()
        defer {
            dataset.invoices = t
            invoiceKeys = ids
            customerKeys = customers
            dataset.customerIds = customerIds
            self.log = log
        }
        let masterDataCustomers = customersFromMasterData
        var indexed = false
        var previousId: [UInt8] = []
        var expectedRows = 1024
        var lastCurrencyKey: UInt32 = 0
        var lastCurrencyCode: Int32 = 0
        var defaultCurrencyCode: Int32 = -1  // interned on first use, so unused defaults are not listed
        var currencyCodes: [UInt32: Int32] = [:]
        var rows = 0
        var unknownCustomerRows = 0
        var firstUnknownCustomerLine = 0
        var batch = CustomerCodeBatch()
        let knownBelow = customersGiven ? masterDataCustomers : Int32.max
        func resolveBatch() {
            batch.resolve(into: &t.customer, table: &customers, ids: &customerIds, knownBelow: knownBelow) { line in
                unknownCustomerRows += 1
                if firstUnknownCustomerLine == 0 { firstUnknownCustomerLine = line }
            }
        }
        let issuesBefore = log.total
        let methodLabels = LoadSession.paymentMethodLabels, channelLabels = LoadSession.invoiceChannelLabels

        while r.nextRow(log: &log) {
            rows += 1
            let row = r.scanner.row
            if rows == 256 {
                let perRow = max(r.scanner.bytesConsumed / 257, 1)
                let estimate = r.scanner.fileSize / perRow
                expectedRows = estimate + estimate / 10
                t.reserveCapacity(expectedRows)
            }
            guard r.screenRow(row, log: &log) else { continue }
            let line = row.line
            if let ragged = r.raggedProblem(row) {
                reject(r, row, [RowProblem(column: "", message: ragged)], rejectsIndex: rejectsIndex, log: &log)
                continue
            }
            var problems: [RowProblem] = []

            var idBytes = UnsafeRawBufferPointer(start: nil, count: 0)
            var rowIdText = ""
            if rowIsId {
                rowIdText = String(line)
            } else if let cId {
                idBytes = r.value(row, cId)
                if idBytes.isEmpty { problems.append(RowProblem(column: r.columnName(cId), message: "is empty (every invoice needs an id)")) }
            }
            let customerBytes = r.value(row, cCustomer)
            if customerBytes.isEmpty { problems.append(RowProblem(column: r.columnName(cCustomer), message: "is empty (every invoice needs a customer id)")) }
            let issue = date(r, row, cIssue, r.value(row, cIssue), &problems)
            let due = date(r, row, cDue, r.value(row, cDue), &problems)

            let amountBytes = r.value(row, cAmount)
            var amount = 0.0
            if let a = DecimalText.parse(amountBytes, decimalComma: decimalComma) {
                amount = a
                if !(a > 0) {
                    problems.append(RowProblem(column: r.columnName(cAmount), message: "must be greater than 0, found \(TableReader.quote(amountBytes)) (credit notes and zero invoices are out of scope: leave them out of the export)"))
                } else if !a.isFinite {
                    problems.append(RowProblem(column: r.columnName(cAmount), message: "\(TableReader.quote(amountBytes)) is out of range"))
                }
            } else {
                let expected = decimalComma ? "a decimal with a comma, e.g. 1 234,50" : "a decimal with a dot, e.g. 1234.50"
                problems.append(RowProblem(column: r.columnName(cAmount), message: amountBytes.isEmpty ? "is empty (expected \(expected))" : "\(TableReader.quote(amountBytes)) is not a number (expected \(expected))"))
            }

            var paid = optionalDate(r, row, cPaid, &problems)
            if let cPaidDays {
                let b = r.value(row, cPaidDays)
                if !b.isEmpty {
                    if let days = DecimalText.parseInteger(b), abs(days) < 100_000 {
                        if !issue.isMissing { paid = issue + days }
                    } else {
                        problems.append(RowProblem(column: r.columnName(cPaidDays), message: "\(TableReader.quote(b)) is not a whole number of days"))
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
                        problems.append(RowProblem(column: r.columnName(cCurrency), message: "\(TableReader.quote(b)) is not an ISO 4217 currency code (expected 3 letters such as EUR)"))
                    }
                }
            }
            if currencyCode < 0 {
                if defaultCurrencyCode < 0 { defaultCurrencyCode = t.currencies.intern(defaultCurrency) }
                currencyCode = defaultCurrencyCode
            }
            let disputed = optionalBool(r, row, cDisputed, &problems)
            let method = label(r, row, cMethod, methodLabels, what: "payment method", &problems) ?? .unknown
            let channel = label(r, row, cChannel, channelLabels, what: "channel", &problems) ?? .unknown

            if !issue.isMissing {
                if !due.isMissing, due < issue {
                    problems.append(RowProblem(column: r.columnName(cDue), message: "due date \(due.iso) is before the issue date \(issue.iso)"))
                }
                if !paid.isMissing, paid < issue {
                    let column = cPaid.map { r.columnName($0) } ?? cPaidDays.map { r.columnName($0) } ?? "paid_date"
                    problems.append(RowProblem(column: column, message: "paid date \(paid.iso) is before the issue date \(issue.iso)"))
                }
            }

            // Duplicate ids. Row-number ids are unique by construction. While the ids arrive in
            // strictly increasing byte order (most exports are sorted by invoice number) no
            // duplicate is possible and no hashing is needed; at the first id out of order, every
            // id so far is indexed and each further id is checked against the index.
            if problems.isEmpty, !rowIsId {
                var existing: Int32?
                if !indexed, !LoadSession.strictlyIncreasing(previousId, idBytes) {
                    ids = LoadSession.index(t.invoiceIds, capacity: max(expectedRows, t.count * 2))
                    indexed = true
                }
                if indexed {
                    existing = ids.insert(idBytes, value: Int32(t.count))
                } else {
                    previousId.removeAll(keepingCapacity: true)
                    previousId.append(contentsOf: idBytes)
                }
                if let existing {
                    problems.append(RowProblem(column: cId.map { r.columnName($0) } ?? "invoice_id", message: "duplicate invoice id \(TableReader.quote(idBytes)) (first on line \(t.sourceLine[Int(existing)]))"))
                }
            }
            if !problems.isEmpty {
                reject(r, row, problems, rejectsIndex: rejectsIndex, log: &log)
                continue
            }

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
            if batch.isFull { resolveBatch() }
        }
        resolveBatch()
        invoiceIdsIndexed = indexed
        rowsRead[r.fileName] = rows
        if rows == 0, log.total == issuesBefore {
            log.add(IngestIssue(file: r.fileName, line: 0, column: "", message: "no data rows (the file has a header only)"))
        }
        if unknownCustomerRows > 0 {
            warnings.append("\(r.fileName): \(unknownCustomerRows) invoice(s) name a customer absent from \(sources.customers?.lastPathComponent ?? "customers.csv") (first on line \(firstUnknownCustomerLine)); they are kept, without customer details")
        }
    }

    /// Whether `b` sorts strictly after `a` byte by byte (true for the first id, `a` empty).
    @inline(__always) static func strictlyIncreasing(_ a: [UInt8], _ b: UnsafeRawBufferPointer) -> Bool {
        if a.isEmpty { return true }
        let n = min(a.count, b.count)
        let c = a.withUnsafeBytes { ab in
            guard let p = ab.baseAddress, let q = b.baseAddress, n > 0 else { return Int32(0) }
            return memcmp(p, q, n)
        }
        return c < 0 || (c == 0 && a.count < b.count)
    }

    /// A table of invoice ids → row.
    static func index(_ ids: [String], capacity: Int) -> ByteKeyTable {
        var table = ByteKeyTable(capacity: capacity)
        for (row, id) in ids.enumerated() {
            var id = id
            _ = id.withUTF8 { table.insert(UnsafeRawBufferPointer($0), value: Int32(row)) }
        }
        return table
    }

    /// Three ASCII letters packed upper-cased into a key; nil for anything else.
    @inline(__always) static func currencyKey(_ b: UnsafeRawBufferPointer) -> UInt32? {
        var key: UInt32 = 0
        for c in b {
            let u = c & ~0x20
            guard u >= 65, u <= 90 else { return nil }
            key = key << 8 | UInt32(u)
        }
        return key
    }
}
