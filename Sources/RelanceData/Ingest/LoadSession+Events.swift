import Foundation

extension LoadSession {
    static let eventKindLabels = LabelSet<EventKind>(EventKind.allCases.map { ($0.label, $0) })

    /// Reads events.csv into `dataset.events`, after invoices so that `invoice_id` can be resolved.
    ///
    /// Refused rows: an unknown `kind`; a customer absent from customers.csv (when it is given); an
    /// `invoice_id` that names no loaded invoice, or an invoice of another customer.
    func readEvents(_ url: URL) {
        guard let r = TableReader.open(url, file: .events, mapping: mapping.events, log: &log) else { return }
        guard let cDate = r.index["date"], let cCustomer = r.index["customer_id"], let cKind = r.index["kind"] else { return }
        let cInvoice = r.index["invoice_id"], cNote = r.index["note"]
        // Invoice ids are resolved through a numbered index when their shape allows, else a hash
        // table (already complete when the invoices arrived out of order).
        var numbered: NumberedIdIndex?
        if cInvoice != nil, !invoiceIdsIndexed {
            numbered = NumberedIdIndex.build(dataset.invoices.invoiceIds)
            if numbered == nil {
                invoiceKeys = LoadSession.index(dataset.invoices.invoiceIds, capacity: dataset.invoices.count)
                invoiceIdsIndexed = true
            }
        }
        noteIgnoredColumns(r)
        let rejectsIndex = startRejects(r)
        let customersGiven = sources.customers != nil
        let customersName = sources.customers?.lastPathComponent ?? "customers.csv"
        var rows = 0
        let issuesBefore = log.total
        // The loop works on locals moved out of this object and back (no exclusivity check or
        // copy on write per row).
        var events = dataset.events
        dataset.events = EventTable()
        var customerKeys = self.customerKeys
        self.customerKeys = ByteKeyTable(capacity: 16)
        var customerIds = dataset.customerIds
        dataset.customerIds = IdInterner()
        let invoiceCustomer = dataset.invoices.customer, invoiceLine = dataset.invoices.sourceLine
        let invoiceKeys = self.invoiceKeys
        let knownBelow = customersFromMasterData
        var log = self.log
        self.log = IssueLog()
        defer {
            dataset.events = events
            self.customerKeys = customerKeys
            dataset.customerIds = customerIds
            self.log = log
        }
        events.reserveCapacity(max(r.scanner.fileSize / 40, 16))

        while r.nextRow(log: &log) {
            rows += 1
            let row = r.scanner.row
            guard r.screenRow(row, log: &log) else { continue }
            if let ragged = r.raggedProblem(row) {
                reject(r, row, [RowProblem(column: "", message: ragged)], rejectsIndex: rejectsIndex, log: &log)
                continue
            }
            var problems: [RowProblem] = []
            let day = LoadSession.date(r, row, cDate, r.value(row, cDate), &problems)
            let customerBytes = r.value(row, cCustomer)
            let knownCode = customerKeys.value(for: customerBytes)
            if customerBytes.isEmpty {
                problems.append(RowProblem(column: r.columnName(cCustomer), message: "is empty (every event needs a customer id)"))
            } else if customersGiven, knownCode.map({ $0 >= knownBelow }) ?? true {
                problems.append(RowProblem(column: r.columnName(cCustomer), message: "customer id \(TableReader.quote(customerBytes)) is not in \(customersName)"))
            }
            let kind = LoadSession.label(r, row, cKind, LoadSession.eventKindLabels, what: "known event kind", &problems)
            if kind == nil, problems.isEmpty {
                problems.append(RowProblem(column: r.columnName(cKind), message: "is empty (expected one of: \(LoadSession.eventKindLabels.expected))"))
            }
            var invoiceRow: Int32 = -1
            if let cInvoice {
                let b = r.value(row, cInvoice)
                if !b.isEmpty {
                    if let row = numbered.map({ $0.row(for: b) }) ?? invoiceKeys.value(for: b) {
                        invoiceRow = row
                        if let code = knownCode, invoiceCustomer[Int(row)] != code {
                            problems.append(RowProblem(column: r.columnName(cInvoice), message: "invoice \(TableReader.quote(b)) belongs to another customer (line \(invoiceLine[Int(row)]) of the invoices file)"))
                        }
                    } else {
                        problems.append(RowProblem(column: r.columnName(cInvoice), message: "invoice id \(TableReader.quote(b)) is not among the loaded invoices"))
                    }
                }
            }
            guard let kind, problems.isEmpty else {
                reject(r, row, problems, rejectsIndex: rejectsIndex, log: &log)
                continue
            }
            var code: Int32
            if let knownCode {
                code = knownCode
            } else {
                code = customerIds.intern(String(decoding: customerBytes, as: UTF8.self))
                _ = customerKeys.insert(customerBytes, value: code)
            }
            var note = ""
            if let cNote {
                let b = r.value(row, cNote)
                if !b.isEmpty { note = String(decoding: b, as: UTF8.self) }
            }
            events.append(date: day, customer: code, invoice: invoiceRow, kind: kind, note: note, sourceLine: row.line)
        }
        rowsRead[r.fileName] = rows
        if rows == 0, log.total == issuesBefore {
            warnings.append("\(r.fileName): no data rows (the file has a header only)")
        }
    }
}
