/// Walks a Mustache template's tags and reports every variable that the context will not have.
///
/// How: the template text is scanned for `{{…}}` / `{{{…}}}` tags (default delimiters). Comments
/// (`!`) and pragmas (`%`) are skipped. Section tags (`#`, `^`) push a scope: the fields of a list
/// item or object, or the same scope for a flag; `/` pops it (and must match). Every name is then
/// resolved like Mustache does: the first dotted segment is looked up from the innermost scope
/// outwards, later segments inside that object. `.` is accepted inside a list section. Partials
/// (`>`) are checked recursively in the scope where they are included. Set-delimiter tags and
/// inheritance blocks are refused, so nothing can hide from the check. Transforms such as
/// `{{uppercased(name)}}` check the inner name.
public struct TemplateVariableCheck {
    public struct Problem: Error, Equatable, Sendable {
        public var line: Int
        public var column: Int
        public var message: String
        /// The partial (file) the problem is in, when it is not the template itself.
        public var partial: String?
    }

    public let schema: TemplateSchema
    /// Partial templates by name (their text), resolved when included.
    public let partials: [String: String]

    public init(schema: TemplateSchema = .message, partials: [String: String] = [:]) {
        self.schema = schema
        self.partials = partials
    }

    /// The first problem in `text`, or nil when every variable exists.
    public func check(_ text: String) -> Problem? {
        check(text, scopes: [schema], partialName: nil, depth: 0)
    }

    private func check(_ text: String, scopes initial: [TemplateSchema], partialName: String?, depth: Int) -> Problem? {
        var scopes = initial
        var open: [(name: String, line: Int)] = []
        let chars = Array(text.unicodeScalars)
        var i = 0
        var line = 1
        var lineStart = 0
        func problem(_ message: String, at position: Int) -> Problem {
            Problem(line: line, column: position - lineStart + 1, message: message, partial: partialName)
        }
        while i < chars.count {
            if chars[i] == "\n" { line += 1; lineStart = i + 1; i += 1; continue }
            guard chars[i] == "{", i + 1 < chars.count, chars[i + 1] == "{" else { i += 1; continue }
            let tagStart = i
            let triple = i + 2 < chars.count && chars[i + 2] == "{"
            let closer = triple ? "}}}" : "}}"
            var j = i + (triple ? 3 : 2)
            var found = false
            while j + closer.count <= chars.count {
                if String(String.UnicodeScalarView(chars[j..<(j + closer.count)])) == closer { found = true; break }
                j += 1
            }
            guard found else { return problem("unclosed tag", at: tagStart) }
            let inner = String(String.UnicodeScalarView(chars[(i + (triple ? 3 : 2))..<j])).trimmingCharacters(in: .whitespaces)
            let tagLine = line
            // Count newlines inside the tag (multi-line comments).
            for k in i..<j where chars[k] == "\n" { line += 1; lineStart = k + 1 }
            i = j + closer.count
            guard let sigil = inner.first else { return problem("empty tag", at: tagStart) }
            let rest = String(inner.dropFirst()).trimmingCharacters(in: .whitespaces)
            switch sigil {
            case "!", "%":
                continue
            case "=":
                return Problem(line: tagLine, column: tagStart - lineStart + 1, message: "changing delimiters is not supported in Relance templates", partial: partialName)
            case "$", "<":
                return Problem(line: tagLine, column: tagStart - lineStart + 1, message: "template inheritance blocks are not supported in Relance templates", partial: partialName)
            case ">":
                guard let partial = partials[rest] else {
                    return Problem(line: tagLine, column: tagStart - lineStart + 1, message: "unknown partial \(rest)", partial: partialName)
                }
                guard depth < 8 else {
                    return Problem(line: tagLine, column: tagStart - lineStart + 1, message: "partials nested too deeply", partial: partialName)
                }
                if let p = check(partial, scopes: scopes, partialName: rest, depth: depth + 1) { return p }
            case "#", "^":
                let name = Self.stripTransform(rest)
                guard let target = resolve(name, in: scopes) else {
                    return Problem(line: tagLine, column: tagStart - lineStart + 1, message: "unknown variable \(name)", partial: partialName)
                }
                open.append((name, tagLine))
                switch target {
                case .list(let fields) where sigil == "#": scopes.append(.object(fields))
                case .object(let fields) where sigil == "#": scopes.append(.object(fields))
                default: scopes.append(.object([:]))  // flag or value: same names visible, nothing new
                }
            case "/":
                let name = Self.stripTransform(rest)
                guard let last = open.popLast(), last.name == name else {
                    return Problem(line: tagLine, column: tagStart - lineStart + 1, message: "closing \(name) does not match an open section", partial: partialName)
                }
                scopes.removeLast()
            default:
                let name = Self.stripTransform(sigil == "&" || sigil == "{" ? rest : inner)
                if name == "." {
                    guard open.count > 0 else {
                        return Problem(line: tagLine, column: tagStart - lineStart + 1, message: "{{.}} used outside a section", partial: partialName)
                    }
                    continue
                }
                guard let target = resolve(name, in: scopes) else {
                    return Problem(line: tagLine, column: tagStart - lineStart + 1, message: "unknown variable \(name)", partial: partialName)
                }
                if case .list = target {
                    return Problem(line: tagLine, column: tagStart - lineStart + 1, message: "\(name) is a list: use {{#\(name)}}…{{/\(name)}}", partial: partialName)
                }
                if case .object = target {
                    return Problem(line: tagLine, column: tagStart - lineStart + 1, message: "\(name) is an object: name one of its fields", partial: partialName)
                }
            }
        }
        if let unclosed = open.last {
            return Problem(line: unclosed.line, column: 1, message: "section \(unclosed.name) is never closed", partial: partialName)
        }
        return nil
    }

    private func resolve(_ name: String, in scopes: [TemplateSchema]) -> TemplateSchema? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, !first.isEmpty else { return nil }
        for scope in scopes.reversed() {
            guard var node = scope.fields?[first] else { continue }
            for part in parts.dropFirst() {
                guard let next = node.fields?[part] else { return nil }
                node = next
            }
            return node
        }
        return nil
    }

    /// `uppercased(name)` → `name`.
    static func stripTransform(_ s: String) -> String {
        guard let open = s.firstIndex(of: "("), s.hasSuffix(")") else { return s }
        return String(s[s.index(after: open)..<s.index(before: s.endIndex)]).trimmingCharacters(in: .whitespaces)
    }
}
