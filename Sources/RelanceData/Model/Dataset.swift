/// A loaded history: invoices, optional customers and events, and the customer-id interner they share.
///
/// This is what the data layer hands to features, scoring and outreach. Customer codes in all three
/// tables index ``customerIds``.
public struct Dataset: Sendable {
    public var customerIds: IdInterner
    public var invoices: InvoiceTable
    public var customers: CustomerTable
    public var events: EventTable

    public init(
        customerIds: IdInterner = IdInterner(), invoices: InvoiceTable = InvoiceTable(),
        customers: CustomerTable = CustomerTable(), events: EventTable = EventTable()
    ) {
        self.customerIds = customerIds
        self.invoices = invoices
        self.customers = customers
        self.events = events
    }

    public var customerCount: Int { customerIds.count }
}
