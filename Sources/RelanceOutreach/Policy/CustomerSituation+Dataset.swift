import Foundation
import RelanceData

extension CustomerSituation {
    /// Builds the situation of every customer worth considering on `asOf`: customers with an open
    /// invoice (in the risk list or open in the dataset) or a payment within `thank_you_window_days`.
    ///
    /// Point in time: an invoice counts as paid only when `paid_date <= min(asOf, paymentsKnownUntil)`
    /// (the second bound lets `--days N` simulate later days assuming no payments), and only events
    /// dated on or before `asOf` are used. Risk-list invoices the dataset shows as paid by then are
    /// left out; dataset invoices open that day but missing from the risk list are kept with
    /// `p_late` 0, so no open invoice is ever silently dropped. The result is sorted by customer id.
    public static func build(
        dataset: Dataset, risk: [ScoredInvoice], asOf: Day, paymentsKnownUntil: Day? = nil, policy: ContactPolicy
    ) -> [CustomerSituation] {
        let cutoff = min(asOf, paymentsKnownUntil ?? asOf)
        let inv = dataset.invoices
        var situations: [String: CustomerSituation] = [:]
        func situation(_ id: String) -> CustomerSituation {
            situations[id] ?? CustomerSituation(customerId: id)
        }

        // Dataset rows by invoice id (to see payments of risk-list invoices) and by customer.
        var rowByInvoice: [String: Int] = [:]
        rowByInvoice.reserveCapacity(inv.count)
        var rowsByCustomer: [Int32: [Int]] = [:]
        for i in 0..<inv.count {
            rowByInvoice[inv.invoiceIds[i]] = i
            rowsByCustomer[inv.customer[i], default: []].append(i)
        }
        func isPaid(_ i: Int) -> Bool {
            guard let p = inv.paid(i) else { return false }
            return p <= cutoff
        }

        // 1. Open invoices from the risk list.
        var fromRisk: Set<String> = []
        for s in risk {
            if let row = rowByInvoice[s.invoiceId], isPaid(row) { continue }
            fromRisk.insert(s.invoiceId)
            var sit = situation(s.customerId)
            let disputed = rowByInvoice[s.invoiceId].map { inv.disputed[$0] } ?? false
            sit.openInvoices.append(OpenInvoice(
                invoiceId: s.invoiceId, amount: s.amount, currency: s.currency, issueDate: s.issueDate, dueDate: s.dueDate,
                daysOverdue: asOf - s.dueDate, pLate: s.pLate, anomalyFlags: s.anomalyFlags, priority: s.priority,
                shareableReasons: s.reasons.filter(\.shareableWithCustomer), disputed: disputed))
            if sit.name.isEmpty { sit.name = s.customerName }
            situations[s.customerId] = sit
        }

        // 2. Per-customer history from the dataset.
        let yearAgo = asOf - 365
        for (code, rows) in rowsByCustomer {
            let id = dataset.customerIds.name(of: code)
            var settled: [(paid: Day, late: Bool)] = []
            var open: [OpenInvoice] = []
            var recent: [RecentPayment] = []
            var billed = 0.0
            var lastPaid: Day? = nil
            for i in rows where inv.issueDate[i] <= asOf {
                if inv.issueDate[i] > yearAgo { billed += inv.amount[i] }
                let currency = inv.currencies.name(of: inv.currency[i])
                if isPaid(i), let p = inv.paid(i) {
                    let late = p - inv.dueDate[i] > policy.graceDays
                    settled.append((p, late))
                    if lastPaid.map({ p > $0 }) ?? true { lastPaid = p }
                    if asOf - p <= policy.thankYouWindowDays {
                        recent.append(RecentPayment(invoiceId: inv.invoiceIds[i], amount: inv.amount[i], currency: currency,
                                                    dueDate: inv.dueDate[i], paidDate: p, onTime: !late))
                    }
                } else if !fromRisk.contains(inv.invoiceIds[i]) {
                    open.append(OpenInvoice(invoiceId: inv.invoiceIds[i], amount: inv.amount[i], currency: currency,
                                            issueDate: inv.issueDate[i], dueDate: inv.dueDate[i], daysOverdue: asOf - inv.dueDate[i],
                                            disputed: inv.disputed[i]))
                }
            }
            guard situations[id] != nil || !open.isEmpty || !recent.isEmpty else { continue }
            var sit = situation(id)
            sit.openInvoices += open
            sit.recentPayments = recent.sorted { ($0.paidDate, $0.invoiceId) < ($1.paidDate, $1.invoiceId) }
            settled.sort { $0.paid < $1.paid }
            sit.settledCount = settled.count
            sit.settledLateCount = settled.filter(\.late).count
            let recentSlice = settled.suffix(3)
            sit.recentCount = recentSlice.count
            sit.recentLateCount = recentSlice.filter(\.late).count
            let older = settled.dropLast(3)
            sit.olderCount = older.count
            sit.olderLateCount = older.filter(\.late).count
            sit.averageMonthlyBilled = billed / 12
            sit.lastPaymentDay = lastPaid
            situations[id] = sit
        }

        // 3. Customer master data.
        let customers = dataset.customers
        for (id, var sit) in situations {
            guard let code = dataset.customerIds.code(of: id), let r = customers.row(of: code) else { continue }
            if !customers.name[r].isEmpty { sit.name = customers.name[r] }
            sit.contactName = customers.contactName[r]
            sit.email = customers.email[r]
            sit.phone = customers.phone[r]
            sit.language = customers.language[r]
            sit.customerSince = customers.customerSince[r].isMissing ? nil : customers.customerSince[r]
            sit.preferredChannel = customers.preferredChannel[r]
            sit.optOut = customers.optOut[r]
            sit.sourceLine = customers.sourceLine[r]
            situations[id] = sit
        }

        // 4. Events known on the day, in date order.
        let ev = dataset.events
        let order = (0..<ev.count).filter { ev.date[$0] <= asOf }.sorted { (ev.date[$0], $0) < (ev.date[$1], $1) }
        var lastDisputeOpened: [String: Bool] = [:]
        for e in order {
            let id = dataset.customerIds.name(of: ev.customer[e])
            guard var sit = situations[id] else { continue }
            let day = ev.date[e]
            let invoiceIds: [String] = ev.invoice[e] >= 0 && Int(ev.invoice[e]) < inv.count ? [inv.invoiceIds[Int(ev.invoice[e])]] : []
            switch ev.kind[e] {
            case .reminderSent:
                sit.importedContacts.append(ContactRecord(day: day, customerId: id, action: .overdueReminder,
                                                          invoiceIds: invoiceIds))
            case .call:
                sit.importedContacts.append(ContactRecord(day: day, customerId: id, action: .call,
                                                          invoiceIds: invoiceIds))
            case .reminderOpened:
                sit.lastOpenedDay = day
            case .reminderBounced:
                sit.lastBounceDay = day
            case .promiseToPay:
                sit.promiseMadeDay = day
                sit.promisedPaymentDay = promisedDay(note: ev.note[e], eventDay: day, policy: policy)
                sit.lastResponseDay = day
            case .disputeOpened:
                lastDisputeOpened[id] = true
                sit.lastResponseDay = day
            case .disputeResolved:
                lastDisputeOpened[id] = false
                sit.lastResponseDay = day
            case .supportContact:
                sit.lastSupportContactDay = day
                sit.lastSupportContactNote = ev.note[e]
                sit.lastResponseDay = day
                if asksForCall(ev.note[e]) { sit.askedForContactDay = day }
            case .paymentPlanAgreed:
                sit.paymentPlanAgreedDay = day
                sit.lastResponseDay = day
            case .hardshipReported:
                sit.hardshipReportedDay = day
                sit.lastResponseDay = day
            }
            situations[id] = sit
        }

        // 5. Derived flags.
        var result: [CustomerSituation] = []
        result.reserveCapacity(situations.count)
        for (id, var sit) in situations {
            sit.openInvoices.sort { ($0.dueDate, $0.invoiceId) < ($1.dueDate, $1.invoiceId) }
            if let opened = lastDisputeOpened[id] {
                sit.disputeOpen = opened
                if !opened { for k in sit.openInvoices.indices { sit.openInvoices[k].disputed = false } }
            }
            if let paid = sit.lastPaymentDay, paid > (sit.lastResponseDay ?? Day(raw: Int32.min + 1)) {
                sit.lastResponseDay = paid
            }
            if let promised = sit.promisedPaymentDay, promised < asOf,
               let made = sit.promiseMadeDay, !(sit.lastPaymentDay.map { $0 >= made } ?? false),
               !sit.overdueInvoices(graceDays: policy.graceDays).isEmpty {
                sit.brokenPromise = true
            }
            result.append(sit)
        }
        return result.sorted { $0.customerId < $1.customerId }
    }

    /// A promise's due day: an ISO date at the start of the note ("2026-03-15 by transfer"), else
    /// the event day plus `promise_default_days`.
    static func promisedDay(note: String, eventDay: Day, policy: ContactPolicy) -> Day {
        let head = String(note.trimmingCharacters(in: .whitespaces).prefix(10))
        if let d = Day(iso: head) { return d }
        return eventDay + policy.promiseDefaultDays
    }

    /// Whether a support-contact note asks for a call back (English or French wording).
    static func asksForCall(_ note: String) -> Bool {
        let n = note.lowercased()
        return ["call back", "callback", "call me", "rappel", "appeler", "être appelé", "etre appele"].contains { n.contains($0) }
    }
}
