import RelanceData

/// The policy's verdict for one customer on one day: what to do, in which tone, about which invoices, and why.
public struct Decision: Sendable, Equatable {
    public var customerId: String
    public var day: Day
    public var action: OutreachAction
    public var tone: Tone?
    public var channel: OutreachChannel
    /// The invoices concerned: for messages, every open invoice of the customer (one message covers them all).
    public var invoiceIds: [String]
    public var reason: DecisionReason
    public var segment: CustomerSegment
    /// Set for ``OutreachAction/paymentPlanOffer`` (and offered in `calls.csv` for calls of customers in difficulty).
    public var paymentPlan: PaymentPlanProposal?

    public init(customerId: String, day: Day, action: OutreachAction, tone: Tone? = nil, channel: OutreachChannel = .none,
                invoiceIds: [String] = [], reason: DecisionReason, segment: CustomerSegment, paymentPlan: PaymentPlanProposal? = nil) {
        self.customerId = customerId
        self.day = day
        self.action = action
        self.tone = tone
        self.channel = channel
        self.invoiceIds = invoiceIds
        self.reason = reason
        self.segment = segment
        self.paymentPlan = paymentPlan
    }

    /// The ledger record this decision leaves, or nil when it is not a contact (hold, none).
    public var contactRecord: ContactRecord? {
        guard action.isContact else { return nil }
        return ContactRecord(day: day, customerId: customerId, action: action, tone: tone, invoiceIds: invoiceIds)
    }
}
