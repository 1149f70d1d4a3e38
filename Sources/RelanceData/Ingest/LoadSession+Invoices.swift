import Foundation

extension LoadSession {
    static let paymentMethodLabels = LabelSet<PaymentMethod>(PaymentMethod.allCases.filter { $0 != .unknown }.map { ($0.label, $0) })
    static let invoiceChannelLabels = LabelSet<InvoiceChannel>(InvoiceChannel.allCases.filter { $0 != .unknown }.map { ($0.label, $0) })

    /// Reads invoices.csv into `dataset.invoices`; customers.csv, when given, was read before.
    ///
    /// An invoice whose customer is absent from customers.csv is kept (its history still says how
    /// that customer pays) and reported in one warning with a count and the first line.
    ///
    /// A large file is read by two threads: this one reads the first half, a second one reads
    /// from the first line start past the middle. The halves are merged only when that is exactly
    /// what one pass would have produced: the split fell on a record boundary (no quoted field
    /// spans it) and no invoice id of the second half repeats one of the first. Otherwise the
    /// second half's work is dropped and this thread reads on to the end. Either way the result,
    /// issues and rejects are those of a single pass.
    func readInvoices() {
        guard let r = TableReader.open(sources.invoices, file: .invoices, mapping: mapping.invoices, log: &log) else { return }
        guard let cCustomer = r.index["customer_id"], let cIssue = r.index["issue_date"],
              let cDue = r.index["due_date"], let cAmount = r.index["amount"] else { return }
        let rowIsId = r.invoiceIdIsRowNumber
        let cId = r.index["invoice_id"]
        if !rowIsId && cId == nil { return }
        let columns = InvoicePartReader.Columns(
            id: cId, rowIsId: rowIsId, customer: cCustomer, issue: cIssue, due: cDue, amount: cAmount,
            currency: r.index["currency"], paid: r.index["paid_date"], paidDays: r.index["paid_after_days"],
            disputed: r.index["disputed"], method: r.index["payment_method"], channel: r.index["channel"],
            decimalComma: r.mapping.decimalComma)
        noteIgnoredColumns(r)
        let customersGiven = sources.customers != nil
        let fileSize = r.scanner.fileSize
        let first = InvoicePartReader(
            columns: columns, defaultCurrency: defaultCurrency,
            knownBelow: customersGiven ? customersFromMasterData : Int32.max, expectedBytes: fileSize,
            customers: customerKeys, customerIds: dataset.customerIds,
            rejects: rejecting ? RejectsLog(header: r.header) : nil)
        customerKeys = ByteKeyTable()
        dataset.customerIds = IdInterner()

        // Row-number ids depend on every earlier line: such a file is read in one pass.
        invoiceHalvesMerged = readInHalves(r, url: sources.invoices, into: first, splittable: !rowIsId, makeSecond: { split in
            InvoicePartReader(
                columns: columns, defaultCurrency: defaultCurrency, knownBelow: Int32.max,
                expectedBytes: fileSize - split, customers: ByteKeyTable(capacity: 1024), customerIds: IdInterner(),
                rejects: rejecting ? RejectsLog(header: r.header) : nil)
        }, merge: { second, lineOffset in
            merge(second, into: first, lineOffset: lineOffset, customersGiven: customersGiven)
        })

        dataset.invoices = first.table
        customerKeys = first.customers
        dataset.customerIds = first.customerIds
        invoiceKeys = first.ids
        invoiceIdsIndexed = first.indexed
        invoiceNumbering = first.numbering
        let issuesBefore = log.total
        log.absorb(first.log, lineOffset: 0)
        if let rejects = first.rejects { self.rejects.append((.invoices, r.fileName, rejects)) }
        rowsRead[r.fileName] = first.rows
        if first.rows == 0, log.total == issuesBefore {
            log.add(IngestIssue(file: r.fileName, line: 0, column: "", message: "no data rows (the file has a header only)"))
        }
        if first.unknownCustomerRows > 0 {
            warnings.append("\(r.fileName): \(first.unknownCustomerRows) invoice(s) name a customer absent from \(sources.customers?.lastPathComponent ?? "customers.csv") (first on line \(first.firstUnknownCustomerLine)); they are kept, without customer details")
        }
    }

    /// The offset where a second thread can start reading `url`: just after the first line
    /// feed past the middle of the file; nil when the file is small or there is one core only.
    func parallelSplit(_ r: TableReader, url: URL, fileSize: Int) -> Int? {
        guard fileSize >= parallelThresholdBytes,
              ProcessInfo.processInfo.activeProcessorCount > 1,
              let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        let middle = max(fileSize / 2, r.scanner.offset)
        guard (try? handle.seek(toOffset: UInt64(middle))) != nil,
              let block = try? handle.read(upToCount: 1 << 16),
              let lf = block.firstIndex(of: 10) else { return nil }
        let split = middle + (lf - block.startIndex) + 1
        return split < fileSize ? split : nil
    }

