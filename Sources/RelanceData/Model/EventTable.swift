/// Interaction history (`events.csv`), columnar, in file order.
///
/// `invoice[i]` is the row of the invoice in ``InvoiceTable`` the event refers to, or -1 when the
/// event names no invoice. Events dated after a feature's as-of day must never be used for it.
public struct EventTable: Sendable {
    public var date: [Day] = []
    public var customer: [Int32] = []
    public var invoice: [Int32] = []
    public var kind: [EventKind] = []
    public var note: [String] = []
    public var sourceLine: [Int] = []

    public init() {}

    public var count: Int { date.count }

    public mutating func reserveCapacity(_ n: Int) {
        date.reserveCapacity(n); customer.reserveCapacity(n); invoice.reserveCapacity(n)
        kind.reserveCapacity(n); note.reserveCapacity(n); sourceLine.reserveCapacity(n)
        LargePages.adviseCapacity(of: &date); LargePages.adviseCapacity(of: &customer)
        LargePages.adviseCapacity(of: &invoice); LargePages.adviseCapacity(of: &note)
        LargePages.adviseCapacity(of: &sourceLine)
    }

    public mutating func append(
        date: Day, customer: Int32, invoice: Int32 = -1, kind: EventKind, note: String = "",
        sourceLine: Int = 0
    ) {
        self.date.append(date)
        self.customer.append(customer)
        self.invoice.append(invoice)
        self.kind.append(kind)
        self.note.append(note)
        self.sourceLine.append(sourceLine)
    }
}
