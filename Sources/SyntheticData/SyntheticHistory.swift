/// The generated history in columns, before ids are assigned and files are written.
///
/// Invoices and events are appended customer by customer; the writer later orders invoices by
/// issue date and events by date. Days are raw `Day` values; `paid` is `Int32.min` when the
/// invoice is open at the as-of day (payments after it are unknown and never stored).
struct SyntheticHistory {
    // Invoices
    var customer: [Int32] = []
    var issue: [Int32] = []
    var due: [Int32] = []
    var paid: [Int32] = []
    var cents: [Int64] = []
    var disputedAtExport: [Bool] = []
    var method: [PaymentMethod] = []
    var channel: [InvoiceChannel] = []
    /// 0 for a legitimate invoice, else an ``AnomalyKind`` raw value.
    var anomaly: [UInt8] = []

    // Events
    var eventDay: [Int32] = []
    var eventCustomer: [Int32] = []
    /// Index into the invoice columns, or -1 for a customer-level event.
    var eventInvoice: [Int32] = []
    var eventKind: [EventKind] = []
    var eventNote: [EventNote] = []
    var eventNoteValue: [Int32] = []

    var invoiceCount: Int { issue.count }
    var eventCount: Int { eventDay.count }

    mutating func reserve(invoices: Int, events: Int) {
        customer.reserveCapacity(invoices); issue.reserveCapacity(invoices); due.reserveCapacity(invoices)
        paid.reserveCapacity(invoices); cents.reserveCapacity(invoices); disputedAtExport.reserveCapacity(invoices)
        method.reserveCapacity(invoices); channel.reserveCapacity(invoices); anomaly.reserveCapacity(invoices)
        eventDay.reserveCapacity(events); eventCustomer.reserveCapacity(events); eventInvoice.reserveCapacity(events)
        eventKind.reserveCapacity(events); eventNote.reserveCapacity(events); eventNoteValue.reserveCapacity(events)
    }

    mutating func appendInvoice(
        customer: Int32, issue: Int32, due: Int32, paid: Int32, cents: Int64, disputed: Bool,
        method: PaymentMethod, channel: InvoiceChannel, anomaly: UInt8
    ) -> Int32 {
        self.customer.append(customer)
        self.issue.append(issue)
        self.due.append(due)
        self.paid.append(paid)
        self.cents.append(cents)
        self.disputedAtExport.append(disputed)
        self.method.append(method)
        self.channel.append(channel)
        self.anomaly.append(anomaly)
        return Int32(self.issue.count - 1)
    }

    mutating func appendEvent(
        day: Int32, customer: Int32, invoice: Int32, kind: EventKind, note: EventNote = .none, value: Int32 = 0
    ) {
        eventDay.append(day)
        eventCustomer.append(customer)
        eventInvoice.append(invoice)
        eventKind.append(kind)
        eventNote.append(note)
        eventNoteValue.append(value)
    }
}
