import Foundation

/// Reads the canonical CSVs (or mapped exports) into a validated, columnar ``Dataset``.
///
/// Order: customers.csv (so its customers get the first codes), then invoices.csv, then
/// events.csv (which may name invoices). Every row is checked; see the data contract and
/// `datasets/mappings/README.md` for the rules and the messages.
///
/// Modes:
/// - strict (`sources.rejects == nil`): any bad row refuses the input; the first 20 issues are
///   thrown in an ``IngestError`` and nothing is written.
/// - rejects: bad rows are written with their reasons to `sources.rejects` (invoices) and, for
///   the other files, beside it as `<stem>.customers.csv` / `<stem>.events.csv` (one rejects file
///   per input file given, written even when empty so an old one cannot mislead), atomically; the
///   good rows are loaded and ``LoadReport/rejectedRows`` counts the rest.
///
/// Speed: files are read in chunks and parsed from bytes (no `String` per field); an invoices
/// file of 8 MB or more is read by two threads, one per half, merged only when that is exactly
/// what one pass gives (see ``LoadSession/readInvoices()``). Memory stays under twice the size
/// of invoices.csv.
///
/// Whatever the mode, a card number or invalid UTF-8 anywhere, a broken quote, a missing or
/// duplicated required column, an empty file, or an invoices file without rows refuses the input.
///
/// ```swift
/// let report = try DatasetLoader.load(DatasetSources(invoices: URL(fileURLWithPath: "invoices.csv")))
/// print(report.dataset.invoices.count)
/// ```
public enum DatasetLoader {
    /// - Parameter invoicesRead: called once invoices.csv is read without a fatal issue, before
    ///   events.csv, with the invoice table (final: events do not change it) and the number of
    ///   customer codes so far (more than any invoice's). A caller can start work that needs only
    ///   the invoices on another thread while the events are read. Not called when the input is
    ///   refused before that point.
    public static func load(_ sources: DatasetSources, invoicesRead: ((InvoiceTable, Int) -> Void)? = nil) throws -> LoadReport {
        try load(sources, parallelThresholdBytes: 8 << 20, invoicesRead: invoicesRead)
    }

    /// ``load(_:invoicesRead:)`` with the size from which invoices.csv is read by two threads
    /// (tests force both paths on small files; the result must not depend on it).
    static func load(
        _ sources: DatasetSources, parallelThresholdBytes: Int, invoicesRead: ((InvoiceTable, Int) -> Void)? = nil
    ) throws -> LoadReport {
        let session = LoadSession(sources, parallelThresholdBytes: parallelThresholdBytes)
        guard session.defaultCurrency.utf8.count == 3,
              session.defaultCurrency.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) else {
            throw IngestError(issues: [IngestIssue(file: "options", line: 0, column: "currency", message: "default currency \"\(session.defaultCurrency)\" is not an ISO 4217 code (expected 3 letters such as EUR)")])
        }
        // The second half of invoices.csv is read while customers.csv is (see startInvoices).
        let invoices = session.startInvoices()
        if let customers = sources.customers { session.readCustomers(customers) }
        session.readInvoices(invoices)
        if let invoicesRead, session.log.isEmpty {
            invoicesRead(session.dataset.invoices, session.dataset.customerIds.count)
        }
        if let events = sources.events { session.readEvents(events) }
        session.dataset.customerIds.indexNewNames()
        guard session.log.isEmpty else { throw session.log.error }

        var rejectedByFile: [String: Int] = [:]
        for r in session.rejects { rejectedByFile[r.name] = r.log.count }
        let rejected = rejectedByFile.values.reduce(0, +)
        var warnings = session.warnings
        let written: [URL]
        do {
            written = try session.writeRejects()
        } catch {
            throw IngestError(issues: [IngestIssue(file: sources.rejects?.lastPathComponent ?? "rejects", line: 0, column: "", message: "cannot write the rejects file (\(error.localizedDescription))")])
        }
        for r in session.rejects where r.log.count > 0 {
            warnings.append("\(r.name): \(r.log.count) row(s) rejected, written to \(LoadSession.rejectsURL(base: sources.rejects ?? sources.invoices, file: r.file).lastPathComponent)")
        }
        var report = LoadReport(dataset: session.dataset, rejectedRows: rejected, warnings: warnings, rowsRead: session.rowsRead)
        report.rejectedByFile = rejectedByFile
        report.rejectFiles = written
        report.invoiceHalvesMerged = session.invoiceHalvesMerged
        report.eventHalvesMerged = session.eventHalvesMerged
        return report
    }
}