    /// Appends the second part to the first when that equals a single pass; false otherwise
    /// (nothing changed then).
    private func merge(_ b: InvoicePartReader, into a: InvoicePartReader, lineOffset: Int, customersGiven: Bool) -> Bool {
        // A duplicate within the second part was reported with a line relative to that part:
        // let the single pass report it.
        guard !b.duplicateFound else { return false }
        // Invoice ids across the parts.
        var indexAfterMerge = a.indexed || b.indexed
        if let bFirst = b.firstId {
            let sortedAcross = !a.indexed && !b.indexed
                && bFirst.withUnsafeBytes { a.previousId.precedes($0) }
            if !sortedAcross {
                if !a.indexed {
                    a.ids = LoadSession.index(a.table.invoiceIds, capacity: a.table.count + b.table.count)
                    a.indexed = true
                }
                for id in b.table.invoiceIds {
                    var id = id
                    let seen = id.withUTF8 { a.ids.value(for: UnsafeRawBufferPointer($0)) }
                    if seen != nil { return false }
                }
                indexAfterMerge = true
            }
        }
        if indexAfterMerge {
            if !a.indexed {
                a.ids = LoadSession.index(a.table.invoiceIds, capacity: a.table.count + b.table.count)
                a.indexed = true
            }
            for (row, id) in b.table.invoiceIds.enumerated() {
                var id = id
                _ = id.withUTF8 { a.ids.insert(UnsafeRawBufferPointer($0), value: Int32(a.table.count + row)) }
            }
        } else if b.firstId != nil {
            a.previousId = b.previousId
        }

        // Customers: renumber the second part's private codes in row order, as one pass would.
        // Columns that need no renumbering are appended whole (a copy, not a loop per row).
        var t = a.table
        a.table = InvoiceTable()
        let bt = b.table
        var global = [Int32](repeating: -1, count: b.customerIds.count)
        var currencyOf = [Int32](repeating: -1, count: bt.currencies.count)
        t.reserveCapacity(t.count + bt.count)
        var customers = a.customers
        a.customers = ByteKeyTable()
        var customerIds = a.customerIds
        a.customerIds = IdInterner()
        var unknownRows = a.unknownCustomerRows, firstUnknownLine = a.firstUnknownCustomerLine
        let knownBelow = a.knownBelow
        t.customer.append(contentsOf: bt.customer)
        t.customer.withUnsafeMutableBufferPointer { codes in
            for row in (codes.count - bt.count)..<codes.count {
                let local = Int(codes[row])
                var code = global[local]
                if code < 0 {
                    var name = b.customerIds.name(of: Int32(local))
                    code = name.withUTF8 { LoadSession.customerCode(UnsafeRawBufferPointer($0), keys: &customers, ids: &customerIds) }
                    global[local] = code
                }
                codes[row] = code
                if customersGiven, code >= knownBelow {
                    unknownRows += 1
                    if firstUnknownLine == 0 { firstUnknownLine = bt.sourceLine[row - (codes.count - bt.count)] + lineOffset }
                }
            }
        }
        a.customers = customers
        a.customerIds = customerIds
        a.unknownCustomerRows = unknownRows
        a.firstUnknownCustomerLine = firstUnknownLine
        for local in 0..<bt.currencies.count {
            currencyOf[local] = t.currencies.intern(bt.currencies.name(of: Int32(local)))
        }
        let currencyIdentity = currencyOf.enumerated().allSatisfy { Int32($0.offset) == $0.element }
        if currencyIdentity {
            t.currency.append(contentsOf: bt.currency)
        } else {
            t.currency.append(contentsOf: bt.currency.lazy.map { currencyOf[Int($0)] })
        }
        t.invoiceIds.append(contentsOf: bt.invoiceIds)
        t.issueDate.append(contentsOf: bt.issueDate)
        t.dueDate.append(contentsOf: bt.dueDate)
        t.paidDate.append(contentsOf: bt.paidDate)
        t.amount.append(contentsOf: bt.amount)
        t.disputed.append(contentsOf: bt.disputed)
        t.paymentMethod.append(contentsOf: bt.paymentMethod)
        t.channel.append(contentsOf: bt.channel)
        t.sourceLine.append(contentsOf: bt.sourceLine.lazy.map { $0 + lineOffset })
        a.table = t
        a.log.absorb(b.log, lineOffset: lineOffset)
        if let br = b.rejects { a.rejects?.absorb(br, lineOffset: lineOffset) }
        a.rows += b.rows
        a.numbering.append(b.numbering)
        return true
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
    static func index<Ids: Sequence<String>>(_ ids: Ids, capacity: Int) -> ByteKeyTable {
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
