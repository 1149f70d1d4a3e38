/// All invoices of a history, stored column by column.
///
/// Row `i` of every column describes the same invoice. Customers are interned codes shared with
/// ``CustomerTable`` and ``EventTable`` through ``Dataset/customerIds``; dates are ``Day``s with
/// ``Day/missing`` for an open invoice's `paidDate`; amounts are `Double` in the invoice currency.
/// `sourceLine` keeps the physical line of each row in its file so later stages can point at it.
public struct InvoiceTable: Sendable {
    public var invoiceIds: [String] = []
    public var customer: [Int32] = []
    public var issueDate: [Day] = []
    public var dueDate: [Day] = []
    public var paidDate: [Day] = []
    public var amount: [Double] = []
    /// Interned currency codes; see ``currencies``.
    public var currency: [Int32] = []
    public var currencies = IdInterner()
    public var disputed: [Bool] = []
    public var paymentMethod: [PaymentMethod] = []
    public var channel: [InvoiceChannel] = []
    public var sourceLine: [Int] = []

    public init() {}

    public var count: Int { invoiceIds.count }

    /// The paid date of row `i`, nil while open.
    @inlinable public func paid(_ i: Int) -> Day? {
        let d = paidDate[i]
        return d.isMissing ? nil : d
    }

    public mutating func reserveCapacity(_ n: Int) {
        invoiceIds.reserveCapacity(n); customer.reserveCapacity(n); issueDate.reserveCapacity(n)
        dueDate.reserveCapacity(n); paidDate.reserveCapacity(n); amount.reserveCapacity(n)
        currency.reserveCapacity(n); disputed.reserveCapacity(n); paymentMethod.reserveCapacity(n)
        channel.reserveCapacity(n); sourceLine.reserveCapacity(n)
        // Large columns are backed by huge pages where the kernel allows (far fewer page faults
        // while a million-row file is read).
        LargePages.adviseCapacity(of: &customer); LargePages.adviseCapacity(of: &issueDate)
        LargePages.adviseCapacity(of: &dueDate); LargePages.adviseCapacity(of: &paidDate)
        LargePages.adviseCapacity(of: &amount); LargePages.adviseCapacity(of: &currency)
        LargePages.adviseCapacity(of: &sourceLine); LargePages.adviseCapacity(of: &invoiceIds)
    }

    /// Appends one invoice; callers validate before appending.
    public mutating func append(
        invoiceId: String, customer: Int32, issueDate: Day, dueDate: Day, paidDate: Day?,
        amount: Double, currency: String, disputed: Bool = false,
        paymentMethod: PaymentMethod = .unknown, channel: InvoiceChannel = .unknown, sourceLine: Int = 0
    ) {
        invoiceIds.append(invoiceId)
        self.customer.append(customer)
        self.issueDate.append(issueDate)
        self.dueDate.append(dueDate)
        self.paidDate.append(paidDate ?? .missing)
        self.amount.append(amount)
        self.currency.append(currencies.intern(currency))
        self.disputed.append(disputed)
        self.paymentMethod.append(paymentMethod)
        self.channel.append(channel)
        self.sourceLine.append(sourceLine)
    }
}
