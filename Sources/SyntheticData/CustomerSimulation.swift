import Foundation

/// Simulates one customer's whole relationship: orders, amounts, terms, payments, disputes,
/// reminders and calls, hardship — then hides everything after the as-of day.
///
/// The simulation first lets the world run past the as-of day (a payment due next month is
/// decided now) and then censors: a payment after the as-of day becomes an open invoice, an event
/// after it is dropped, and the `disputed` flag is the status on the as-of day. This is exactly
/// what an export taken that day would show, so no future information leaks into the files.
///
/// Lateness is driven by the customer's latent reliability and monthly stress, plus habits and
/// season, plus per-invoice noise: predictable from the customer's past, never certain.
struct CustomerSimulation {
    let calendar: SimulationCalendar
    let asOf: Int32
    /// Orders per active day for an order weight of 1 (scaled to the requested invoice count).
    let ordersPerWeightDay: Double
    /// Chance that a new customer's first invoice is an injected `new_customer_large_first`.
    let newCustomerLargeFirstChance: Double
    /// Chance that any other invoice carries one of the per-invoice anomalies.
    let perInvoiceAnomalyChance: Double

    /// What became of one invoice in the simulated world (before censoring).
    struct Settlement {
        /// Payment day, or `Int32.min` if never paid (bad debt).
        var paid: Int32
        var disputeOpened: Int32 = .min
        var disputeResolved: Int32 = .min
    }

    /// Runs the customer and appends its invoices and events; returns the stress on the as-of day.
    func run(profile p: CustomerProfile, customer: Int32, rng: inout SplitMix64,
             into history: inout SyntheticHistory) -> Double {
        let stress = stressPath(profile: p, rng: &rng)
        let orders = orderDays(profile: p, rng: &rng)

        // Every invoice of this customer, for the customer-level events at the end.
        var myInvoices: [Int32] = []
        var myIssue: [Int32] = []
        var myDue: [Int32] = []
        var myPaid: [Int32] = []
        myInvoices.reserveCapacity(orders.count + 4)

        let typicalCents = max(1_000, p.typicalAmount * 100)
        for (j, order) in orders.enumerated() {
            let issue = order.day
            var amount: Double
            if order.subscription {
                amount = Double(p.subscriptionCents)
            } else if !p.priceList.isEmpty && rng.chance(0.75) {
                amount = Double(rng.element(p.priceList) * Int64(rng.chance(0.7) ? 1 : rng.int(2...4)))
            } else {
                amount = typicalCents * rng.logNormal(mu: 0, sigma: p.amountSpread)
                // Legitimately round quotes and flat fees.
                if rng.chance(0.04) && amount > 50_000 { amount = (amount / 10_000).rounded() * 10_000 }
            }
            // Legitimate large orders and set-up invoices (look-alikes of the spike anomalies).
            if rng.chance(0.006) { amount *= 3 + 6 * rng.uniform() }
            if j == 0 && p.joinedDuringHistory && rng.chance(0.15) { amount *= 2 + 3 * rng.uniform() }

            var terms = p.termsDays
            if rng.chance(0.03) {
                let alternatives = [30, 45, 60].filter { $0 != terms }
                terms = rng.element(alternatives)
            } else if rng.chance(0.0025) {
                // Legitimate one-offs: payment on receipt, or an extended seasonal agreement
                // (look-alikes of the unusual-terms anomaly).
                terms = rng.element([0, 7, 90, 120])
            }

            var kind: AnomalyKind? = nil
            var duplicateIt = false
            if j == 0 && p.joinedDuringHistory {
                if rng.chance(newCustomerLargeFirstChance) {
                    kind = .newCustomerLargeFirst
                    amount = max(amount, typicalCents) * (12 + 18 * rng.uniform())
                }
            } else if rng.chance(perInvoiceAnomalyChance) {
                let established = j >= 5
                let weights: [Double] = [established ? 0.30 : 0, established ? 0.26 : 0, 0.20, 0.24]
                switch rng.pick(weights) {
                case 0:
                    kind = .amountSpike
                    amount = max(amount, typicalCents) * (5 + 15 * rng.uniform())
                case 1:
                    duplicateIt = true
                case 2:
                    kind = .unusualTerms
                    terms = rng.element(p.termsDays >= 60 ? [5, 7, 10, 150, 180] : [5, 7, 10, 120, 150])
                default:
                    kind = .roundAmount
                    let target = typicalCents * (3 + 7 * rng.uniform())
                    let step: Double = target >= 1_500_000 ? 500_000 : 100_000
                    amount = max(step, (target / step).rounded() * step)
                }
            }
            let cents = max(500, Int64(amount.rounded()))
            let due = issue + Int32(terms)
            let index = settleAndRecord(
                profile: p, stress: stress, customer: customer, issue: issue, due: due, cents: cents,
                terms: terms, kind: kind, rng: &rng, into: &history, paidOut: &myPaid)
            myInvoices.append(index); myIssue.append(issue); myDue.append(due)

            if duplicateIt {
                // The same invoice entered twice a few days apart under a new number.
                let copyIssue = CalendarDay.next(issue + Int32(rng.int(0...4)))
                if copyIssue <= asOf {
                    let copyDue = copyIssue + Int32(terms)
                    let copy = settleAndRecord(
                        profile: p, stress: stress, customer: customer, issue: copyIssue, due: copyDue,
                        cents: cents, terms: terms, kind: .duplicate, rng: &rng, into: &history, paidOut: &myPaid)
                    myInvoices.append(copy); myIssue.append(copyIssue); myDue.append(copyDue)
                }
            }
        }

        customerEvents(profile: p, customer: customer, stress: stress, invoices: myInvoices,
                       issue: myIssue, due: myDue, paid: myPaid, rng: &rng, into: &history)
        return stress[calendar.month(of: asOf)]
    }

