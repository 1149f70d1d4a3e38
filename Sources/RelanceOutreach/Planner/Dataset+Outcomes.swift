import RelanceData

extension Dataset {
    /// The dataset with ledger outcomes added as events, so that the planner sees `relance record`
    /// imports exactly like rows of `events.csv`. An outcome identical to an existing event (same
    /// day, customer, kind, invoice and note) is not added twice; unknown customers are interned.
    public func addingOutcomes(_ outcomes: [LedgerOutcome]) -> Dataset {
        guard !outcomes.isEmpty else { return self }
        var copy = self
        var rowByInvoice: [String: Int32] = [:]
        for i in 0..<invoices.count { rowByInvoice[invoices.invoiceIds[i]] = Int32(i) }
        struct Key: Hashable { var day: Int32; var customer: Int32; var invoice: Int32; var kind: UInt8; var note: String }
        var existing: Set<Key> = []
        for e in 0..<events.count {
            existing.insert(Key(day: events.date[e].raw, customer: events.customer[e], invoice: events.invoice[e],
                                kind: events.kind[e].rawValue, note: events.note[e]))
        }
        for o in outcomes {
            let customer = copy.customerIds.intern(o.customerId)
            let invoice = o.invoiceId.isEmpty ? -1 : (rowByInvoice[o.invoiceId] ?? -1)
            let key = Key(day: o.day.raw, customer: customer, invoice: invoice, kind: o.kind.rawValue, note: o.note)
            guard existing.insert(key).inserted else { continue }
            copy.events.append(date: o.day, customer: customer, invoice: invoice, kind: o.kind, note: o.note)
        }
        return copy
    }
}
