import Foundation
import Mustache

/// The user-editable Mustache templates, per language (`templates/<lang>/<name>.mustache`), parsed
/// and checked before anything is rendered.
///
/// Each message kind has one file whose first line is `Subject: …`, followed by a blank line and
/// the plain-text body; `layout.html.mustache` wraps that body (split into paragraphs) into the
/// branded HTML part. Other files are partials (`{{> invoices}}`, `{{> payment_options}}`,
/// `{{> contact}}`). Text templates render without HTML escaping; the HTML layout escapes.
///
/// Loading refuses, with `file:line: column`, any template that does not parse, names a variable
/// the context does not have (see ``TemplateVariableCheck``), includes an unknown partial, or
/// lacks its `Subject:` line. ``requireLanguages(_:)`` refuses a language in use without every
/// message kind and the layout.
public struct MessageTemplates: Sendable {
    /// Message kinds, one template each: `thank_you`, `pre_due_reminder`,
    /// `overdue_reminder_{friendly,clear,firm}`, `payment_plan_offer`.
    public static let messageNames: [String] = [
        "thank_you", "pre_due_reminder", "overdue_reminder_friendly", "overdue_reminder_clear",
        "overdue_reminder_firm", "payment_plan_offer",
    ]
    public static let layoutName = "layout.html"
    /// On its own line: a standalone tag, removed from the output. (Glued to line 1 it would stop a
    /// section tag there from being standalone and leave blank lines in lists.)
    static let textPragma = "{{% CONTENT_TYPE: TEXT}}\n"

    struct LanguagePack: Sendable {
        var folder: URL
        var library: MustacheLibrary
        var names: Set<String>
    }

    let packs: [String: LanguagePack]
    /// Folder the templates were read from (for error messages).
    public let directory: URL

    /// Languages that have a folder of templates.
    public var languages: Set<String> { Set(packs.keys) }

    /// Template name for a messaging decision, or nil for actions that send nothing.
    public static func templateName(for action: OutreachAction, tone: Tone?) -> String? {
        switch action {
        case .thankYou: return "thank_you"
        case .preDueReminder: return "pre_due_reminder"
        case .overdueReminder: return "overdue_reminder_\((tone ?? .friendly).rawValue)"
        case .paymentPlanOffer: return "payment_plan_offer"
        case .call, .hold, .none: return nil
        }
    }

    /// Reads and checks every `*.mustache` file under `directory/<lang>/`.
    public static func load(directory: URL) throws -> MessageTemplates {
        let fm = FileManager.default
        guard let langs = try? fm.contentsOfDirectory(atPath: directory.path) else {
            throw OutreachConfigError(file: directory.path, line: 0, problem: "templates folder not found")
        }
        var packs: [String: LanguagePack] = [:]
        for lang in langs.sorted() where !lang.hasPrefix(".") {
            let folder = directory.appendingPathComponent(lang)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: folder.path, isDirectory: &isDir), isDir.boolValue else { continue }
            let files = ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".mustache") }.sorted()
            var texts: [String: String] = [:]
            for f in files {
                let url = folder.appendingPathComponent(f)
                guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                    throw OutreachConfigError(file: url.path, line: 0, problem: "cannot read template (UTF-8 expected)")
                }
                texts[String(f.dropLast(".mustache".count))] = text
            }
            packs[lang.lowercased()] = try pack(texts: texts, folder: folder)
        }
        return MessageTemplates(packs: packs, directory: directory)
    }

    /// Builds templates from in-memory texts (name → text) per language; same checks as ``load(directory:)``.
    public static func make(_ languages: [String: [String: String]], directory: URL = URL(fileURLWithPath: "templates")) throws -> MessageTemplates {
        var packs: [String: LanguagePack] = [:]
        for (lang, texts) in languages {
            packs[lang] = try pack(texts: texts, folder: directory.appendingPathComponent(lang))
        }
        return MessageTemplates(packs: packs, directory: directory)
    }

    private static func pack(texts: [String: String], folder: URL) throws -> LanguagePack {
        let partials = texts.filter { !messageNames.contains($0.key) && $0.key != layoutName }
        let check = TemplateVariableCheck(partials: partials)
        var library = MustacheLibrary()
        for (name, text) in texts.sorted(by: { $0.key < $1.key }) {
            let file = folder.appendingPathComponent(name + ".mustache").path
            let isHTML = name == layoutName
            let source = isHTML ? text : textPragma + text
            do {
                library.register(try MustacheTemplate(string: source), named: name)
            } catch let e as MustacheTemplate.ParserError {
                let line = isHTML ? e.context.lineNumber : max(1, e.context.lineNumber - 1)
                throw OutreachConfigError(file: file, line: line, column: e.context.columnNumber, problem: "template does not parse: \(e.error)")
            }
            if let p = check.check(text) {
                let where_ = p.partial.map { folder.appendingPathComponent($0 + ".mustache").path } ?? file
                throw OutreachConfigError(file: where_, line: p.line, column: p.column, problem: p.message)
            }
            if messageNames.contains(name) {
                let first = text.prefix { $0 != "\n" }
                guard first.hasPrefix("Subject:") else {
                    throw OutreachConfigError(file: file, line: 1, problem: "a message template starts with a \"Subject: …\" line")
                }
            }
        }
        return LanguagePack(folder: folder, library: library, names: Set(texts.keys))
    }

    /// Refuses a language in use that lacks a message kind or the HTML layout.
    public func requireLanguages(_ languages: Set<String>) throws {
        for lang in languages.sorted() {
            guard let pack = packs[lang] else {
                throw OutreachConfigError(file: directory.appendingPathComponent(lang).path, line: 0,
                                          problem: "no templates for language \(lang), which is in use")
            }
            for name in Self.messageNames + [Self.layoutName] where !pack.names.contains(name) {
                throw OutreachConfigError(file: pack.folder.appendingPathComponent(name + ".mustache").path, line: 0,
                                          problem: "missing template \(name) for language \(lang)")
            }
        }
    }

    func render(_ name: String, language: String, context: [String: Any]) -> String? {
        packs[language]?.library.render(context, withTemplate: name)
    }
}
