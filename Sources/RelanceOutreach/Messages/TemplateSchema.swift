/// The variables a message template may use, as a tree: the single source of truth shared by the
/// context builder (``MessageContext``) and the template check (``TemplateVariableCheck``).
///
/// swift-mustache renders an unknown variable as an empty string, which would send a customer a
/// message with holes in it. So before anything is rendered, every tag of every template is
/// walked against this tree; a test asserts that the contexts actually built have exactly these keys.
public indirect enum TemplateSchema: Sendable, Equatable {
    /// A text value (`{{customer.name}}`).
    case value
    /// A true/false flag, for `{{#flag}}…{{/flag}}` and `{{^flag}}…{{/flag}}`.
    case flag
    /// A nested object (`{{company.name}}`, or a section `{{#company}}…{{/company}}`).
    case object([String: TemplateSchema])
    /// A list of objects, iterated by a section (`{{#invoices}}{{id}}{{/invoices}}`).
    case list([String: TemplateSchema])

    /// Fields of an object or list item; nil for values and flags.
    var fields: [String: TemplateSchema]? {
        switch self {
        case .object(let f), .list(let f): return f
        case .value, .flag: return nil
        }
    }

    /// Every variable of a message context, with its meaning documented in README/docs.
    public static let message: TemplateSchema = .object([
        "language": .value,            // template language actually used (fr, en)
        "subject": .value,             // rendered subject (HTML layout only)
        "action": .value,              // thank_you, pre_due_reminder, …
        "tone": .value,                // friendly, clear, firm, or empty
        "as_of": .value,               // planning day, formatted in the language
        "company": .object([
            "name": .value, "logo_url": .value, "has_logo": .flag, "brand_colour": .value,
            "sender_email": .value, "signature": .value,
        ]),
        "contact": .object(["name": .value, "phone": .value, "email": .value, "hours": .value, "has_hours": .flag]),
        "customer": .object([
            "id": .value, "name": .value, "contact_name": .value,
            "greeting_name": .value,   // contact name, else company name
            "since_year": .value,
        ]),
        "is_new_customer": .flag,
        "is_long_standing": .flag,     // customer for 3 years or more
        "segment": .value,
        "invoices": .list([
            "id": .value, "amount": .value, "currency": .value, "issue_date": .value, "due_date": .value,
            "is_overdue": .flag, "days_overdue": .value, "overdue_one_day": .flag, "days_until_due": .value,
            "payment_link": .value, "has_payment_link": .flag,
        ]),
        "invoice_count": .value,
        "several_invoices": .flag,
        "total": .value,
        "currency": .value,
        "payment": .object([
            "has_any": .flag, "has_link": .flag, "has_transfer": .flag, "account_holder": .value, "iban": .value,
            "bic": .value, "has_bic": .flag, "has_direct_debit": .flag, "direct_debit_link": .value,
        ]),
        "reasons": .list(["code": .value, "text": .value]),
        "has_reasons": .flag,
        "has_support_contact": .flag,
        "support_contact_date": .value,
        "has_promise": .flag,
        "promise_date": .value,
        "has_plan": .flag,
        "plan": .object([
            "count": .value, "total": .value,
            "instalments": .list(["number": .value, "date": .value, "amount": .value]),
        ]),
        // HTML layout only: the text body split into paragraphs of lines.
        "paragraphs": .list(["lines": .list(["text": .value, "last": .flag])]),
    ])
}
