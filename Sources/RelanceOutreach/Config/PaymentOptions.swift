/// The ways to pay offered in messages (`[payment]` in `relance.toml`).
///
/// `linkTemplate` is a card/online payment URL pattern from the user's provider (Stripe, PayPal,
/// PayPlug…) where `{invoice_id}`, `{customer_id}` and `{amount}` are replaced per invoice.
/// Empty fields are simply not offered.
public struct PaymentOptions: Sendable, Equatable {
    public var linkTemplate: String
    public var accountHolder: String
    public var iban: String
    public var bic: String
    /// SEPA/ACH direct-debit sign-up page.
    public var directDebitLink: String

    public init(linkTemplate: String = "", accountHolder: String = "", iban: String = "", bic: String = "", directDebitLink: String = "") {
        self.linkTemplate = linkTemplate
        self.accountHolder = accountHolder
        self.iban = iban
        self.bic = bic
        self.directDebitLink = directDebitLink
    }

    /// The payment link for one invoice, or "" when no link template is configured.
    public func link(invoiceId: String, customerId: String, amount: Double) -> String {
        guard !linkTemplate.isEmpty else { return "" }
        return linkTemplate
            .replacingOccurrences(of: "{invoice_id}", with: percentEncoded(invoiceId))
            .replacingOccurrences(of: "{customer_id}", with: percentEncoded(customerId))
            .replacingOccurrences(of: "{amount}", with: String(format: "%.2f", amount))
    }

    private func percentEncoded(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            let c = Character(Unicode.Scalar(b))
            if (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || "-_.~".contains(c) {
                out.append(c)
            } else {
                out += String(format: "%%%02X", b)
            }
        }
        return out
    }
}
