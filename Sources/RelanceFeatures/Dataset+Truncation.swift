extension Dataset {
    /// The history as it was known at the end of day `day`: what an export taken that evening holds.
    ///
    /// Invoices issued after `day` are removed, paid dates after `day` become empty (the invoice
    /// was still open), events dated after `day` are removed and the others' invoice references
    /// renumbered (a reference to a removed invoice becomes "no invoice"). The export-time
    /// `disputed` flag is rebuilt from what was known: true only when a `dispute_opened` event
    /// dated on or before `day` names the invoice. `customer_since` after `day` is blanked.
    /// Customer codes and the interner are unchanged, and kept rows stay in their original order.
    ///
    /// Features of any invoice as of `day` are identical on the full history and on this copy:
    /// that is the point-in-time guarantee of ``PointInTimeFeatureBuilder``, tested as a property.
    public func truncated(at day: Day) -> Dataset {
        var out = Dataset(customerIds: customerIds, customers: customers)
        let inv = invoices
        var newRow = [Int32](repeating: -1, count: inv.count)
        var kept: [Int] = []
        for i in 0..<inv.count where inv.issueDate[i].raw <= day.raw {
            newRow[i] = Int32(kept.count)
            kept.append(i)
        }
        var disputedKnown = [Bool](repeating: false, count: kept.count)
        var events = EventTable()
        for e in 0..<self.events.count where self.events.date[e].raw <= day.raw {
            let r = Int(self.events.invoice[e])
            let mapped: Int32 = r >= 0 && r < newRow.count ? newRow[r] : -1
            if self.events.kind[e] == .disputeOpened && mapped >= 0 { disputedKnown[Int(mapped)] = true }
            events.append(
                date: self.events.date[e], customer: self.events.customer[e], invoice: mapped,
                kind: self.events.kind[e], note: self.events.note[e],
                sourceLine: e < self.events.sourceLine.count ? self.events.sourceLine[e] : 0)
        }
        var table = InvoiceTable()
        table.currencies = inv.currencies
        table.reserveCapacity(kept.count)
        for (k, i) in kept.enumerated() {
            table.invoiceIds.append(inv.invoiceIds[i])
            table.customer.append(inv.customer[i])
            table.issueDate.append(inv.issueDate[i])
            table.dueDate.append(inv.dueDate[i])
            let paid = inv.paidDate[i]
            table.paidDate.append(!paid.isMissing && paid.raw <= day.raw ? paid : .missing)
            table.amount.append(inv.amount[i])
            table.currency.append(inv.currency[i])
            table.disputed.append(disputedKnown[k])
            table.paymentMethod.append(inv.paymentMethod[i])
            table.channel.append(inv.channel[i])
            table.sourceLine.append(i < inv.sourceLine.count ? inv.sourceLine[i] : 0)
        }
        out.invoices = table
        out.events = events
        for i in 0..<out.customers.count where !out.customers.customerSince[i].isMissing
            && out.customers.customerSince[i].raw > day.raw {
            out.customers.customerSince[i] = .missing
        }
        return out
    }

    /// The latest issue, paid or event date of the history (due dates are promises, not facts), or
    /// nil for an empty history: a sensible default cut-off for training labels.
    public var latestKnownDay: Day? {
        var latest = Int32.min
        for d in invoices.issueDate where d.raw > latest { latest = d.raw }
        for d in invoices.paidDate where !d.isMissing && d.raw > latest { latest = d.raw }
        for d in events.date where d.raw > latest { latest = d.raw }
        return latest == Int32.min ? nil : Day(raw: latest)
    }
}
