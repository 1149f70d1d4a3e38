import Foundation
import RelanceData

/// Renders a messaging decision into subject, text, HTML and a MIME message.
///
/// The text template is rendered first; its first line is the subject, the rest the body. The
/// HTML part is `layout.html.mustache` given the same context plus the subject and the body split
/// into paragraphs (blank lines) of lines, HTML-escaped by Mustache.
public struct MessageRenderer: Sendable {
    public let templates: MessageTemplates
    public let config: OutreachConfig

    public init(templates: MessageTemplates, config: OutreachConfig) {
        self.templates = templates
        self.config = config
    }

    public enum RenderError: Error, CustomStringConvertible {
        case noTemplate(customerId: String, language: String, template: String)
        case emptySubject(customerId: String, template: String)

        public var description: String {
            switch self {
            case let .noTemplate(c, l, t): return "customer \(c): no template \(t) for language \(l)"
            case let .emptySubject(c, t): return "customer \(c): template \(t) rendered an empty subject"
            }
        }
    }

    /// The language used for a customer.
    public func language(for s: CustomerSituation) -> String {
        LanguageSelection.choose(tag: s.language, available: templates.languages, defaultLanguage: config.defaultLanguage)
    }

    /// Renders a decision whose action sends a message; nil for other actions.
    public func render(_ decision: Decision, situation: CustomerSituation) throws -> RenderedMessage? {
        guard decision.action.sendsMessage,
              let name = MessageTemplates.templateName(for: decision.action, tone: decision.tone) else { return nil }
        let lang = language(for: situation)
        var context = MessageContext.make(decision: decision, situation: situation, config: config, language: lang)
        guard let rendered = templates.render(name, language: lang, context: context) else {
            throw RenderError.noTemplate(customerId: decision.customerId, language: lang, template: name)
        }
        let firstBreak = rendered.firstIndex(of: "\n") ?? rendered.endIndex
        let subject = String(rendered[..<firstBreak].dropFirst("Subject:".count)).trimmingCharacters(in: .whitespaces)
        guard !subject.isEmpty else { throw RenderError.emptySubject(customerId: decision.customerId, template: name) }
        let body = Self.tidy(String(rendered[firstBreak...]))
        context["subject"] = subject
        context["paragraphs"] = Self.paragraphs(body)
        guard let html = templates.render(MessageTemplates.layoutName, language: lang, context: context) else {
            throw RenderError.noTemplate(customerId: decision.customerId, language: lang, template: MessageTemplates.layoutName)
        }
        let idHash = StableHash.hex([decision.day.iso, decision.customerId, decision.action.rawValue, decision.tone?.rawValue ?? "",
                                     decision.invoiceIds.joined(separator: ",")])
        let domain = config.company.senderEmail.split(separator: "@").last.map(String.init) ?? "relance.invalid"
        let mime = MIMEMessage(
            fromName: config.company.name, fromAddress: config.company.senderEmail,
            toName: situation.contactName.isEmpty ? situation.name : situation.contactName, toAddress: situation.email,
            replyToName: config.contact.name, replyToAddress: config.contact.email,
            subject: subject, day: decision.day, messageId: "relance.\(idHash)@\(domain)", text: body, html: html,
            extraHeaders: [("X-Relance-Action", decision.action.rawValue), ("X-Relance-Tone", decision.tone?.rawValue ?? "none")])
        let safeId = String(decision.customerId.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "_" }.prefix(40))
        return RenderedMessage(customerId: decision.customerId, language: lang, template: name, subject: subject, text: body,
                               html: html, mime: mime, fileName: "\(decision.day.iso)_\(safeId)_\(idHash.prefix(8)).eml")
    }

    /// Trims leading blank lines and collapses runs of blank lines left by empty sections.
    static func tidy(_ body: String) -> String {
        var out: [Substring] = []
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let blank = line.allSatisfy { $0 == " " || $0 == "\t" }
            if blank && (out.isEmpty || out.last!.isEmpty) { continue }
            out.append(blank ? "" : line)
        }
        while out.last?.isEmpty == true { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

    static func paragraphs(_ body: String) -> [[String: Any]] {
        body.components(separatedBy: "\n\n").compactMap { block in
            let lines = block.split(separator: "\n").map(String.init)
            guard !lines.isEmpty else { return nil }
            return ["lines": lines.enumerated().map { k, l in ["text": l, "last": k == lines.count - 1] as [String: Any] }]
        }
    }
}
