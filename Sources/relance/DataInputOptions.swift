import ArgumentParser
import Foundation
import RelanceData

/// The input files every command that reads data accepts (`@OptionGroup var input: DataInputOptions`).
struct DataInputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("invoices.csv: one row per invoice (required).", valueName: "file"))
    var invoices: String

    @Option(name: .long, help: ArgumentHelp("customers.csv: customer master data (optional).", valueName: "file"))
    var customers: String?

    @Option(name: .long, help: ArgumentHelp("events.csv: interaction history (optional).", valueName: "file"))
    var events: String?

    @Option(name: .long, help: ArgumentHelp("Column mapping (TOML) for exports that differ from the canonical CSVs; see datasets/mappings/README.md.", valueName: "file"))
    var mapping: String?

    @Option(name: .long, help: ArgumentHelp("Write bad rows with their reasons to this CSV (customers/events rejects go beside it) and load the good rows. Without it, any bad row refuses the input.", valueName: "file"))
    var rejects: String?

    @Option(name: .long, help: ArgumentHelp("ISO 4217 currency of invoices without one.", valueName: "code"))
    var currency: String = "EUR"

    func validate() throws {
        guard currency.utf8.count == 3, currency.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw ValidationError("--currency must be a 3-letter ISO 4217 code such as EUR")
        }
    }

    /// The sources to load; reads and checks the mapping file. Exits 66 when the mapping file is
    /// missing and 78 (configuration error) when it is invalid.
    func sources() throws -> DatasetSources {
        var columnMapping: ColumnMapping?
        if let mapping {
            guard FileManager.default.fileExists(atPath: mapping) else {
                FileHandle.standardError.write(Data("\((mapping as NSString).lastPathComponent): mapping file not found\n".utf8))
                throw ExitCode(DataExitCode.missingInput)
            }
            do {
                columnMapping = try ColumnMapping.load(from: URL(fileURLWithPath: mapping))
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                throw ExitCode(DataExitCode.badMapping)
            }
        }
        return DatasetSources(
            invoices: URL(fileURLWithPath: invoices),
            customers: customers.map { URL(fileURLWithPath: $0) },
            events: events.map { URL(fileURLWithPath: $0) },
            mapping: columnMapping,
            defaultCurrency: currency.uppercased(),
            rejects: rejects.map { URL(fileURLWithPath: $0) })
    }

    /// Loads the data; on invalid input prints one `file:line: column: problem` per line on
    /// standard error and exits 65 (data error) or 66 (an input file cannot be opened).
    /// Reads the inputs; `invoicesRead` as in ``DatasetLoader/load(_:invoicesRead:)``.
    func load(invoicesRead: ((InvoiceTable, Int) -> Void)? = nil) throws -> LoadReport {
        let sources = try sources()
        do {
            return try DatasetLoader.load(sources, invoicesRead: invoicesRead)
        } catch let e as IngestError {
            throw Self.reported(e)
        }
    }

    /// ``load(invoicesRead:)`` started on another thread, so that the caller can do other work
    /// meanwhile (the scoring command loads its model bundle); nil when the inputs must be read
    /// the plain way. Only inputs whose reading prints and writes nothing before it is joined are
    /// read early: not with `--rejects` (its file would be written even if the caller then
    /// fails on its own checks) nor with `--mapping` (a bad mapping file is reported on the spot).
    func startLoad(invoicesRead: @escaping (InvoiceTable, Int) -> Void) -> PendingLoad? {
        guard rejects == nil, mapping == nil, let sources = try? sources() else { return nil }
        return PendingLoad(sources, invoicesRead: invoicesRead)
    }

    /// Prints the issues of a load on standard error; the exit status that goes with them.
    static func reported(_ e: IngestError) -> ExitCode {
        FileHandle.standardError.write(Data((e.description + "\n").utf8))
        return ExitCode(e.missingInput ? DataExitCode.missingInput : DataExitCode.dataError)
    }
}

/// Inputs being read on another thread (``DataInputOptions/startLoad(invoicesRead:)``).
final class PendingLoad: @unchecked Sendable {
    private let done = DispatchGroup()
    /// Written by the reading thread before it leaves `done`, read after `join()` waited.
    private var result: Result<LoadReport, Error>?

    init(_ sources: DatasetSources, invoicesRead: @escaping (InvoiceTable, Int) -> Void) {
        let invoicesRead = UncheckedSendableCallback(invoicesRead)
        DispatchQueue.global().async(group: done) {
            self.result = Result { try DatasetLoader.load(sources, invoicesRead: invoicesRead.body) }
        }
    }

    /// Waits for the inputs; on invalid input prints the issues and exits as ``DataInputOptions/load(invoicesRead:)``.
    func join() throws -> LoadReport {
        done.wait()
        switch result {
        case .success(let report)?: return report
        case .failure(let e as IngestError)?: throw DataInputOptions.reported(e)
        case .failure(let e)?: throw e
        case nil: preconditionFailure("the reading thread left without a result")
        }
    }
}

/// The caller's callback, run once on the reading thread.
private struct UncheckedSendableCallback: @unchecked Sendable {
    let body: (InvoiceTable, Int) -> Void
    init(_ body: @escaping (InvoiceTable, Int) -> Void) { self.body = body }
}

/// Exit statuses of commands that read data, after BSD sysexits(3).
enum DataExitCode {
    /// EX_DATAERR: the input is invalid (details on standard error, one issue per line).
    static let dataError: Int32 = 65
    /// EX_NOINPUT: an input or mapping file does not exist or cannot be read.
    static let missingInput: Int32 = 66
    /// EX_CONFIG: the mapping file is invalid.
    static let badMapping: Int32 = 78
}
