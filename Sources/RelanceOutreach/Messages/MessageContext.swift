import Foundation
import RelanceData

/// Builds the values a template sees for one decision (keys: ``TemplateSchema/message``).
///
/// Only what may be shared with the customer goes in: their own invoices, shareable reasons worded
/// by ``ShareableReasonText``, the date of their latest support contact or promise (never the
/// note), the payment options and the human contact. Nothing about scores or anomaly flags.
public enum MessageContext {
    public static func make(decision: Decision, situation s: CustomerSituation, config: OutreachConfig, language: String) -> [String: Any] {
        let lang = language
        let asOf = decision.day
        let covered = Set(decision.invoiceIds)
        let invoices: [[String: Any]]
        let total: Double
        let currency: String
        if decision.action == .thankYou {
            let paid = s.recentPayments.filter { covered.contains($0.invoiceId) }
            currency = paid.first?.currency ?? ""
            total = paid.reduce(0) { $0 + $1.amount }
            invoices = paid.map { p in
                ["id": p.invoiceId, "amount": MessageFormat.amount(p.amount, currency: p.currency, language: lang),
                 "currency": p.currency, "issue_date": "", "due_date": MessageFormat.date(p.dueDate, language: lang),
                 "is_overdue": false, "days_overdue": "0", "overdue_one_day": false, "days_until_due": "0", "payment_link": "", "has_payment_link": false]
            }
        } else {
            let open = s.openInvoices.filter { covered.contains($0.invoiceId) }
            currency = open.first?.currency ?? ""
            total = open.reduce(0) { $0 + $1.amount }
            invoices = open.map { inv in
                let link = config.payment.link(invoiceId: inv.invoiceId, customerId: s.customerId, amount: inv.amount)
                return ["id": inv.invoiceId, "amount": MessageFormat.amount(inv.amount, currency: inv.currency, language: lang),
                        "currency": inv.currency, "issue_date": MessageFormat.date(inv.issueDate, language: lang),
                        "due_date": MessageFormat.date(inv.dueDate, language: lang),
                        "is_overdue": inv.daysOverdue > config.policy.graceDays, "days_overdue": String(max(inv.daysOverdue, 0)), "overdue_one_day": inv.daysOverdue == 1,
                        "days_until_due": String(max(-inv.daysOverdue, 0)), "payment_link": link, "has_payment_link": !link.isEmpty]
            }
        }
        var reasons: [[String: Any]] = []
        var seen: Set<String> = []
        // Facts are worded only for a message about a single invoice: scoring states them per
        // invoice ("the due date passed 12 days ago", "2 other invoices are overdue"), so in a
        // message listing several invoices they would repeat or contradict the list itself.
        let coveredOpen = s.openInvoices.filter { covered.contains($0.invoiceId) }
        for inv in coveredOpen where coveredOpen.count == 1 {
            for r in inv.shareableReasons where r.shareableWithCustomer {
                guard let text = ShareableReasonText.text(for: r, language: lang), seen.insert(r.code).inserted else { continue }
                reasons.append(["code": r.code, "text": text])
            }
        }
        let segment = decision.segment
        let sinceYear = s.customerSince.map { String($0.civil.year) } ?? ""
        let pay = config.payment
        let hasTransfer = !pay.iban.isEmpty
        var plan: [String: Any] = ["count": "0", "total": "", "instalments": [[String: Any]]()]
        if let p = decision.paymentPlan {
            plan = ["count": String(p.instalments.count),
                    "total": MessageFormat.amount(p.total, currency: p.currency, language: lang),
                    "instalments": p.instalments.enumerated().map { k, i in
                        ["number": String(k + 1), "date": MessageFormat.date(i.day, language: lang),
                         "amount": MessageFormat.amount(i.amount, currency: p.currency, language: lang)] as [String: Any]
                    }]
        }
        // The latest promise to pay, if made in the last 60 days (a pending one holds messages, so
        // in practice templates see promises that fell due without payment).
        // Only a recent exchange is worth mentioning ("following our conversation of …").
        let recentSupport = s.lastSupportContactDay.map { asOf - $0 <= 30 } ?? false
        let recentPromise = s.promiseMadeDay.map { asOf - $0 <= 60 } ?? false
        let hours = config.contact.localizedHours.text(for: lang)
        return [
            "language": lang,
            "subject": "",
            "action": decision.action.rawValue,
            "tone": decision.tone?.rawValue ?? "",
            "as_of": MessageFormat.date(asOf, language: lang),
            "company": ["name": config.company.name, "logo_url": config.company.logoURL, "has_logo": !config.company.logoURL.isEmpty,
                        "brand_colour": config.company.brandColour, "sender_email": config.company.senderEmail,
                        "signature": config.company.localizedSignature.text(for: lang)] as [String: Any],
            "contact": ["name": config.contact.name, "phone": config.contact.phone, "email": config.contact.email,
                        "hours": hours, "has_hours": !hours.isEmpty] as [String: Any],
            "customer": ["id": s.customerId, "name": s.name, "contact_name": s.contactName,
                         "greeting_name": s.contactName.isEmpty ? s.name : s.contactName, "since_year": sinceYear] as [String: Any],
            "is_new_customer": segment == .newCustomer,
            "is_long_standing": s.customerSince.map { asOf - $0 >= 3 * 365 } ?? false,
            "segment": segment.rawValue,
            "invoices": invoices,
            "invoice_count": String(invoices.count),
            "several_invoices": invoices.count > 1,
            "total": MessageFormat.amount(total, currency: currency, language: lang),
            "currency": currency,
            "payment": ["has_any": !pay.linkTemplate.isEmpty || hasTransfer || !pay.directDebitLink.isEmpty,
                        "has_link": !pay.linkTemplate.isEmpty, "has_transfer": hasTransfer, "account_holder": pay.accountHolder,
                        "iban": pay.iban, "bic": pay.bic, "has_bic": !pay.bic.isEmpty,
                        "has_direct_debit": !pay.directDebitLink.isEmpty, "direct_debit_link": pay.directDebitLink] as [String: Any],
            "reasons": reasons,
            "has_reasons": !reasons.isEmpty,
            "has_support_contact": recentSupport,
            "support_contact_date": recentSupport ? s.lastSupportContactDay.map { MessageFormat.date($0, language: lang) } ?? "" : "",
            "has_promise": recentPromise,
            "promise_date": recentPromise ? s.promisedPaymentDay.map { MessageFormat.date($0, language: lang) } ?? "" : "",
            "has_plan": decision.paymentPlan != nil,
            "plan": plan,
            "paragraphs": [[String: Any]](),
        ]
    }
}
