import Foundation

/// The state of one ``DatasetLoader/load(_:)`` call shared by the three file readers: the dataset
/// being built, the id tables, the issue log and, in rejects mode, the rejected rows per file.
final class LoadSession {
    let sources: DatasetSources
    let mapping: ColumnMapping
    var dataset = Dataset()
    var log = IssueLog()
    var warnings: [String] = []
    var rowsRead: [String: Int] = [:]
    var invoiceHalvesMerged = false
    /// Issues met opening invoices.csv, logged after those of customers.csv (see ``startInvoices()``).
    var pendingInvoiceIssues: IssueLog?
    var eventHalvesMerged = false
    var rejects: [(file: InputFile, name: String, log: RejectsLog)] = []
    /// Customer id bytes → customer code (shared by the three files).
    var customerKeys = ByteKeyTable(capacity: 4096)
    /// Customer codes below this came from customers.csv.
    var customersFromMasterData: Int32 = 0
    /// Invoice id bytes → invoice row; complete only when ``invoiceIdsIndexed`` (built lazily:
    /// sorted ids need no index to be checked for duplicates).
    var invoiceKeys = ByteKeyTable(capacity: 16)
    var invoiceIdsIndexed = false
    /// Whether invoices.csv's ids count up by one from row to row (then events need no id index).
    var invoiceNumbering = ConsecutiveNumbering()
    let defaultCurrency: String
    /// Invoices files at least this large are read by two threads, one per half.
    let parallelThresholdBytes: Int

    var rejecting: Bool { sources.rejects != nil }

    init(_ sources: DatasetSources, parallelThresholdBytes: Int = 8 << 20) {
        self.sources = sources
        self.parallelThresholdBytes = parallelThresholdBytes
        self.mapping = sources.mapping ?? ColumnMapping()
        self.defaultCurrency = (mapping.invoices.defaultCurrency ?? sources.defaultCurrency).uppercased()
    }

    /// A problem with one row: a column (as the file names it, empty for the whole row) and what is wrong.
    struct RowProblem {
        var column: String
        var message: String
    }

    /// Records a bad row: an issue per problem in strict mode, one rejects line otherwise.
    func reject(_ reader: TableReader, _ row: CSVRow, _ problems: [RowProblem], rejectsIndex: Int?, log: inout IssueLog) {
        if let r = rejectsIndex {
            rejects[r].log.add(line: row.line, reason: Self.rejectReason(problems), fields: reader.rawFields(row))
        } else {
            Self.addIssues(problems, reader: reader, row: row, log: &log)
        }
    }

    /// A bad row of a part reader (``InvoicePartReader``, ``EventPartReader``): into its own
    /// `rejects` in rejects mode, else as issues in `log`.
    static func reject(_ reader: TableReader, _ row: CSVRow, _ problems: [RowProblem], rejects: inout RejectsLog?, log: inout IssueLog) {
        if rejects != nil {
            rejects?.add(line: row.line, reason: rejectReason(problems), fields: reader.rawFields(row))
        } else {
            addIssues(problems, reader: reader, row: row, log: &log)
        }
    }

    /// The `reject_reason` of a rejects file: the row's problems, `column: message`, joined by `; `.
    static func rejectReason(_ problems: [RowProblem]) -> String {
        problems.map { $0.column.isEmpty ? $0.message : "\($0.column): \($0.message)" }.joined(separator: "; ")
    }

    static func addIssues(_ problems: [RowProblem], reader: TableReader, row: CSVRow, log: inout IssueLog) {
        for p in problems {
            log.add(IngestIssue(file: reader.fileName, line: row.line, column: p.column, message: p.message))
        }
    }

    /// Starts the rejects log of a file in rejects mode; its index in ``rejects``.
    func startRejects(_ reader: TableReader) -> Int? {
        guard rejecting else { return nil }
        rejects.append((reader.file, reader.fileName, RejectsLog(header: reader.header)))
        return rejects.count - 1
    }