    // MARK: - Latent stress

    /// Monthly financial stress: a mean-reverting random walk, plus a steady climb from the onset
    /// month for deteriorating customers.
    func stressPath(profile p: CustomerProfile, rng: inout SplitMix64) -> [Double] {
        var path = [Double](repeating: 0, count: calendar.monthCount)
        let onsetDay = p.firstOrder + Int(Double(Int(asOf) - Int(p.firstOrder.raw)) * p.deteriorationOnset)
        let onset = calendar.month(of: onsetDay.raw)
        var level = 0.45 * rng.normal()
        for m in 0..<path.count {
            level = 0.9 * level + 0.22 * rng.normal()
            var value = level
            if p.deteriorating && m > onset { value += min(3.2, p.deteriorationSlope * Double(m - onset)) }
            path[m] = value
        }
        return path
    }

    // MARK: - Orders

    struct Order {
        var day: Int32
        var subscription: Bool
    }

    /// Issue days: a seasonal Poisson process per month, monthly subscription invoices, and the
    /// first order on the day a new customer joins.
    func orderDays(profile p: CustomerProfile, rng: inout SplitMix64) -> [Order] {
        var orders: [Order] = []
        let first = p.firstOrder.raw, last = min(p.lastOrder.raw, asOf)
        if p.joinedDuringHistory {
            let d = CalendarDay.next(first)
            if d <= asOf { orders.append(Order(day: d, subscription: false)) }
        }
        let rate = ordersPerWeightDay * p.orderWeight * (p.subscriptionCents > 0 ? 0.25 : 1)
        let firstMonth = calendar.month(of: first), lastMonth = calendar.month(of: last)
        guard firstMonth <= lastMonth else { return orders }
        for m in firstMonth...lastMonth {
            let monthFirst = calendar.monthStart[m]
            let monthLast = monthFirst + Int32(calendar.daysIn(month: m)) - 1
            let lo = max(monthFirst, first), hi = min(monthLast, last)
            guard lo <= hi else { continue }
            if p.subscriptionCents > 0 {
                let d = CalendarDay.next(monthFirst + Int32(p.subscriptionDayOfMonth - 1))
                if d >= lo && d <= hi && d > first { orders.append(Order(day: d, subscription: true)) }
            }
            let season = SimulationCalendar.volume[Int(calendar.calendarMonth[m])]
            let n = rng.poisson(rate * Double(hi - lo + 1) * season)
            for _ in 0..<n {
                let d = CalendarDay.next(lo + Int32(rng.int(0...Int(hi - lo))))
                if d <= asOf { orders.append(Order(day: d, subscription: false)) }
            }
        }
        orders.sort { $0.day < $1.day }
        return orders
    }

    // MARK: - Payment

