import Foundation

/// The hidden traits of one synthetic customer and the identity written to `customers.csv`.
///
/// The traits are what a good model should recover from behaviour alone: a latent `reliability`
/// (the chance of paying on time in calm conditions), a financial stress that drifts month by
/// month with occasional stress episodes (drawn during the simulation), and for some customers a
/// slow deterioration from a given month on. Habits (payment method, invoice channel, terms,
/// order size and rhythm) shift the odds the way they do in real ledgers: direct debits are rarely
/// late, cheques and paper invoices are slower (single invoices may depart from the habit).
struct CustomerProfile {
    var segment: CustomerSegment
    var language: String
    var identity: FictitiousIdentity
    var customerSince: Day
    /// First day the customer may be invoiced within the history.
    var firstOrder: Day
    /// Last day the customer may be invoiced (earlier than the as-of day for churned customers).
    var lastOrder: Day
    var preferredChannel: ContactChannel
    var optOut: Bool
    var reliability: Double
    var deteriorating: Bool
    /// Fraction of the history after which a deteriorating customer's stress starts to climb.
    var deteriorationOnset: Double
    /// Stress added per month after the onset.
    var deteriorationSlope: Double
    var termsDays: Int
    var method: PaymentMethod
    var channel: InvoiceChannel
    /// Relative ordering intensity (scaled to the requested invoice count by the generator).
    var orderWeight: Double
    /// Typical invoice amount in currency units.
    var typicalAmount: Double
    /// Log-scale spread of the customer's invoice amounts.
    var amountSpread: Double
    /// Monthly subscription fee in minor units, or 0.
    var subscriptionCents: Int64
    /// Day of month (1…28) the subscription is invoiced.
    var subscriptionDayOfMonth: Int
    /// A short price list for retail customers who re-order the same items (empty otherwise).
    var priceList: [Int64]
    /// Multiplier on the base dispute rate.
    var disputeProneness: Double
    /// The customer's e-mail bounces (every reminder comes back).
    var badEmail: Bool
    /// The customer joined during the history (as opposed to before its start).
    var joinedDuringHistory: Bool
    /// Day of month (10, 15, 25 or 28) of the customer's monthly supplier payment run, or 0 when
    /// the customer pays invoices one by one. Large organisations pay in runs: on-time invoices
    /// are paid at the last run before they fall due, late ones wait for the next run.
    var paymentRunDay: Int

    /// Log-odds of paying late in calm conditions.
    var baseLateLogOdds: Double { log((1 - reliability) / reliability) }

    static let languages = ["fr", "fr-FR", "fr-BE", "fr-CH", "fr-CA", "en", "en-GB", "en-US", "en-IE"]
    static let languageWeights = [0.26, 0.13, 0.08, 0.03, 0.03, 0.11, 0.23, 0.08, 0.05]

