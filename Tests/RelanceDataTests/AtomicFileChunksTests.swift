import Foundation
import Testing
import RelanceData

/// Writing a file from several byte chunks: the concatenation lands atomically, as with one `Data`.
@Suite struct AtomicFileChunksTests {
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("relance-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func chunksAreWrittenInOrderOverTheOldFileAndNoTemporaryFileStays() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("out.csv")
        try Data("old content, longer than the new one".utf8).write(to: url)
        let big = [UInt8](repeating: UInt8(ascii: "x"), count: 3_000_000)
        let chunks: [[UInt8]] = [Array("head\n".utf8), [], big, Array("é\n".utf8)]
        try AtomicFile.write(chunks: chunks, to: url)
        #expect(try Data(contentsOf: url) == Data(chunks.joined()))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])
    }

    @Test func noChunksWriteAnEmptyFile() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("empty.csv")
        try AtomicFile.write(chunks: [[UInt8]](), to: url)
        #expect(try Data(contentsOf: url).isEmpty)
    }

    @Test func aFolderThatDoesNotExistThrowsAndLeavesNothing() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("missing/out.csv")
        #expect(throws: (any Error).self) { try AtomicFile.write(chunks: [Array("x".utf8)], to: url) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func aRenameThatFailsRemovesTheTemporaryFile() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The destination is a non-empty folder: the rename over it fails after the bytes are written.
        let url = dir.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        try Data("x".utf8).write(to: url.appendingPathComponent("inside"))
        #expect(throws: (any Error).self) { try AtomicFile.write(chunks: [Array("new".utf8)], to: url) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["taken"])
    }

    @Test func blocksFilledOnSeveralCoresLandInBlockOrder() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("blocks.csv")
        try Data("old".utf8).write(to: url)
        // Blocks of very different sizes (some empty), so that workers finish out of order.
        func block(_ k: Int) -> String {
            k % 7 == 3 ? "" : String(repeating: "block \(k);", count: (k * 7919) % 5000 + 1) + "\n"
        }
        try AtomicFile.write(blockCount: 200, to: url) { k, out in out.appendField(block(k)) }
        var expected: [UInt8] = []
        for k in 0..<200 {
            var one = CSVBuffer(reservingCapacity: 16)
            one.appendField(block(k))
            expected += one.bytes
        }
        #expect(try Data(contentsOf: url) == Data(expected))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["blocks.csv"])
    }

    @Test func blocksIntoAFolderThatDoesNotExistThrowAndCallNothing() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("missing/out.csv")
        #expect(throws: (any Error).self) {
            try AtomicFile.write(blockCount: 3, to: url) { _, out in out.appendField("x") }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }
}