    func settle(profile p: CustomerProfile, stress: [Double], issue: Int32, due: Int32, cents: Int64,
                terms: Int, kind: AnomalyKind?, rng: inout SplitMix64) -> Settlement {
        let m = calendar.month(of: due)
        let s = stress[m] + calendar.economy[m]
        let month = Int(calendar.calendarMonth[m])
        var z = p.baseLateLogOdds + s + 0.35
        switch p.method {
        case .directDebit: z -= 2.8
        case .card: z -= 0.9
        case .cheque: z += 0.45
        case .other: z += 0.1
        default: break
        }
        if p.channel == .paper { z += 0.35 }
        z += SimulationCalendar.lateness[month]
        z += 0.22 * min(3, max(-2, log(Double(cents) / max(1_000, p.typicalAmount * 100))))
        if terms < 15 { z += 1.2 }
        z += 0.4 * rng.normal()
        let late = rng.uniform() < 1 / (1 + exp(-z))

        var paid: Int32
        if late {
            var daysLate: Int
            if p.method == .directDebit {
                daysLate = rng.int(4...20)  // a rejected debit, collected again later
            } else {
                let scale = 5 + 22 * (1 - p.reliability) + 8 * max(0, s)
                daysLate = 1 + Int(rng.exponential(mean: scale))
                if p.method == .cheque { daysLate += rng.int(2...7) }
                if p.channel == .paper { daysLate += rng.int(0...4) }
                if month == 8 || month == 12 { daysLate += rng.int(0...9) }
                if rng.chance(0.03) { daysLate *= 3 }
            }
            paid = CalendarDay.next(due + Int32(daysLate))
        } else {
            switch p.method {
            case .card:
                paid = issue + Int32(rng.int(0...min(3, terms)))
            case .directDebit:
                paid = due
            default:
                let early = Int(Double(terms) * 0.85 * pow(rng.uniform(), 2.2))
                paid = due - Int32(early)
            }
            paid = CalendarDay.previous(paid)
            if paid < issue { paid = issue }
        }

        var result = Settlement(paid: paid)
        var disputeChance = 0.018 * p.disputeProneness
        if let kind, kind != .unusualTerms { disputeChance += kind == .duplicate ? 0.4 : 0.25 }
        if rng.chance(min(0.6, disputeChance)) {
            let opened = issue + Int32(rng.int(2...max(4, min(terms + 20, 55))))
            let resolved = opened + 3 + Int32(rng.logNormal(mu: log(22), sigma: 0.75))
            result.disputeOpened = opened
            result.disputeResolved = resolved
            result.paid = max(paid, CalendarDay.next(resolved + Int32(rng.int(0...12))))
        }
        if (s > 1.8 && rng.chance(0.04)) || rng.chance(0.0008) {
            result.paid = .min  // never paid: bad debt left open
        }
        return result
    }

    /// Settles an invoice, records it censored at the as-of day, and records its events.
    private func settleAndRecord(
        profile p: CustomerProfile, stress: [Double], customer: Int32, issue: Int32, due: Int32,
        cents: Int64, terms: Int, kind: AnomalyKind?, rng: inout SplitMix64,
        into history: inout SyntheticHistory, paidOut: inout [Int32]
    ) -> Int32 {
        let settlement = settle(profile: p, stress: stress, issue: issue, due: due, cents: cents,
                                terms: terms, kind: kind, rng: &rng)
        let known = settlement.paid != .min && settlement.paid <= asOf
        let disputedNow = settlement.disputeOpened != .min && settlement.disputeOpened <= asOf
            && settlement.disputeResolved > asOf
        let index = history.appendInvoice(SyntheticHistory.Invoice(
            customer: customer, issue: issue, due: due, paid: known ? settlement.paid : .min,
            cents: cents, method: p.method, channel: p.channel, disputedAtExport: disputedNow,
            anomaly: kind?.rawValue ?? 0))
        paidOut.append(settlement.paid)
        invoiceEvents(profile: p, customer: customer, invoice: index, issue: issue, due: due,
                      cents: cents, settlement: settlement, rng: &rng, into: &history)
        return index
    }

    // MARK: - Events

    private func emit(_ history: inout SyntheticHistory, day: Int32, customer: Int32, invoice: Int32,
                      kind: EventKind, note: EventNote = .none, value: Int32 = 0) {
        guard day <= asOf else { return }
        history.appendEvent(day: day, customer: customer, invoice: invoice, kind: kind, note: note, value: value)
    }

