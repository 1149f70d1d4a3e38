import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads an `.xlsx` back for the tests, independently of the writer: unzips every part with
/// ZIPFoundation, checks each XML part is well formed with XMLParser, and resolves cells.
struct WorkbookReader {
    struct Cell: Equatable {
        var ref: String
        var type: String?
        var style: Int?
        var value: String?
    }

    /// Every entry of the archive by path, unzipped.
    let parts: [String: Data]

    init(_ data: Data) throws {
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [String: Data] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            parts[entry.path] = bytes
        }
        self.parts = parts
    }

    func text(_ path: String) -> String? { parts[path].flatMap { String(data: $0, encoding: .utf8) } }

    /// Parses a part, returning each element as (name, attributes, text content).
    func elements(_ path: String) throws -> [(name: String, attributes: [String: String], text: String)] {
        guard let data = parts[path] else { throw ReadError.missingPart(path) }
        let collector = ElementCollector()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        guard parser.parse() else {
            throw ReadError.malformed(path, parser.parserError.map { "\($0)" } ?? "unknown")
        }
        return collector.elements
    }

    /// Sheet names in workbook order.
    func sheetNames() throws -> [String] {
        try elements("xl/workbook.xml").filter { $0.name == "sheet" }.compactMap { $0.attributes["name"] }
    }

    func sharedStrings() throws -> [String] {
        try elements("xl/sharedStrings.xml").filter { $0.name == "t" }.map(\.text)
    }

    /// Cells of sheet `n` (1-based) by reference (`A1`).
    func cells(sheet n: Int) throws -> [String: Cell] {
        var cells: [String: Cell] = [:]
        var current: Cell?
        for e in try elements("xl/worksheets/sheet\(n).xml") {
            if e.name == "c" {
                if let c = current { cells[c.ref] = c }
                current = Cell(ref: e.attributes["r"] ?? "", type: e.attributes["t"],
                               style: e.attributes["s"].flatMap { Int($0) }, value: nil)
            } else if e.name == "v" {
                current?.value = e.text
            }
        }
        if let c = current { cells[c.ref] = c }
        return cells
    }

    /// The displayed text of a cell: shared strings resolved, other values as stored.
    func resolved(_ cell: Cell?) throws -> String? {
        guard let cell, let v = cell.value else { return nil }
        if cell.type == "s", let i = Int(v) { return try sharedStrings()[i] }
        return v
    }

    enum ReadError: Error { case missingPart(String), malformed(String, String) }

    final class ElementCollector: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String], text: String)] = []
        private var stack: [Int] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            stack.append(elements.count)
            elements.append((name, attributes, ""))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let i = stack.last { elements[i].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            _ = stack.popLast()
        }
    }
}
