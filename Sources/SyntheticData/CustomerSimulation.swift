import Foundation

/// Simulates one customer's whole relationship: orders, amounts, terms, payments, disputes,
/// reminders and calls, hardship — then hides everything after the as-of day.
///
/// The simulation first lets the world run past the as-of day (a payment due next month is
/// decided now) and then censors: a payment after the as-of day becomes an open invoice, an event
/// after it is dropped, and the `disputed` flag is the status on the as-of day. This is exactly
/// what an export taken that day would show, so no future information leaks into the files.
///
/// Lateness is driven by the customer's latent reliability and monthly stress (drift, stress
/// episodes, deterioration), the overdue backlog an invoice joins, the invoice's own method,
/// channel, size and terms, the season, and per-invoice noise: predictable from what a ledger
/// shows before the issue date — the customer's past and present situation — never certain.
struct CustomerSimulation {
    let calendar: SimulationCalendar
    /// The export day: later payments, events and dispute outcomes are hidden.
    let asOf: Int32
    /// The last day of the simulated world (≥ `asOf`). Every random draw depends on it and never
    /// on `asOf`, so exports of one world on different days agree on everything they both show.
    let worldEnd: Int32
    /// Orders per active day for an order weight of 1 (scaled to the requested invoice count).
    let ordersPerWeightDay: Double
    /// Chance that a new customer's first invoice is an injected `new_customer_large_first`.
    let newCustomerLargeFirstChance: Double
    /// Chance that any other invoice carries one of the per-invoice anomalies.
    let perInvoiceAnomalyChance: Double

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

        // Invoices due and not yet paid in the simulated world, for the overdue backlog a new
        // invoice meets (world payment days: an export shows the same backlog on any issue day
        // up to its as-of day).
        var backlog = Backlog()

        for (j, order) in orders.enumerated() {
            let issue = order.day
            var amount = orderAmount(order, index: j, profile: p, rng: &rng)
            var terms = orderTerms(profile: p, rng: &rng)
            let injected = injectAnomaly(index: j, profile: p, amount: &amount, terms: &terms, rng: &rng)
            let kind = injected.kind
            let duplicateIt = injected.duplicate
            let cents = max(500, Int64(amount.rounded()))
            let due = issue + Int32(terms)
            let habit = invoiceHabit(profile: p, rng: &rng)
            let index = settleAndRecord(
                profile: p, stress: stress, customer: customer, issue: issue, due: due, cents: cents,
                terms: terms, habit: habit, overdue: backlog.overdue(on: issue), kind: kind, rng: &rng,
                into: &history, paidOut: &myPaid)
            myInvoices.append(index); myIssue.append(issue); myDue.append(due)
            backlog.add(due: due, paid: myPaid[myPaid.count - 1])

            if duplicateIt {
                // The same invoice entered twice a few days apart under a new number.
                let copyIssue = CalendarDay.next(issue + Int32(rng.int(0...4)))
                if copyIssue <= worldEnd {
                    let copyDue = copyIssue + Int32(terms)
                    let copy = settleAndRecord(
                        profile: p, stress: stress, customer: customer, issue: copyIssue, due: copyDue,
                        cents: cents, terms: terms, habit: habit, overdue: backlog.overdue(on: copyIssue),
                        kind: .duplicate, rng: &rng, into: &history, paidOut: &myPaid)
                    myInvoices.append(copy); myIssue.append(copyIssue); myDue.append(copyDue)
                    backlog.add(due: copyDue, paid: myPaid[myPaid.count - 1])
                }
            }
        }

