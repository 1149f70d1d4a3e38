import ArgumentParser
import Foundation
import RelanceOutreach

/// `relance init [FOLDER]`: writes the commented starter `relance.toml` and the default French and
/// English templates, never overwriting an existing file.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter relance.toml and the default fr/en message templates.",
        discussion: "Refuses to overwrite: if any of the files already exists, nothing is written.")

    @Argument(help: "Folder to write into (default: the current folder).")
    var folder: String = "."

    func run() throws {
        let url = URL(fileURLWithPath: folder, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            let written = try StarterFiles.install(into: url)
            print("init: wrote \(written.count) files into \(url.path) (relance.toml and templates/fr, templates/en)")
        } catch let e as OutreachConfigError {
            FileHandle.standardError.write(Data("relance init: \(e)\n".utf8))
            throw ExitCode(1)
        }
    }
}
