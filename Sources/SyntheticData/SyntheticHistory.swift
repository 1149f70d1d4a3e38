/// The generated history, before ids are assigned and files are written.
///
/// Invoices and events are appended customer by customer; the writer later emits invoices in
/// issue-date order and events in date order, which visits the rows in an order unrelated to
/// memory. Rows are therefore kept as compact records (one cache line per invoice) rather than
/// columns: the reordering gather then costs one cache miss per row instead of one per column,
/// which is most of the writing time at a million rows. Days are raw `Day` values; `paid` is
/// `Int32.min` when the invoice is open on the as-of day (later payments are never stored).
struct SyntheticHistory {
    struct Invoice {
        var customer: Int32
        var issue: Int32
        var due: Int32
        var paid: Int32
        var cents: Int64
        var method: PaymentMethod
        var channel: InvoiceChannel
        var disputedAtExport: Bool
        /// 0 for a legitimate invoice, else an ``AnomalyKind`` raw value.
        var anomaly: UInt8
    }

    struct Event {
        var day: Int32
        var customer: Int32
        /// Index into ``SyntheticHistory/invoices``, or -1 for a customer-level event.
        var invoice: Int32
        var value: Int32
        var kind: EventKind
        var note: EventNote
    }

    var invoices: [Invoice] = []
    var events: [Event] = []

    var invoiceCount: Int { invoices.count }
    var eventCount: Int { events.count }

    mutating func reserve(invoices: Int, events: Int) {
        self.invoices.reserveCapacity(invoices)
        self.events.reserveCapacity(events)
    }

    mutating func appendInvoice(_ invoice: Invoice) -> Int32 {
        invoices.append(invoice)
        return Int32(invoices.count - 1)
    }

    mutating func appendEvent(
        day: Int32, customer: Int32, invoice: Int32, kind: EventKind, note: EventNote = .none, value: Int32 = 0
    ) {
        events.append(Event(day: day, customer: customer, invoice: invoice, value: value, kind: kind, note: note))
    }
}
