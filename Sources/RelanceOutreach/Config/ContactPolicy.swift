import RelanceData

/// The contact policy: how often, how many times and on which days a customer may be contacted
/// (`[policy]` in `relance.toml`).
///
/// Every limit here is enforced by ``OutreachPolicy/decide(_:history:config:asOf:)`` across days,
/// because the ``ContactLedger`` remembers what was planned before. Defaults are conservative: a
/// customer hears from us at most once every `minDaysBetweenContacts` days, whatever the reason.
public struct ContactPolicy: Sendable, Equatable {
    /// Minimum whole days between two contacts (messages or calls) with one customer.
    public var minDaysBetweenContacts: Int = 5
    /// A friendly heads-up is sent this many days (or fewer) before an invoice falls due.
    public var preDueDays: Int = 3
    /// At most this many reminders (pre-due and overdue) name one invoice; then a person calls.
    public var maxRemindersPerInvoice: Int = 3
    /// A pre-due heads-up only where the invoice's `p_late` is at least this.
    public var preDuePLateThreshold: Double = 0.5
    /// The tone only steps up when the previous reminder had this many days without a response.
    public var responseWindowDays: Int = 7
    /// After a firm reminder with no response for this many days, hand over to a person.
    public var noResponseCallDays: Int = 10
    /// Hand over to a person when the customer's expected late amount (sum of priorities) reaches this.
    public var callPriorityThreshold: Double = 10_000
    /// A chronic late payer with at least this open balance is offered a payment plan.
    public var largeBalance: Double = 3_000
    /// Days after the due date before an invoice counts as overdue (same meaning as `grace_days`).
    public var graceDays: Int = 0
    /// At most one thank-you per this many days.
    public var thankYouMinDays: Int = 30
    /// An on-time payment made in the last N days may be thanked.
    public var thankYouWindowDays: Int = 7
    /// A payment plan is offered again only after this many days without agreement.
    public var paymentPlanOfferIntervalDays: Int = 30
    /// Largest number of monthly instalments proposed.
    public var maxInstalments: Int = 6
    /// Smallest instalment proposed (invoice currency).
    public var minInstalment: Double = 100
    /// A customer is "new" for this many days after `customer_since` (or while they have fewer
    /// than three settled invoices).
    public var newCustomerDays: Int = 90
    /// A promise to pay without a date in its note is held for this many days.
    public var promiseDefaultDays: Int = 7
    /// A payment plan counts as active (hold) for this many days after it was agreed.
    public var paymentPlanHoldDays: Int = 90
    /// Whether Saturdays and Sundays are contact days.
    public var contactOnWeekends: Bool = false
    /// Days with no contact at all (public holidays, company closure).
    public var holidays: Set<Day> = []

    public init() {}

    /// Whether a customer may be contacted at all on `day` (weekends and listed holidays excluded).
    public func isContactDay(_ day: Day) -> Bool {
        if !contactOnWeekends && day.isoWeekday >= 6 { return false }
        return !holidays.contains(day)
    }
}
