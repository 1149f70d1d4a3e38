import Foundation
import RelanceData
import TOMLKit

extension OutreachConfig {
    /// Reads and validates `relance.toml`.
    ///
    /// Strict on purpose: a misspelt key would otherwise silently fall back to a default and change
    /// how customers are contacted. Unknown tables or keys, wrong value types, invalid TOML and
    /// missing required keys (`[company] name, sender_email`, `[contact] name, phone, email`) are
    /// reported as ``OutreachConfigError`` with the file and line.
    public static func load(from url: URL) throws -> OutreachConfig {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw OutreachConfigError(file: url.path, line: 0, problem: "cannot read the configuration file")
        }
        return try parse(text, file: url.path)
    }

    /// Parses configuration text; `file` only labels errors.
    public static func parse(_ text: String, file: String) throws -> OutreachConfig {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw OutreachConfigError(file: file, line: e.source.begin.line, column: e.source.begin.column,
                                      problem: "invalid TOML: \(e.description)")
        }
        let locator = TOMLKeyLocator(text: text)
        var config = OutreachConfig(
            company: CompanyProfile(name: "", senderEmail: ""), contact: HumanContact(name: "", phone: "", email: ""))
        var seen: Set<String> = []

        for (section, value) in root {
            guard let fields = schema[section] else {
                throw OutreachConfigError(file: file, line: locator.line(section: section, key: nil), problem:
                    "unknown table [\(section)]; expected one of \(schema.keys.sorted().map { "[\($0)]" }.joined(separator: ", "))")
            }
            guard let table = value.table else {
                throw OutreachConfigError(file: file, line: locator.line(section: nil, key: section), problem: "\(section) must be a table")
            }
            for (key, v) in table {
                guard let field = fields[key] else {
                    throw OutreachConfigError(file: file, line: locator.line(section: section, key: key), problem:
                        "unknown key \(key) in [\(section)]; expected one of \(fields.keys.sorted().joined(separator: ", "))")
                }
                do {
                    try field(&config, v.tomlValue)
                } catch let problem as FieldProblem {
                    throw OutreachConfigError(file: file, line: locator.line(section: section, key: key),
                                              problem: "[\(section)] \(key): \(problem.text)")
                }
                seen.insert("\(section).\(key)")
            }
        }
        for required in ["company.name", "company.sender_email", "contact.name", "contact.phone", "contact.email"] where !seen.contains(required) {
            let parts = required.split(separator: ".").map(String.init)
            throw OutreachConfigError(file: file, line: locator.line(section: parts[0], key: nil),
                                      problem: "missing required key \(parts[1]) in [\(parts[0])]")
        }
        return config
    }

    struct FieldProblem: Error { var text: String }
    typealias Field = (inout OutreachConfig, TOMLValue) throws -> Void

    private static func string(_ set: @escaping (inout OutreachConfig, String) -> Void) -> Field {
        { c, v in
            guard let s = v.string else { throw FieldProblem(text: "expected a string, found \(v.type)") }
            set(&c, s)
        }
    }
    /// A string, or a table of strings by language tag (`default` = for other languages).
    private static func localized(_ set: @escaping (inout OutreachConfig, LocalizedText) -> Void) -> Field {
        { c, v in
            if let s = v.string { set(&c, LocalizedText(s)); return }
            guard let table = v.table else {
                throw FieldProblem(text: "expected a string or a table by language such as { fr = \"…\", en = \"…\" }, found \(v.type)")
            }
            var fallback = ""
            var byLanguage: [String: String] = [:]
            for (language, value) in table {
                guard let s = value.tomlValue.string else {
                    throw FieldProblem(text: "\(language): expected a string, found \(value.tomlValue.type)")
                }
                if language == "default" {
                    fallback = s
                } else {
                    guard language.count >= 2, language.count <= 35, language.first?.isLetter == true,
                          language.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                        throw FieldProblem(text: "\"\(language)\" is not a language tag (expected fr, en, fr-BE, … or default)")
                    }
                    byLanguage[language] = s
                }
            }
            set(&c, LocalizedText(fallback, byLanguage: byLanguage))
        }
    }
    private static func int(_ range: ClosedRange<Int>, _ set: @escaping (inout OutreachConfig, Int) -> Void) -> Field {
        { c, v in
            guard let i = v.int else { throw FieldProblem(text: "expected an integer, found \(v.type)") }
            guard range.contains(i) else { throw FieldProblem(text: "\(i) is outside \(range.lowerBound)...\(range.upperBound)") }
            set(&c, i)
        }
    }
    private static func number(_ range: ClosedRange<Double>, _ set: @escaping (inout OutreachConfig, Double) -> Void) -> Field {
        { c, v in
            let d: Double
            if let x = v.double { d = x } else if let i = v.int { d = Double(i) } else {
                throw FieldProblem(text: "expected a number, found \(v.type)")
            }
            guard range.contains(d) else { throw FieldProblem(text: "\(d) is outside \(range.lowerBound)...\(range.upperBound)") }
            set(&c, d)
        }
    }
    private static func bool(_ set: @escaping (inout OutreachConfig, Bool) -> Void) -> Field {
        { c, v in
            guard let b = v.bool else { throw FieldProblem(text: "expected true or false, found \(v.type)") }
            set(&c, b)
        }
    }
    private static let holidays: Field = { c, v in
        guard let array = v.array else { throw FieldProblem(text: "expected an array of dates, found \(v.type)") }
        var days: Set<Day> = []
        for item in array {
            let value = item.tomlValue
            if let d = value.date, let day = Day(year: d.year, month: Int(d.month), day: Int(d.day)) {
                days.insert(day)
            } else if let s = value.string, let day = Day(iso: s) {
                days.insert(day)
            } else {
                throw FieldProblem(text: "expected dates (2026-12-25 or \"2026-12-25\"), found \(value.type)")
            }
        }
        c.policy.holidays = days
    }

    /// Every accepted key, by table. The starter file written by `relance init` lists them all.
    static let schema: [String: [String: Field]] = [
        "company": [
            "name": string { $0.company.name = $1 },
            "logo_url": string { $0.company.logoURL = $1 },
            "brand_colour": string { $0.company.brandColour = $1 },
            "sender_email": string { $0.company.senderEmail = $1 },
            "signature": localized { $0.company.localizedSignature = $1 },
        ],
        "contact": [
            "name": string { $0.contact.name = $1 },
            "phone": string { $0.contact.phone = $1 },
            "email": string { $0.contact.email = $1 },
            "hours": localized { $0.contact.localizedHours = $1 },
        ],
        "payment": [
            "link_template": string { $0.payment.linkTemplate = $1 },
            "account_holder": string { $0.payment.accountHolder = $1 },
            "iban": string { $0.payment.iban = $1 },
            "bic": string { $0.payment.bic = $1 },
            "direct_debit_link": string { $0.payment.directDebitLink = $1 },
        ],
        "messages": [
            "default_language": string { $0.defaultLanguage = $1.lowercased() },
            "templates_dir": string { $0.templatesDirectory = $1 },
        ],
        "policy": [
            "min_days_between_contacts": int(0...365) { $0.policy.minDaysBetweenContacts = $1 },
            "pre_due_days": int(0...60) { $0.policy.preDueDays = $1 },
            "max_reminders_per_invoice": int(0...50) { $0.policy.maxRemindersPerInvoice = $1 },
            "pre_due_p_late_threshold": number(0...1) { $0.policy.preDuePLateThreshold = $1 },
            "response_window_days": int(0...365) { $0.policy.responseWindowDays = $1 },
            "no_response_call_days": int(0...365) { $0.policy.noResponseCallDays = $1 },
            "call_priority_threshold": number(0...1e15) { $0.policy.callPriorityThreshold = $1 },
            "large_balance": number(0...1e15) { $0.policy.largeBalance = $1 },
            "grace_days": int(0...365) { $0.policy.graceDays = $1 },
            "thank_you_min_days": int(0...3650) { $0.policy.thankYouMinDays = $1 },
            "thank_you_window_days": int(0...365) { $0.policy.thankYouWindowDays = $1 },
            "payment_plan_offer_interval_days": int(0...3650) { $0.policy.paymentPlanOfferIntervalDays = $1 },
            "max_instalments": int(2...60) { $0.policy.maxInstalments = $1 },
            "min_instalment": number(0...1e15) { $0.policy.minInstalment = $1 },
            "new_customer_days": int(0...3650) { $0.policy.newCustomerDays = $1 },
            "promise_default_days": int(0...365) { $0.policy.promiseDefaultDays = $1 },
            "payment_plan_hold_days": int(0...3650) { $0.policy.paymentPlanHoldDays = $1 },
            "contact_on_weekends": bool { $0.policy.contactOnWeekends = $1 },
            "holidays": holidays,
        ],
        "daily": dailyTable,
    ]
}