    /// Reports ignored columns once per file.
    func noteIgnoredColumns(_ reader: TableReader) {
        guard !reader.ignoredColumns.isEmpty else { return }
        warnings.append("\(reader.fileName): ignored \(reader.ignoredColumns.count) column(s) Relance does not use: \(reader.ignoredColumns.joined(separator: ", "))")
    }

    /// The customer code for id bytes, interning a new id (the only place a customer `String` is built).
    func customerCode(_ b: UnsafeRawBufferPointer) -> Int32 {
        Self.customerCode(b, keys: &customerKeys, ids: &dataset.customerIds)
    }

    /// The code of customer id bytes `b` in `keys`/`ids` (kept in step), added when new.
    static func customerCode(_ b: UnsafeRawBufferPointer, keys: inout ByteKeyTable, ids: inout IdInterner) -> Int32 {
        if let c = keys.value(for: b) { return c }
        let code = ids.appendNew(String(decoding: b, as: UTF8.self))
        _ = keys.insert(b, value: code)
        return code
    }

    /// Parses a date column; a problem when malformed.
    static func date(_ reader: TableReader, _ row: CSVRow, _ i: Int, _ b: UnsafeRawBufferPointer, _ problems: inout [RowProblem]) -> Day {
        if let d = reader.day(b) { return d }
        let format = reader.dateFormat
        let expected = format.isISO ? "YYYY-MM-DD" : format.pattern
        problems.append(RowProblem(column: reader.columnName(i), message: b.isEmpty ? "is empty (a date is required, expected \(expected))" : "\(TableReader.quote(b)) is not a date (expected \(expected))"))
        return .missing
    }

    /// Parses an optional date column (empty = missing).
    static func optionalDate(_ reader: TableReader, _ row: CSVRow, _ i: Int?, _ problems: inout [RowProblem]) -> Day {
        guard let i else { return .missing }
        let b = reader.value(row, i)
        if b.isEmpty { return .missing }
        return date(reader, row, i, b, &problems)
    }

    /// Parses an optional boolean column (empty = false).
    static func optionalBool(_ reader: TableReader, _ row: CSVRow, _ i: Int?, _ problems: inout [RowProblem]) -> Bool {
        guard let i else { return false }
        let b = reader.value(row, i)
        if b.isEmpty { return false }
        if let v = BooleanText.parse(b) { return v }
        problems.append(RowProblem(column: reader.columnName(i), message: "\(TableReader.quote(b)) is not a boolean (expected \(BooleanText.expected))"))
        return false
    }

    /// Matches an enum label from bytes (empty = nil, no problem).
    static func label<E>(_ reader: TableReader, _ row: CSVRow, _ i: Int?, _ labels: LabelSet<E>, what: String, _ problems: inout [RowProblem]) -> E? {
        guard let i else { return nil }
        let b = reader.value(row, i)
        if b.isEmpty { return nil }
        if let v = labels.match(b) { return v }
        problems.append(RowProblem(column: reader.columnName(i), message: "\(TableReader.quote(b)) is not a \(what) (expected one of: \(labels.expected))"))
        return nil
    }

    /// Writes the rejects files (rejects mode, no fatal issue): the invoices' rejects to the given
    /// path, customers' and events' rejects beside it (`<name>.customers.csv`, `<name>.events.csv`).
    func writeRejects() throws -> [URL] {
        guard let base = sources.rejects else { return [] }
        var written: [URL] = []
        for r in rejects {
            let url = LoadSession.rejectsURL(base: base, file: r.file)
            try AtomicFile.write(r.log.text, to: url)
            written.append(url)
        }
        return written
    }

    static func rejectsURL(base: URL, file: InputFile) -> URL {
        if file == .invoices { return base }
        let ext = base.pathExtension
        let stem = base.deletingPathExtension().lastPathComponent
        return base.deletingLastPathComponent().appendingPathComponent("\(stem).\(file.rawValue).\(ext.isEmpty ? "csv" : ext)")
    }
}
