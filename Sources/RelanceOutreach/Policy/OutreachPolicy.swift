import RelanceData

/// The contact policy as a pure function: one decision per customer per day.
///
/// No I/O: the caller passes the customer's situation, the contacts already made (ledger and
/// imported events) and the configuration; the same inputs always give the same decision, so the
/// policy can be read, tested on constructed histories and replayed over days (`--days N`).
///
/// Rules, in order (the first that applies decides):
/// 1. **Opted out**: never messaged. Overdue invoices go to a person (`call`), otherwise `hold`.
///    Calls still respect contact days and the minimum interval.
/// 2. **Holds**: open dispute; active payment plan (agreed within `payment_plan_hold_days`);
///    promise to pay not yet due.
/// 3. **Nothing open**: a thank-you if eligible (below), else `none`.
/// 4. **Weekend or holiday** (unless `contact_on_weekends`): `none`.
/// 5. **Minimum interval**: a contact (message or call) less than `min_days_between_contacts`
///    days ago means `hold`.
/// 6. **Paid since the last reminder** (within `response_window_days` of the payment): a thank-you
///    if eligible, else `none` — never a reminder.
/// 7. **Thank-you**: nothing overdue, reliable payer, an invoice paid on time within
///    `thank_you_window_days` not yet thanked, no thank-you in the last `thank_you_min_days`.
/// 8. **Calls** (something overdue): the customer asked for a person; the last reminder bounced;
///    an anomaly flag; expected late amount ≥ `call_priority_threshold`; no response
///    `no_response_call_days` after a firm reminder; every overdue invoice at the reminder cap.
/// 9. **Payment plan offer**: overdue and in difficulty, or chronic late with a balance ≥
///    `large_balance`; at most once per `payment_plan_offer_interval_days`.
/// 10. **Overdue reminder** on the ladder friendly → clear → firm: first reminder friendly (clear
///     for chronic late payers). Each reminder gets a full `response_window_days`: no further
///     reminder before it ends unless the customer answered (`hold`, `awaiting_response`). After
///     an unanswered window the tone steps up exactly one level; an answer (payment, promise,
///     support contact…) keeps the tone; a ladder idle for 60 days starts again. Customers in
///     difficulty never get `firm`.
/// 11. **Pre-due heads-up**: an invoice due within `pre_due_days` with `p_late` ≥ the threshold,
///     once per invoice.
/// 12. Otherwise `none`.
///
/// A message goes by email; a customer who prefers the phone, or has no usable email address, is
/// routed to a call with that reason instead of being dropped. Every message covers all the
/// customer's open invoices. The reminder cap counts, per invoice, the reminders that named it
/// after its due date.
public enum OutreachPolicy {
    public static func decide(_ s: CustomerSituation, history: [ContactRecord], config: OutreachConfig, asOf: Day) -> Decision {
        let p = config.policy
        let segment = s.segment(asOf: asOf, policy: p)
        let openIds = s.openInvoices.map(\.invoiceId)
        let overdue = s.overdueInvoices(graceDays: p.graceDays)
        func decision(_ action: OutreachAction, _ reason: DecisionReason, tone: Tone? = nil, invoices: [String]? = nil,
                      plan: PaymentPlanProposal? = nil) -> Decision {
            let channel: OutreachChannel = action.sendsMessage ? .email : (action == .call ? .phone : .none)
            return Decision(customerId: s.customerId, day: asOf, action: action, tone: tone, channel: channel,
                            invoiceIds: invoices ?? openIds, reason: reason, segment: segment, paymentPlan: plan)
        }
        /// Messages go by email; otherwise the customer is handed to a person with the reason.
        func message(_ action: OutreachAction, _ reason: DecisionReason, tone: Tone? = nil, plan: PaymentPlanProposal? = nil) -> Decision {
            if s.preferredChannel == .phone { return decision(.call, .callPrefersPhone, plan: plan) }
            if !hasUsableEmail(s.email) { return decision(.call, .callNoUsableAddress, plan: plan) }
            return decision(action, reason, tone: tone, plan: plan)
        }

        let contacts = (history.filter { $0.customerId == s.customerId } + s.importedContacts)
            .filter { $0.day < asOf }
            .sorted { $0.day < $1.day }
        let lastContact = contacts.last { $0.action.isContact }
        let overdueReminders = contacts.filter { $0.action == .overdueReminder }
        let lastReminder = contacts.last { $0.action.isReminder }
        let contactDay = p.isContactDay(asOf)
        let intervalOK = lastContact.map { asOf - $0.day >= p.minDaysBetweenContacts } ?? true

        // 1. Opted out: never messaged.
        if s.optOut {
            if overdue.isEmpty { return decision(.hold, .holdOptedOut) }
            if !contactDay { return decision(.none, .noneNonContactDay) }
            if !intervalOK { return decision(.hold, .holdContactedRecently) }
            return decision(.call, .callOptedOut)
        }
        // 2. Holds.
        if segment == .disputed { return decision(.hold, .holdDispute) }
        if !s.openInvoices.isEmpty, let agreed = s.paymentPlanAgreedDay, asOf - agreed <= p.paymentPlanHoldDays {
            return decision(.hold, .holdPaymentPlan)
        }
        if !s.openInvoices.isEmpty, let promised = s.promisedPaymentDay, promised >= asOf {
            return decision(.hold, .holdPromise)
        }
        // Thank-you eligibility (rule 7), used by rules 3, 6 and 7.
        let thanked = Set(contacts.filter { $0.action == .thankYou }.flatMap(\.invoiceIds))
        let lastThankYou = contacts.last { $0.action == .thankYou }
        let toThank = s.recentPayments.filter { $0.onTime && !thanked.contains($0.invoiceId) }.map(\.invoiceId)
        let thankYouOK = segment == .reliable && !toThank.isEmpty && overdue.isEmpty
            && (lastThankYou.map { asOf - $0.day >= p.thankYouMinDays } ?? true)
        func thankYouOr(_ fallback: Decision) -> Decision {
            guard thankYouOK, contactDay, intervalOK, hasUsableEmail(s.email), s.preferredChannel != .phone else { return fallback }
            return decision(.thankYou, .thankYouOnTimePayment, invoices: toThank)
        }
        // 3. Nothing open.
        if s.openInvoices.isEmpty { return thankYouOr(decision(.none, .noneNothingOpen)) }
        // 4–5. Contact days and the minimum interval.
        if !contactDay { return decision(.none, .noneNonContactDay) }
        if !intervalOK { return decision(.hold, .holdContactedRecently) }
        // 6. Paid since the last reminder: thank-you or nothing.
        if let last = lastReminder, let paid = s.lastPaymentDay, paid > last.day, asOf - paid < p.responseWindowDays {
            return thankYouOr(decision(.none, .nonePaidSinceLastReminder))
        }
        // 7. Thank-you.
        if thankYouOK { return thankYouOr(decision(.none, .noneNothingDue)) }

        if !overdue.isEmpty {
            // 8. Calls.
            let lastCall = contacts.last { $0.action == .call }
            if let asked = s.askedForContactDay, lastCall.map({ $0.day < asked }) ?? true {
                return decision(.call, .callCustomerAsked)
            }
            if let bounce = s.lastBounceDay, let last = lastReminder, bounce >= last.day, lastCall.map({ $0.day < bounce }) ?? true {
                return decision(.call, .callBounced)
            }
            if s.openInvoices.contains(where: { !$0.anomalyFlags.isEmpty }) { return decision(.call, .callAnomaly) }
            if s.openInvoices.reduce(0, { $0 + $1.priority }) >= p.callPriorityThreshold {
                return decision(.call, .callHighExpectedLate)
            }
            let lastOverdue = overdueReminders.last
            if let last = lastOverdue, (last.tone ?? .friendly) == .firm, asOf - last.day >= p.noResponseCallDays,
               !(s.lastResponseDay.map { $0 > last.day } ?? false), lastCall.map({ $0.day < last.day }) ?? true {
                return decision(.call, .callNoResponse)
            }
            let eligible = overdue.filter { inv in
                overdueReminders.filter { $0.day > inv.dueDate && $0.invoiceIds.contains(inv.invoiceId) }.count < p.maxRemindersPerInvoice
            }
            if eligible.isEmpty {
                if lastCall.map({ $0.day < (lastOverdue?.day ?? $0.day) }) ?? true { return decision(.call, .callMaxReminders) }
                return decision(.hold, .holdContactedRecently)
            }
            // 9. Payment plan offer.
            let lastOffer = contacts.last { $0.action == .paymentPlanOffer }
            let offerOK = lastOffer.map { asOf - $0.day >= p.paymentPlanOfferIntervalDays } ?? true
            if offerOK && segment == .inDifficulty {
                return message(.paymentPlanOffer, .planInDifficulty, plan: PaymentPlanProposal.propose(for: s, asOf: asOf, policy: p))
            }
            if offerOK && segment == .chronicLate && s.openBalance >= p.largeBalance {
                return message(.paymentPlanOffer, .planChronicLargeBalance, plan: PaymentPlanProposal.propose(for: s, asOf: asOf, policy: p))
            }
            // 10. Overdue reminder on the tone ladder.
            var tone: Tone
            var reason: DecisionReason
            if let last = lastOverdue, asOf - last.day <= 60 {
                let previous = last.tone ?? .friendly
                let answered = s.lastResponseDay.map { $0 > last.day } ?? false
                if !answered && asOf - last.day < p.responseWindowDays { return decision(.hold, .holdAwaitingResponse) }
                if !answered && previous != .firm {
                    tone = previous.stepUp
                    reason = .overdueStepUp
                } else {
                    tone = previous
                    reason = .overdueFollowUp
                }
            } else {
                tone = segment == .chronicLate ? .clear : .friendly
                reason = .overdueFirstReminder
            }
            if segment == .inDifficulty && tone == .firm { tone = .clear }
            return message(.overdueReminder, reason, tone: tone)
        }
        // 11. Pre-due heads-up.
        let preDueDone = Set(contacts.filter { $0.action == .preDueReminder }.flatMap(\.invoiceIds))
        let preDue = s.openInvoices.filter {
            -$0.daysOverdue >= 0 && -$0.daysOverdue <= p.preDueDays && $0.pLate >= p.preDuePLateThreshold && !preDueDone.contains($0.invoiceId)
        }
        if !preDue.isEmpty { return message(.preDueReminder, .preDueHighRisk, tone: .friendly) }
        return decision(.none, .noneNothingDue)
    }

    /// A minimal check that an address can receive mail: one `@` with text on both sides, a dot in
    /// the domain, no spaces or angle brackets.
    public static func hasUsableEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return false }
        return !email.contains(where: { $0 == " " || $0 == "<" || $0 == ">" || $0 == "\n" || $0 == "\r" || $0 == "," })
    }
}
