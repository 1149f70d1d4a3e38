/// Events: reminders, calls, promises, disputes, support contacts, hardship and payment plans.
extension CustomerSimulation {
    func emit(_ history: inout SyntheticHistory, day: Int32, customer: Int32, invoice: Int32,
                      kind: EventKind, note: EventNote = .none, value: Int32 = 0) {
        guard day <= asOf else { return }
        history.appendEvent(day: day, customer: customer, invoice: invoice, kind: kind, note: note, value: value)
    }

    func invoiceEvents(
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
            if d >= end || d > worldEnd { break }
            if inDispute(d) || !rng.chance(0.92) { continue }
            remind(d, level: level, rng: &rng)
        }
        // A call for invoices a month overdue, sometimes ending in a promise to pay.
        if end - due > 30 && rng.chance(Double(cents) > 5 * typicalCents ? 0.7 : 0.5) {
            let call = CalendarDay.next(due + Int32(rng.int(24...34)))
            if call < end && call <= worldEnd && !inDispute(call) {
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
    func customerEvents(
        profile p: CustomerProfile, customer: Int32, stress: [Double], invoices: [Int32],
        issue: [Int32], due: [Int32], paid: [Int32], rng: inout SplitMix64, into history: inout SyntheticHistory
    ) {
        let first = p.firstOrder.raw
        let span = Int(worldEnd - first)
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
        let firstMonth = calendar.month(of: first), lastMonth = calendar.month(of: worldEnd)
        guard firstMonth < lastMonth else { return }
        var previous = stress[firstMonth] + calendar.economy[firstMonth]
        for m in (firstMonth + 1)...lastMonth {
            let level = stress[m] + calendar.economy[m]
            defer { previous = level }
            guard level > threshold && previous <= threshold && rng.chance(0.55) else { continue }
            let d = CalendarDay.next(calendar.monthStart[m] + Int32(rng.int(0...(calendar.daysIn(month: m) - 1))))
            guard d >= first && d <= worldEnd else { continue }
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
