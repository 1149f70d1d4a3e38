import RelanceData

/// Everything the policy needs to know about one customer on one day, derived from the dataset,
/// the risk list and the events known that day (never later ones).
///
/// Built by ``CustomerSituation/build(dataset:risk:asOf:paymentsKnownUntil:policy:)``; tests build
/// it directly. Personal fields (names, email, phone) are only used to address messages.
public struct CustomerSituation: Sendable, Equatable {
    public var customerId: String
    public var name: String = ""
    public var contactName: String = ""
    public var email: String = ""
    public var phone: String = ""
    /// BCP-47 tag as given (`fr-BE`), empty when unknown.
    public var language: String = ""
    public var customerSince: Day? = nil
    public var preferredChannel: ContactChannel = .unknown
    public var optOut: Bool = false
    /// Line of the customer in `customers.csv` (0 when the customer has no row), for error messages.
    public var sourceLine: Int = 0

    /// Invoices open on the day, oldest due first.
    public var openInvoices: [OpenInvoice] = []
    /// Invoices settled within `thank_you_window_days` before the day (inclusive).
    public var recentPayments: [RecentPayment] = []

    /// Settled invoices up to the day, and how many were late (paid after due + grace).
    public var settledCount: Int = 0
    public var settledLateCount: Int = 0
    /// Late among the three most recently settled invoices, and among the ones before them.
    public var recentLateCount: Int = 0
    public var recentCount: Int = 0
    public var olderLateCount: Int = 0
    public var olderCount: Int = 0
    /// Average amount invoiced per month over the last 12 months (sizes instalments).
    public var averageMonthlyBilled: Double = 0
    public var lastPaymentDay: Day? = nil

    public var disputeOpen: Bool = false
    /// Day the latest promise to pay falls due (date in the note, or event day + `promise_default_days`).
    public var promisedPaymentDay: Day? = nil
    public var promiseMadeDay: Day? = nil
    public var brokenPromise: Bool = false
    public var paymentPlanAgreedDay: Day? = nil
    public var hardshipReportedDay: Day? = nil
    public var lastBounceDay: Day? = nil
    public var lastOpenedDay: Day? = nil
    /// Latest sign of life from the customer: payment, promise, support contact, dispute, plan, hardship.
    public var lastResponseDay: Day? = nil
    public var lastSupportContactDay: Day? = nil
    /// The note of the latest support contact (referenced in messages when present).
    public var lastSupportContactNote: String = ""
    /// A recent `support_contact` asked to be called back (note mentions call/callback/rappel).
    public var askedForContactDay: Day? = nil
    /// `reminder_sent` and `call` events from `events.csv`, as contacts.
    public var importedContacts: [ContactRecord] = []

    public init(customerId: String) { self.customerId = customerId }

    /// Open invoices past due + grace on the day.
    public func overdueInvoices(graceDays: Int) -> [OpenInvoice] {
        openInvoices.filter { $0.daysOverdue > graceDays }
    }

    /// Sum of open amounts (invoices of one customer share a currency in practice; mixed currencies
    /// are summed per first currency and flagged by ``hasMixedCurrencies``).
    public var openBalance: Double { openInvoices.reduce(0) { $0 + $1.amount } }

    public var hasMixedCurrencies: Bool { Set(openInvoices.map(\.currency)).count > 1 }

    /// Share of settled invoices paid late (0 with no history).
    public var lateShare: Double { settledCount == 0 ? 0 : Double(settledLateCount) / Double(settledCount) }
}

/// An invoice paid shortly before the planning day, a candidate for a thank-you.
public struct RecentPayment: Sendable, Equatable {
    public var invoiceId: String
    public var amount: Double
    public var currency: String
    public var dueDate: Day
    public var paidDate: Day
    public var onTime: Bool

    public init(invoiceId: String, amount: Double, currency: String, dueDate: Day, paidDate: Day, onTime: Bool) {
        self.invoiceId = invoiceId
        self.amount = amount
        self.currency = currency
        self.dueDate = dueDate
        self.paidDate = paidDate
        self.onTime = onTime
    }
}
