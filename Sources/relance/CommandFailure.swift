import ArgumentParser
import Foundation

/// A failure after the input was read: the message goes to standard error, the status says which kind.
enum CommandFailure: Error {
    /// The data cannot support the request (exit 65).
    case data(String)
    /// An output cannot be written (exit 73, EX_CANTCREAT).
    case cannotWrite(String)
}

extension CommandFailure {
    /// Prints the message and turns it into the exit status.
    var exitCode: ExitCode {
        switch self {
        case let .data(message):
            FileHandle.standardError.write(Data("\(message)\n".utf8))
            return ExitCode(DataExitCode.dataError)
        case let .cannotWrite(message):
            FileHandle.standardError.write(Data("\(message)\n".utf8))
            return ExitCode(73)
        }
    }

    /// Runs `body`, turning a ``CommandFailure`` into its message on standard error and exit status.
    static func reporting(_ body: () throws -> Void) throws {
        do { try body() } catch let f as CommandFailure { throw f.exitCode }
    }
}
