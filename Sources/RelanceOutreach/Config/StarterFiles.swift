import Foundation

/// The commented starter `relance.toml` and the default French and English templates shipped with
/// Relance, and the `relance init` logic that copies them into a folder.
public enum StarterFiles {
    /// The shipped `Resources` folder (`relance.toml`, `templates/<lang>/*.mustache`).
    public static var resourcesDirectory: URL? {
        Bundle.module.url(forResource: "Resources", withExtension: nil)
    }

    /// Files `relance init` writes, relative to the target folder, with their content.
    public static func files() throws -> [(path: String, data: Data)] {
        guard let root = resourcesDirectory else {
            throw OutreachConfigError(file: "Resources", line: 0, problem: "the shipped starter files are missing from this installation")
        }
        var out: [(String, Data)] = []
        out.append(("relance.toml", try Data(contentsOf: root.appendingPathComponent("relance.toml"))))
        let templates = root.appendingPathComponent("templates")
        for lang in try FileManager.default.contentsOfDirectory(atPath: templates.path).sorted() where !lang.hasPrefix(".") {
            for f in try FileManager.default.contentsOfDirectory(atPath: templates.appendingPathComponent(lang).path).sorted()
            where f.hasSuffix(".mustache") {
                out.append(("templates/\(lang)/\(f)", try Data(contentsOf: templates.appendingPathComponent(lang).appendingPathComponent(f))))
            }
        }
        return out
    }

    /// Writes the starter configuration and templates into `folder`, refusing to overwrite: if any
    /// of the files already exists nothing is written and the error lists the existing files.
    /// Returns the written paths.
    @discardableResult
    public static func install(into folder: URL) throws -> [String] {
        let fm = FileManager.default
        let files = try files()
        let existing = files.map(\.path).filter { fm.fileExists(atPath: folder.appendingPathComponent($0).path) }
        guard existing.isEmpty else {
            throw OutreachConfigError(file: folder.appendingPathComponent(existing[0]).path, line: 0,
                                      problem: "already exists; relance init never overwrites (\(existing.count) existing file(s))")
        }
        for (path, data) in files {
            let url = folder.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.write(data, to: url)
        }
        return files.map(\.path)
    }
}