/// Finds the line of a `[section]` header or of a `key =` inside a section, for error messages.
///
/// TOMLKit does not expose source positions of parsed keys, so this scans the text: it tracks the
/// current `[table]` header and matches bare or quoted keys at the start of a line. Good enough
/// for the flat two-level files Relance reads; falls back to the section header, then line 1.
struct TOMLKeyLocator {
    let lines: [Substring]

    init(text: String) { lines = text.split(separator: "\n", omittingEmptySubsequences: false) }

    func line(section: String?, key: String?) -> Int {
        var current: String? = nil
        var headerLine: Int? = nil
        for (i, raw) in lines.enumerated() {
            let t = raw.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("[") {
                let name = t.drop(while: { $0 == "[" }).prefix(while: { $0 != "]" }).trimmingCharacters(in: .whitespaces)
                current = name
                if name == section { headerLine = i + 1 }
                if key == nil, name == section { return i + 1 }
                continue
            }
            guard let key, current == section || (section == nil && current == nil) else { continue }
            for candidate in [key, "\"\(key)\""] where t.hasPrefix(candidate) {
                let rest = t.dropFirst(candidate.count).trimmingCharacters(in: .whitespaces)
                if rest.hasPrefix("=") { return i + 1 }
            }
        }
        return headerLine ?? 1
    }
}