    static func draw(options: GeneratorOptions, rng: inout SplitMix64) -> CustomerProfile {
        let segment: CustomerSegment = [.sme, .enterprise, .publicSector, .retail][rng.pick([0.55, 0.14, 0.12, 0.19])]
        let language = languages[rng.pick(languageWeights)]
        let identity = FictitiousIdentity.draw(language: language, segment: segment, rng: &rng)

        // When the customer appears: a little over half exist before the history starts.
        let span = options.worldEnd - options.start
        let joinedDuring = !rng.chance(0.55)
        let firstOrder: Day
        let since: Day
        if joinedDuring {
            firstOrder = options.start + Int(Double(span - 7) * rng.uniform())
            since = firstOrder - rng.int(0...21)
        } else {
            firstOrder = options.start
            since = options.start - rng.int(30...4_200)
        }
        var lastOrder = options.worldEnd
        if rng.chance(0.12) {
            let remaining = options.worldEnd - firstOrder
            if remaining > 120 { lastOrder = firstOrder + 60 + rng.int(0...(remaining - 60)) }
        }

        // Payment habit.
        let method: PaymentMethod
        switch segment {
        case .retail: method = [.card, .transfer, .directDebit, .cheque, .other][rng.pick([0.38, 0.30, 0.14, 0.14, 0.04])]
        case .publicSector: method = [.transfer, .cheque, .other][rng.pick([0.82, 0.14, 0.04])]
        case .enterprise: method = [.transfer, .directDebit, .other][rng.pick([0.78, 0.18, 0.04])]
        case .sme: method = [.transfer, .directDebit, .cheque, .card, .other][rng.pick([0.56, 0.18, 0.14, 0.08, 0.04])]
        }
        let paperShare: Double = segment == .publicSector ? 0.38 : method == .cheque ? 0.45 : 0.12
        let channel: InvoiceChannel = rng.chance(paperShare) ? .paper : .electronic

        // Terms: mostly 30 days; public bodies and large accounts negotiate longer ones; a few
        // customers are legitimately on 15 or 90 days (look-alikes for the unusual-terms anomaly).
        var terms: Int
        switch segment {
        case .publicSector: terms = [30, 45, 60][rng.pick([0.35, 0.2, 0.45])]
        case .enterprise: terms = [30, 45, 60][rng.pick([0.45, 0.25, 0.30])]
        case .retail: terms = [30, 45, 60][rng.pick([0.9, 0.07, 0.03])]
        case .sme: terms = [30, 45, 60][rng.pick([0.76, 0.14, 0.10])]
        }
        if rng.chance(0.02) { terms = rng.chance(0.5) ? 15 : 90 }

        // Reliability: a mixture of good, average and poor payers.
        var reliability: Double
        switch rng.pick([0.55, 0.30, 0.15]) {
        case 0: reliability = 0.85 + 0.11 * rng.uniform()
        case 1: reliability = 0.65 + 0.2 * rng.uniform()
        default: reliability = 0.38 + 0.27 * rng.uniform()
        }
        if segment == .publicSector { reliability = min(0.97, reliability * 0.9 + 0.06) }
        let deteriorating = rng.chance(0.09)
        if deteriorating { reliability = 0.80 + 0.16 * rng.uniform() }
        let onset = 0.15 + 0.5 * rng.uniform()
        let slope = 0.06 + 0.08 * rng.uniform()

        // Order size and rhythm.
        let median: Double
        let weightBase: Double
        switch segment {
        case .sme: median = 1_100; weightBase = 1.0
        case .enterprise: median = 7_500; weightBase = 2.4
        case .publicSector: median = 3_200; weightBase = 0.9
        case .retail: median = 160; weightBase = 1.6
        }
        let typical = median * rng.logNormal(mu: 0, sigma: 0.85)
        let orderWeight = weightBase * rng.logNormal(mu: 0, sigma: 0.8)
        var subscription: Int64 = 0
        // A subscription bills every month whatever the requested size, so subscriptions become
        // rarer when the history is asked to hold less than about one invoice per customer-month.
        let months = max(1, Double(options.worldEnd - options.start) / 30.44)
        let invoicesPerCustomerMonth = Double(options.invoices) / Double(max(1, options.customers)) / months
        if segment != .retail && rng.chance(0.12 * min(1, invoicesPerCustomerMonth)) {
            // Round fees are common and legitimate (look-alikes for the round-amount anomaly).
            let fee = typical * (0.3 + 0.5 * rng.uniform())
            let step: Double = fee >= 2_000 ? 500 : fee >= 400 ? 50 : 10
            let rounded = rng.chance(0.55) ? (fee / step).rounded() * step : fee
            subscription = max(2_000, Int64((rounded * 100).rounded()))
        }
        var prices: [Int64] = []
        if segment == .retail && rng.chance(0.6) {
            for _ in 0..<rng.int(2...5) {
                prices.append(max(900, Int64((typical * rng.logNormal(mu: 0, sigma: 0.35) * 100).rounded())))
            }
        }
        let preferred: ContactChannel
        if channel == .paper {
            preferred = [.letter, .phone, .email][rng.pick([0.45, 0.25, 0.30])]
        } else {
            preferred = [.email, .sms, .phone, .letter][rng.pick([0.72, 0.13, 0.11, 0.04])]
        }

        let runShare: Double = segment == .enterprise ? 0.45 : segment == .publicSector ? 0.4 : segment == .sme ? 0.08 : 0
        let paysInRuns = method != .card && method != .directDebit && rng.chance(runShare)

        return CustomerProfile(
            segment: segment, language: language, identity: identity, customerSince: since,
            firstOrder: firstOrder, lastOrder: lastOrder, preferredChannel: preferred,
            optOut: rng.chance(0.03), reliability: reliability, deteriorating: deteriorating,
            deteriorationOnset: onset, deteriorationSlope: slope, termsDays: terms, method: method,
            channel: channel, orderWeight: orderWeight, typicalAmount: typical,
            amountSpread: 0.25 + 0.35 * rng.uniform(), subscriptionCents: subscription,
            subscriptionDayOfMonth: rng.int(1...28), priceList: prices,
            disputeProneness: rng.logNormal(mu: 0, sigma: 0.7), badEmail: rng.chance(0.03),
            joinedDuringHistory: joinedDuring,
            paymentRunDay: paysInRuns ? rng.element([10, 15, 25, 28]) : 0)
    }

    /// Expected invoices per active day before scaling, used to hit the requested total.
    var activeDays: Int { max(1, lastOrder - firstOrder + 1) }
}
