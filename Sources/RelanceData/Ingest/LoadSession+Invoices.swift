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
        readInvoices(startInvoices())
    }

    /// Opens invoices.csv and starts reading its second half on another thread (nil when the file
    /// cannot be read or has no usable header): the first step of ``readInvoices()``, taken before
    /// customers.csv is read so that both are read at once. The second half needs nothing from
    /// customers.csv (its customers are numbered apart and renumbered by the merge). The issues
    /// met opening the file are held back and logged after those of customers.csv, in file order.
    func startInvoices() -> InvoicesStarted? {
        var openLog = IssueLog()
        defer { if !openLog.isEmpty || openLog.missingInput { pendingInvoiceIssues = openLog } }
        guard let r = TableReader.open(sources.invoices, file: .invoices, mapping: mapping.invoices, log: &openLog) else { return nil }
        guard let cCustomer = r.index["customer_id"], let cIssue = r.index["issue_date"],
              let cDue = r.index["due_date"], let cAmount = r.index["amount"] else { return nil }
        let rowIsId = r.invoiceIdIsRowNumber
        let cId = r.index["invoice_id"]
        if !rowIsId && cId == nil { return nil }
        let columns = InvoicePartReader.Columns(
            id: cId, rowIsId: rowIsId, customer: cCustomer, issue: cIssue, due: cDue, amount: cAmount,
            currency: r.index["currency"], paid: r.index["paid_date"], paidDays: r.index["paid_after_days"],
            disputed: r.index["disputed"], method: r.index["payment_method"], channel: r.index["channel"],
            decimalComma: r.mapping.decimalComma)
        let fileSize = r.scanner.fileSize
        let defaultCurrency = self.defaultCurrency, rejecting = self.rejecting
        // Row-number ids depend on every earlier line: such a file is read in one pass.
        // customers.csv is read on this thread before the first half: a byte of it costs about
        // three of invoices.csv (six text fields a row; measured 12 against 4 ms per MB), so the
        // first half is shortened by that much and the two halves end together.
        var customersBytes = 0
        if let customers = sources.customers,
           let size = try? FileManager.default.attributesOfItem(atPath: customers.path)[.size] as? Int {
            customersBytes = size
        }
        let second = startSecondHalf(
            r, url: sources.invoices, splittable: !rowIsId, firstPartHeadStart: 3 * customersBytes, makeSecond: { split in
            InvoicePartReader(
                columns: columns, defaultCurrency: defaultCurrency, knownBelow: Int32.max,
                expectedBytes: fileSize - split, customers: ByteKeyTable(capacity: 1024), customerIds: IdInterner(),
                rejects: rejecting ? RejectsLog(header: r.header) : nil)
        })
        return InvoicesStarted(reader: r, columns: columns, second: second)
    }

    /// Reads invoices.csv from where ``startInvoices()`` left it; customers.csv, when given, was
    /// read in between.
    func readInvoices(_ started: InvoicesStarted?) {
        if let held = pendingInvoiceIssues {
            log.absorb(held, lineOffset: 0)
            pendingInvoiceIssues = nil
        }
        guard let started else { return }
        let r = started.reader, columns = started.columns
        noteIgnoredColumns(r)
        let customersGiven = sources.customers != nil
        let first = InvoicePartReader(
            columns: columns, defaultCurrency: defaultCurrency,
            knownBelow: customersGiven ? customersFromMasterData : Int32.max, expectedBytes: r.scanner.fileSize,
            customers: customerKeys, customerIds: dataset.customerIds,
            rejects: rejecting ? RejectsLog(header: r.header) : nil)
        customerKeys = ByteKeyTable()
        dataset.customerIds = IdInterner()

        invoiceHalvesMerged = finishInHalves(r, into: first, second: started.second, merge: { second, lineOffset in
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
    /// feed past the middle of the file, or earlier by half of `firstPartHeadStart` bytes (work
    /// the first part's thread does before it starts); nil when the file is small or there is
    /// one core only.
    func parallelSplit(_ r: TableReader, url: URL, fileSize: Int, firstPartHeadStart: Int = 0) -> Int? {
        guard fileSize >= parallelThresholdBytes,
              ProcessInfo.processInfo.activeProcessorCount > 1,
              let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        let middle = max((fileSize - min(max(firstPartHeadStart, 0), fileSize / 2)) / 2, r.scanner.offset)
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
        // The copies are most of the merge's time (fresh pages for half a table): the columns
        // are split in two groups copied on two threads; the other core has nothing else to do
        // at this point (both halves are read, the events not yet begun).
        var t = a.table
        a.table = InvoiceTable()
        var bt = b.table
        b.table = InvoiceTable()
        t.reserveCapacity(t.count + bt.count)
        var currencyOf = [Int32](repeating: -1, count: bt.currencies.count)
        for local in 0..<bt.currencies.count {
            currencyOf[local] = t.currencies.intern(bt.currencies.name(of: Int32(local)))
        }
        let currencyIdentity = currencyOf.enumerated().allSatisfy { Int32($0.offset) == $0.element }
        var unknownRows = a.unknownCustomerRows, firstUnknownLine = a.firstUnknownCustomerLine
        var customers = a.customers
        a.customers = ByteKeyTable()
        var customerIds = a.customerIds
        a.customerIds = IdInterner()
        let knownBelow = a.knownBelow
        let secondIds = b.customerIds
        // Two disjoint groups of columns, each moved out of `t` and `bt` so that each thread
        // owns what it changes.
        var codes = t.customer, currency = t.currency, issue = t.issueDate, due = t.dueDate
        var paid = t.paidDate, amount = t.amount
        var ids = t.invoiceIds, lines = t.sourceLine, disputed = t.disputed
        var methods = t.paymentMethod, channels = t.channel
        t.customer = []; t.currency = []; t.issueDate = []; t.dueDate = []; t.paidDate = []; t.amount = []
        t.invoiceIds = []; t.sourceLine = []; t.disputed = []; t.paymentMethod = []; t.channel = []
        let second = UncheckedSendableTable(bt)
        bt = InvoiceTable()
        ConcurrentParts.run({
            let bt = second.table
            var global = [Int32](repeating: -1, count: secondIds.count)
            codes.append(contentsOf: bt.customer)
            codes.withUnsafeMutableBufferPointer { codes in
                let from = codes.count - bt.count
                for row in from..<codes.count {
                    let local = Int(codes[row])
                    var code = global[local]
                    if code < 0 {
                        var name = secondIds.name(of: Int32(local))
                        code = name.withUTF8 { LoadSession.customerCode(UnsafeRawBufferPointer($0), keys: &customers, ids: &customerIds) }
                        global[local] = code
                    }
                    codes[row] = code
                    if customersGiven, code >= knownBelow {
                        unknownRows += 1
                        if firstUnknownLine == 0 { firstUnknownLine = bt.sourceLine[row - from] + lineOffset }
                    }
                }
            }
            if currencyIdentity {
                currency.append(contentsOf: bt.currency)
            } else {
                currency.append(contentsOf: bt.currency.lazy.map { currencyOf[Int($0)] })
            }
            issue.append(contentsOf: bt.issueDate)
            due.append(contentsOf: bt.dueDate)
            paid.append(contentsOf: bt.paidDate)
            amount.append(contentsOf: bt.amount)
        }, {
            let bt = second.table
            ids.append(contentsOf: bt.invoiceIds)
            LoadSession.appendShifted(bt.sourceLine, by: lineOffset, to: &lines)
            disputed.append(contentsOf: bt.disputed)
            methods.append(contentsOf: bt.paymentMethod)
            channels.append(contentsOf: bt.channel)
        })
        t.customer = codes; t.currency = currency; t.issueDate = issue; t.dueDate = due; t.paidDate = paid
        t.amount = amount; t.invoiceIds = ids; t.sourceLine = lines; t.disputed = disputed
        t.paymentMethod = methods; t.channel = channels
        a.customers = customers
        a.customerIds = customerIds
        a.unknownCustomerRows = unknownRows
        a.firstUnknownCustomerLine = firstUnknownLine
        a.table = t
        a.log.absorb(b.log, lineOffset: lineOffset)
        if let br = b.rejects { a.rejects?.absorb(br, lineOffset: lineOffset) }
        a.rows += b.rows
        a.numbering.append(b.numbering)
        return true
    }

    /// Appends `lines` to `out`, each plus `offset` (a second part's line numbers made the file's):
    /// one copy, then one vectorisable pass over the appended stretch.
    static func appendShifted(_ lines: [Int], by offset: Int, to out: inout [Int]) {
        let from = out.count
        out.append(contentsOf: lines)
        out.withUnsafeMutableBufferPointer { all in
            for i in from..<all.count { all[i] += offset }
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

/// The second part's table, read by both copying threads of the merge.
private struct UncheckedSendableTable: @unchecked Sendable {
    let table: InvoiceTable
    init(_ table: InvoiceTable) { self.table = table }
}

/// invoices.csv opened, its second half perhaps being read (see ``LoadSession/startInvoices()``).
final class InvoicesStarted {
    let reader: TableReader
    let columns: InvoicePartReader.Columns
    let second: SecondHalf<InvoicePartReader>?

    init(reader: TableReader, columns: InvoicePartReader.Columns, second: SecondHalf<InvoicePartReader>?) {
        self.reader = reader
        self.columns = columns
        self.second = second
    }
}