    private func invoiceEvents(
        profile p: CustomerProfile, customer: Int32, invoice: Int32, issue: Int32, due: Int32,
        cents: Int64, settlement: Settlement, rng: inout SplitMix64, into history: inout SyntheticHistory
    ) {
        let end = settlement.paid == .min ? Int32.max : settlement.paid
        let opened = settlement.disputeOpened, resolved = settlement.disputeResolved
        func inDispute(_ d: Int32) -> Bool { opened != .min && d >= opened && d < resolved }

        func remind(_ day: Int32, level: Int32, rng: inout SplitMix64) {
            // Customers who opted out of automated messages only ever get calls.
            guard !p.optOut else { return }
            emit(&history, day: day, customer: customer, invoice: invoice, kind: .reminderSent,
                 note: .reminderLevel, value: level)
            if p.badEmail {
                emit(&history, day: day, customer: customer, invoice: invoice, kind: .reminderBounced)
            } else if p.preferredChannel != .letter && rng.chance(0.3 + 0.4 * p.reliability) {
                let read = day + Int32(rng.int(0...3))
                emit(&history, day: read, customer: customer, invoice: invoice, kind: .reminderOpened)
            }
        }

        // A courtesy reminder before the due date for larger invoices.
        let typicalCents = p.typicalAmount * 100
        if Double(cents) > 2 * typicalCents && rng.chance(0.25) {
            let d = CalendarDay.previous(due - 5)
            if d > issue && d < end { remind(d, level: 0, rng: &rng) }
        }
        if opened != .min {
            if rng.chance(0.35) {
                let contact = max(issue, opened - Int32(rng.int(0...3)))
                emit(&history, day: contact, customer: customer, invoice: invoice, kind: .supportContact)
            }
            emit(&history, day: opened, customer: customer, invoice: invoice, kind: .disputeOpened,
                 note: .disputeReason, value: Int32(rng.int(0...(EventNote.disputeReasons.count - 1))))
            emit(&history, day: resolved, customer: customer, invoice: invoice, kind: .disputeResolved)
        }
        // Dunning after the due date, paused during a dispute.
        for (level, offset) in [(Int32(1), Int32(7)), (2, 21), (3, 42)] {
            let d = CalendarDay.next(due + offset + Int32(rng.int(0...2)))
            if d >= end || d > asOf { break }
            if inDispute(d) || !rng.chance(0.92) { continue }
            remind(d, level: level, rng: &rng)
        }
        // A call for invoices a month overdue, sometimes ending in a promise to pay.
        if end - due > 30 && rng.chance(Double(cents) > 5 * typicalCents ? 0.7 : 0.5) {
            let call = CalendarDay.next(due + Int32(rng.int(24...34)))
            if call < end && call <= asOf && !inDispute(call) {
                emit(&history, day: call, customer: customer, invoice: invoice, kind: .call)
                if rng.chance(0.6) {
                    let promised: Int32
                    if end != .max && end - call <= 21 {
                        promised = max(call + 1, end - Int32(rng.int(0...2)))   // kept
                    } else {
                        promised = CalendarDay.next(call + Int32(rng.int(5...14)))  // broken
                    }
                    emit(&history, day: call, customer: customer, invoice: invoice, kind: .promiseToPay,
                         note: .promised, value: promised)
                    if end - promised > 21 && rng.chance(0.5) {
                        let again = CalendarDay.next(promised + Int32(rng.int(7...14)))
                        if again < end {
                            emit(&history, day: again, customer: customer, invoice: invoice, kind: .call)
                        }
                    }
                }
            }
        }
    }

    /// Support contacts, hardship reports when stress crosses a threshold, and payment plans.
    private func customerEvents(
        profile p: CustomerProfile, customer: Int32, stress: [Double], invoices: [Int32],
        issue: [Int32], due: [Int32], paid: [Int32], rng: inout SplitMix64, into history: inout SyntheticHistory
    ) {
        let first = p.firstOrder.raw
        let span = Int(asOf - first)
        guard span > 0 else { return }
        let contacts = rng.poisson(Double(span) / 365 * 0.4)
        for _ in 0..<contacts {
            let d = CalendarDay.next(first + Int32(rng.int(0...span)))
            var linked: Int32 = -1
            if rng.chance(0.5) {
                var best: Int32 = .min
                for k in 0..<invoices.count where issue[k] <= d && issue[k] > best {
                    best = issue[k]
                    linked = invoices[k]
                }
            }
            emit(&history, day: d, customer: customer, invoice: linked, kind: .supportContact)
        }

        let threshold = 1.0
        let firstMonth = calendar.month(of: first), lastMonth = calendar.month(of: asOf)
        guard firstMonth < lastMonth else { return }
        var previous = stress[firstMonth] + calendar.economy[firstMonth]
        for m in (firstMonth + 1)...lastMonth {
            let level = stress[m] + calendar.economy[m]
            defer { previous = level }
            guard level > threshold && previous <= threshold && rng.chance(0.55) else { continue }
            let d = CalendarDay.next(calendar.monthStart[m] + Int32(rng.int(0...(calendar.daysIn(month: m) - 1))))
            guard d >= first && d <= asOf else { continue }
            emit(&history, day: d, customer: customer, invoice: -1, kind: .hardshipReported)
            guard rng.chance(0.75) else { continue }
            let planDay = CalendarDay.next(d + Int32(rng.int(7...28)))
            // The plan covers the oldest invoice unpaid that day (overdue ones first).
            var target: Int32 = -1
            var best = (Int32.max, Int32.max)
            for k in 0..<invoices.count where issue[k] < planDay && (paid[k] == .min || paid[k] > planDay) {
                let rank: (Int32, Int32) = (due[k] < planDay ? 0 : 1, issue[k])
                if rank < best {
                    best = rank
                    target = invoices[k]
                }
            }
            if target >= 0 {
                emit(&history, day: planDay, customer: customer, invoice: target, kind: .paymentPlanAgreed,
                     note: .instalments, value: Int32(rng.int(2...6)))
            }
        }
    }
}
