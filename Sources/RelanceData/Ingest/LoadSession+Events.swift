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
            numbered = invoiceNumbering.index(customers: dataset.invoices.customer)
                ?? NumberedIdIndex.build(dataset.invoices.invoiceIds, customers: dataset.invoices.customer)
            if numbered == nil {
                invoiceKeys = LoadSession.index(dataset.invoices.invoiceIds, capacity: dataset.invoices.count)
                invoiceIdsIndexed = true
            }
        }
        noteIgnoredColumns(r)
        let rejectsIndex = startRejects(r)
        let issuesBefore = log.total
        let context = EventPartReader.Context(
            columns: .init(date: cDate, customer: cCustomer, kind: cKind, invoice: cInvoice, note: cNote),
            customersGiven: sources.customers != nil,
            customersName: sources.customers?.lastPathComponent ?? "customers.csv",
            knownBelow: customersFromMasterData,
            invoiceCustomer: dataset.invoices.customer, invoiceLine: dataset.invoices.sourceLine,
            numbered: numbered, invoiceKeys: invoiceKeys)
        let fileSize = r.scanner.fileSize
        let knownCustomers = dataset.customerIds.count
        let first = EventPartReader(
            context: context, expectedBytes: fileSize, customerKeys: customerKeys, customerIds: dataset.customerIds,
            rejects: rejectsIndex != nil ? RejectsLog(header: r.header) : nil)
        first.table = dataset.events
        customerKeys = ByteKeyTable(capacity: 16)
        dataset.customerIds = IdInterner()
        dataset.events = EventTable()

        // The second run starts from the customers known now (shared storage until either run
        // adds one); its new customers are renumbered by the merge.
        eventHalvesMerged = readInHalves(r, url: url, into: first, makeSecond: { split in
            EventPartReader(
                context: context, expectedBytes: fileSize - split, customerKeys: first.customerKeys,
                customerIds: first.customerIds, rejects: rejectsIndex != nil ? RejectsLog(header: r.header) : nil)
        }, merge: { second, lineOffset in
            merge(second, into: first, lineOffset: lineOffset, knownCustomers: knownCustomers)
            return true
        })

        dataset.events = first.table
        customerKeys = first.customerKeys
        dataset.customerIds = first.customerIds
        log.absorb(first.log, lineOffset: 0)
        if let rejectsIndex, let kept = first.rejects { rejects[rejectsIndex].log = kept }
        rowsRead[r.fileName] = first.rows
        if first.rows == 0, log.total == issuesBefore {
            warnings.append("\(r.fileName): no data rows (the file has a header only)")
        }
    }

    /// Appends the second part of events.csv to the first, renumbering customers the second part
    /// saw first (codes from `knownCustomers` on) in row order, as one pass would.
    private func merge(_ b: EventPartReader, into a: EventPartReader, lineOffset: Int, knownCustomers: Int) {
        var t = a.table
        a.table = EventTable()
        let bt = b.table
        b.table = EventTable()
        var customerKeys = a.customerKeys
        a.customerKeys = ByteKeyTable(capacity: 16)
        var customerIds = a.customerIds
        a.customerIds = IdInterner()
        t.reserveCapacity(t.count + bt.count)
        // Two disjoint groups of columns copied at once (see ConcurrentParts).
        var codes = t.customer, dates = t.date, invoices = t.invoice, kinds = t.kind
        var notes = t.note, lines = t.sourceLine
        t = EventTable()
        let second = UncheckedSendableEvents(bt)
        let secondIds = b.customerIds
        ConcurrentParts.run({
            let bt = second.table
            var remap = [Int32](repeating: -1, count: max(secondIds.count - knownCustomers, 0))
            codes.append(contentsOf: bt.customer)
            if !remap.isEmpty {
                codes.withUnsafeMutableBufferPointer { codes in
                    for row in (codes.count - bt.count)..<codes.count where codes[row] >= Int32(knownCustomers) {
                        let k = Int(codes[row]) - knownCustomers
                        if remap[k] < 0 {
                            var name = secondIds.name(of: codes[row])
                            remap[k] = name.withUTF8 { LoadSession.customerCode(UnsafeRawBufferPointer($0), keys: &customerKeys, ids: &customerIds) }
                        }
                        codes[row] = remap[k]
                    }
                }
            }
            dates.append(contentsOf: bt.date)
            invoices.append(contentsOf: bt.invoice)
            kinds.append(contentsOf: bt.kind)
        }, {
            let bt = second.table
            notes.append(contentsOf: bt.note)
            LoadSession.appendShifted(bt.sourceLine, by: lineOffset, to: &lines)
        })
        t.customer = codes; t.date = dates; t.invoice = invoices; t.kind = kinds; t.note = notes; t.sourceLine = lines
        a.table = t
        a.customerKeys = customerKeys
        a.customerIds = customerIds
        a.log.absorb(b.log, lineOffset: lineOffset)
        if let br = b.rejects { a.rejects?.absorb(br, lineOffset: lineOffset) }
        a.rows += b.rows
    }
}

/// The second part's events, read by both copying threads of the merge.
private struct UncheckedSendableEvents: @unchecked Sendable {
    let table: EventTable
    init(_ table: EventTable) { self.table = table }
}