        customerEvents(profile: p, customer: customer, stress: stress, invoices: myInvoices,
                       issue: myIssue, due: myDue, paid: myPaid, rng: &rng, into: &history)
        return stress[calendar.month(of: asOf)]
    }

    // MARK: - Per-invoice habit

    /// How one invoice is sent and paid: usually the customer's habit, sometimes not — a paper
    /// invoice to a customer invoiced electronically (a new site, a portal outage), a cheque from
    /// a customer who pays by transfer, a transfer when a debit mandate does not cover the
    /// invoice. Such exceptions are paid more slowly than the customer's usual invoices.
    func invoiceHabit(profile p: CustomerProfile, rng: inout SplitMix64) -> InvoiceHabit {
        var method = p.method
        var channel = p.channel
        switch p.method {
        case .transfer: if rng.chance(0.07) { method = .cheque }
        case .cheque: if rng.chance(0.15) { method = .transfer }
        case .directDebit: if rng.chance(0.05) { method = .transfer }
        case .card: if rng.chance(0.1) { method = .transfer }
        default: break
        }
        if rng.chance(p.channel == .paper ? 0.2 : 0.1) {
            channel = p.channel == .paper ? .electronic : .paper
        }
        return InvoiceHabit(method: method, channel: channel)
    }

    // MARK: - Amounts, terms, anomalies

    /// The amount in minor units (as a `Double`, rounded later) of a regular order.
    func orderAmount(_ order: Order, index j: Int, profile p: CustomerProfile, rng: inout SplitMix64) -> Double {
        let typicalCents = max(1_000, p.typicalAmount * 100)
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
        return amount
    }

    /// Payment terms in days: the customer's usual, sometimes another standard term, rarely a
    /// legitimate one-off (payment on receipt, an extended seasonal agreement) that looks like
    /// the unusual-terms anomaly.
    func orderTerms(profile p: CustomerProfile, rng: inout SplitMix64) -> Int {
        if rng.chance(0.03) {
            return rng.element([30, 45, 60].filter { $0 != p.termsDays })
        }
        if rng.chance(0.0025) { return rng.element([0, 7, 90, 120]) }
        return p.termsDays
    }

    /// Decides whether order `j` carries an injected anomaly and applies it to the amount or
    /// terms; a duplicate is reported so that the caller adds the copy.
    func injectAnomaly(index j: Int, profile p: CustomerProfile, amount: inout Double, terms: inout Int,
                       rng: inout SplitMix64) -> (kind: AnomalyKind?, duplicate: Bool) {
        let typicalCents = max(1_000, p.typicalAmount * 100)
        if j == 0 && p.joinedDuringHistory {
            guard rng.chance(newCustomerLargeFirstChance) else { return (nil, false) }
            amount = max(amount, typicalCents) * (12 + 18 * rng.uniform())
            return (.newCustomerLargeFirst, false)
        }
        guard rng.chance(perInvoiceAnomalyChance) else { return (nil, false) }
        // Spikes and duplicates need a few earlier invoices to stand out against.
        let established = j >= 5
        let weights: [Double] = [established ? 0.30 : 0, established ? 0.26 : 0, 0.20, 0.24]
        switch rng.pick(weights) {
        case 0:
            amount = max(amount, typicalCents) * (5 + 15 * rng.uniform())
            return (.amountSpike, false)
        case 1:
            return (nil, true)
        case 2:
            terms = rng.element(p.termsDays >= 60 ? [5, 7, 10, 150, 180] : [5, 7, 10, 120, 150])
            return (.unusualTerms, false)
        default:
            let target = typicalCents * (3 + 7 * rng.uniform())
            let step: Double = target >= 1_500_000 ? 500_000 : 100_000
            amount = max(step, (target / step).rounded() * step)
            return (.roundAmount, false)
        }
    }

    // MARK: - Latent stress

    /// Monthly financial stress: a mean-reverting random walk, a slow drift, stress episodes and a steady
    /// climb from the onset month for deteriorating customers.
    ///
    /// Episodes are what make lateness depend on time and not only on who the customer is: a
    /// customer hit by a cash squeeze (a lost contract, a late-paying client of their own)
    /// sees their stress build over a month or two, stay high for a few months and ease off.
    /// Meanwhile they pay everything later, so overdue invoices pile up, recent lateness departs
    /// from the long-run share and the last payment recedes — all visible before the next issue
    /// date — and then they recover. Fragile (less reliable) customers are hit more often.
    func stressPath(profile p: CustomerProfile, rng: inout SplitMix64) -> [Double] {
        var path = [Double](repeating: 0, count: calendar.monthCount)
        let onsetDay = p.firstOrder + Int(Double(Int(worldEnd) - Int(p.firstOrder.raw)) * p.deteriorationOnset)
        let onset = calendar.month(of: onsetDay.raw)
        var level = 0.35 * rng.normal()
        // A slow drift of the customer's habits (a new accountant, a change of owner, a bank
        // that tightens credit): over the years recent behaviour departs from the long-run one.
        var drift = 0.0
        let hazard = 0.024 + 0.02 * (1 - p.reliability)
        var episodeMonth = -1, episodeLength = 0, episodePeak = 0.0
        for m in 0..<path.count {
            level = 0.9 * level + 0.18 * rng.normal()
            drift = 0.97 * drift + 0.2 * rng.normal()
            var value = level + drift
            if episodeMonth < 0 && rng.chance(hazard) {
                episodeMonth = 0
                episodeLength = 5 + rng.poisson(7)
                episodePeak = 2.2 + 1.6 * rng.uniform()
            }
            if episodeMonth >= 0 {
                // Build-up over two months, a plateau, then a month of easing off.
                let shape: Double
                if episodeMonth == 0 { shape = 0.45 }
                else if episodeMonth == 1 { shape = 0.8 }
                else if episodeMonth < episodeLength { shape = 1 }
                else { shape = 0.4 }
                value += episodePeak * shape
                episodeMonth += 1
                if episodeMonth > episodeLength { episodeMonth = -1 }
            }
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
        let first = p.firstOrder.raw, last = min(p.lastOrder.raw, worldEnd)
        if p.joinedDuringHistory {
            let d = CalendarDay.next(first)
            if d <= worldEnd { orders.append(Order(day: d, subscription: false)) }
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
                if d <= worldEnd { orders.append(Order(day: d, subscription: false)) }
            }
        }
        orders.sort { $0.day < $1.day }
        return orders
    }
}
