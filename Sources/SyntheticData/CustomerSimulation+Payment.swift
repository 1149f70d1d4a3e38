import Foundation

/// Payment: when an invoice is paid, and whether a dispute delays it.
extension CustomerSimulation {
    /// What became of one invoice in the simulated world (before censoring).
    struct Settlement {
        /// Payment day, or `Int32.min` if never paid (bad debt).
        var paid: Int32
        var disputeOpened: Int32 = .min
        var disputeResolved: Int32 = .min
    }

    /// Decides when an invoice is paid in the simulated world (before censoring).
    ///
    /// The log-odds of paying late add the customer's reliability, their stress and the economy's
    /// in the month of the due date (stress episodes included), the overdue backlog the invoice
    /// joins, this invoice's payment method and channel, the season of the due date, the amount
    /// against the customer's usual, the terms (very short ones much later, long ones slightly
    /// less late) and invoice-level noise. Late invoices are paid a number of days late that
    /// grows with poor reliability, stress and backlog;
    /// on-time ones at issue (card), on the due date (direct debit) or shortly before it. Payment
    /// runs, disputes (payment only after resolution) and bad debts (never paid) come last.
    func settle(profile p: CustomerProfile, stress: [Double], issue: Int32, due: Int32, cents: Int64,
                terms: Int, habit: InvoiceHabit, overdue: Int, kind: AnomalyKind?,
                rng: inout SplitMix64) -> Settlement {
        let m = calendar.month(of: due)
        let s = stress[m] + calendar.economy[m]
        let month = Int(calendar.calendarMonth[m])
        let method = habit.method
        let backlog = Double(min(4, overdue))
        var z = p.baseLateLogOdds + s - 1.0
        switch method {
        case .directDebit: z -= 2.8
        case .card: z -= 0.9
        case .cheque: z += 0.45
        case .other: z += 0.1
        default: break
        }
        if habit.channel == .paper { z += 1.0 }
        z += SimulationCalendar.lateness[month]
        z += 0.75 * min(3, max(-2, log(Double(cents) / max(1_000, p.typicalAmount * 100))))
        if terms < 15 { z += 1.2 }
        z -= 0.01 * Double(min(90, max(15, terms)) - 30)
        z += 0.5 * backlog
        z += 0.3 * rng.normal()
        let late = rng.uniform() < 1 / (1 + exp(-z))

        var paid: Int32
        if late {
            var daysLate: Int
            if method == .directDebit {
                daysLate = rng.int(4...20)  // a rejected debit, collected again later
            } else {
                let scale = 5 + 20 * (1 - p.reliability) + 6 * max(0, s) + 4 * backlog
                daysLate = 1 + Int(rng.exponential(mean: scale))
                if method == .cheque { daysLate += rng.int(2...7) }
                if habit.channel == .paper { daysLate += rng.int(0...4) }
                if month == 8 || month == 12 { daysLate += rng.int(0...9) }
                if rng.chance(0.03) { daysLate *= 3 }
            }
            paid = CalendarDay.next(due + Int32(daysLate))
        } else {
            switch method {
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
        if p.paymentRunDay > 0 {
            if late {
                paid = CalendarDay.next(Self.run(p.paymentRunDay, onOrAfter: paid))
            } else {
                let run = CalendarDay.previous(Self.run(p.paymentRunDay, onOrBefore: due))
                paid = run >= issue ? run : CalendarDay.next(Self.run(p.paymentRunDay, onOrAfter: issue))
            }
        }

        var result = Settlement(paid: paid)
        // Customers under strain query more invoices (a dispute also buys time).
        var disputeChance = 0.018 * p.disputeProneness * (1 + 0.5 * min(2, max(0, s)))
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
    func settleAndRecord(
        profile p: CustomerProfile, stress: [Double], customer: Int32, issue: Int32, due: Int32,
        cents: Int64, terms: Int, habit: InvoiceHabit, overdue: Int, kind: AnomalyKind?,
        rng: inout SplitMix64, into history: inout SyntheticHistory, paidOut: inout [Int32]
    ) -> Int32 {
        let settlement = settle(profile: p, stress: stress, issue: issue, due: due, cents: cents,
                                terms: terms, habit: habit, overdue: overdue, kind: kind, rng: &rng)
        let known = settlement.paid != .min && settlement.paid <= asOf
        let disputedNow = settlement.disputeOpened != .min && settlement.disputeOpened <= asOf
            && settlement.disputeResolved > asOf
        let index = history.appendInvoice(SyntheticHistory.Invoice(
            customer: customer, issue: issue, due: due, paid: known ? settlement.paid : .min,
            cents: cents, method: habit.method, channel: habit.channel, disputedAtExport: disputedNow,
            anomaly: kind?.rawValue ?? 0))
        paidOut.append(settlement.paid)
        invoiceEvents(profile: p, customer: customer, invoice: index, issue: issue, due: due,
                      cents: cents, settlement: settlement, rng: &rng, into: &history)
        return index
    }

    /// The payment-run day (day `dayOfMonth` of a month) on or before `day`.
    static func run(_ dayOfMonth: Int, onOrBefore day: Int32) -> Int32 {
        let (y, m, d) = Day(raw: day).civil
        if d >= dayOfMonth { return Day(year: y, month: m, day: dayOfMonth)?.raw ?? day }
        let (py, pm) = m == 1 ? (y - 1, 12) : (y, m - 1)
        return Day(year: py, month: pm, day: dayOfMonth)?.raw ?? day
    }

    /// The payment-run day on or after `day`.
    static func run(_ dayOfMonth: Int, onOrAfter day: Int32) -> Int32 {
        let (y, m, d) = Day(raw: day).civil
        if d <= dayOfMonth { return Day(year: y, month: m, day: dayOfMonth)?.raw ?? day }
        let (ny, nm) = m == 12 ? (y + 1, 1) : (y, m + 1)
        return Day(year: ny, month: nm, day: dayOfMonth)?.raw ?? day
    }
}
