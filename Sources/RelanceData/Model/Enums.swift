/// How an invoice was (or is expected to be) paid. Raw values are the canonical CSV labels.
public enum PaymentMethod: UInt8, CaseIterable, Sendable, Codable {
    case unknown = 0, card, transfer, directDebit, cheque, other

    /// The canonical CSV label (`direct_debit`, …); `unknown` is the empty field.
    public var label: String {
        switch self {
        case .unknown: return ""
        case .card: return "card"
        case .transfer: return "transfer"
        case .directDebit: return "direct_debit"
        case .cheque: return "cheque"
        case .other: return "other"
        }
    }

    public init?(label: String) {
        guard let m = PaymentMethod.allCases.first(where: { $0.label == label }) else { return nil }
        self = m
    }
}

/// How the invoice reached the customer.
public enum InvoiceChannel: UInt8, CaseIterable, Sendable, Codable {
    case unknown = 0, electronic, paper

    public var label: String {
        switch self {
        case .unknown: return ""
        case .electronic: return "electronic"
        case .paper: return "paper"
        }
    }

    public init?(label: String) {
        guard let m = InvoiceChannel.allCases.first(where: { $0.label == label }) else { return nil }
        self = m
    }
}

/// A customer's preferred contact channel.
public enum ContactChannel: UInt8, CaseIterable, Sendable, Codable {
    case unknown = 0, email, sms, phone, letter

    public var label: String {
        switch self {
        case .unknown: return ""
        case .email: return "email"
        case .sms: return "sms"
        case .phone: return "phone"
        case .letter: return "letter"
        }
    }

    public init?(label: String) {
        guard let m = ContactChannel.allCases.first(where: { $0.label == label }) else { return nil }
        self = m
    }
}

/// The kinds of interaction recorded in `events.csv`.
public enum EventKind: UInt8, CaseIterable, Sendable, Codable {
    case reminderSent = 0, reminderOpened, reminderBounced, call, promiseToPay, disputeOpened,
         disputeResolved, supportContact, paymentPlanAgreed, hardshipReported

    public var label: String {
        switch self {
        case .reminderSent: return "reminder_sent"
        case .reminderOpened: return "reminder_opened"
        case .reminderBounced: return "reminder_bounced"
        case .call: return "call"
        case .promiseToPay: return "promise_to_pay"
        case .disputeOpened: return "dispute_opened"
        case .disputeResolved: return "dispute_resolved"
        case .supportContact: return "support_contact"
        case .paymentPlanAgreed: return "payment_plan_agreed"
        case .hardshipReported: return "hardship_reported"
        }
    }

    public init?(label: String) {
        guard let m = EventKind.allCases.first(where: { $0.label == label }) else { return nil }
        self = m
    }
}
