/// What to generate: size, time span, seed and anomaly share of a synthetic invoice history.
///
/// The defaults produce the sample shipped in `datasets/sample/` (see `datasets/README.md`).
/// Two runs with equal options write byte-identical files.
public struct GeneratorOptions: Sendable, Equatable {
    /// Seed of every random draw; the only source of variation between runs.
    public var seed: UInt64
    /// Number of customers (all of them appear in `customers.csv`).
    public var customers: Int
    /// Approximate number of invoices issued up to the ``horizon`` (a Poisson process is scaled to
    /// it, so the actual count is within a few percent); `invoices.csv` holds those issued by ``asOf``.
    public var invoices: Int
    /// First day of the invoice history.
    public var start: Day
    /// Export day: nothing after it is known (no payment, no event, no dispute status).
    public var asOf: Day
    /// Last day of the simulated world, on or after ``asOf`` (nil: the as-of day).
    ///
    /// The world (customers, orders, payments, events) depends on the seed, start and horizon,
    /// never on the as-of day, which only decides what the export shows. So two runs that differ
    /// only in `asOf` are two exports of the same ledger taken on different days: the earlier
    /// one is the later one with what happened in between hidden. Use it to simulate the daily
    /// job over consecutive days.
    public var horizon: Day?
    /// Share of invoices carrying an injected anomaly (listed in `truth/anomalies.csv`).
    public var anomalyRate: Double
    /// ISO 4217 code written in the `currency` column.
    public var currency: String

    public init(
        seed: UInt64 = 42, customers: Int = 500, invoices: Int = 24_000,
        start: Day = Day(year: 2023, month: 1, day: 2) ?? Day(raw: 19359),
        asOf: Day = Day(year: 2026, month: 11, day: 27) ?? Day(raw: 20784),
        horizon: Day? = nil, anomalyRate: Double = 0.015, currency: String = "EUR"
    ) {
        self.seed = seed
        self.customers = customers
        self.invoices = invoices
        self.start = start
        self.asOf = asOf
        self.horizon = horizon
        self.anomalyRate = anomalyRate
        self.currency = currency
    }

    /// The last simulated day: the horizon, or the as-of day when there is none.
    public var worldEnd: Day { horizon ?? asOf }

    /// Checks the options before any work starts.
    public func validate() throws {
        guard customers >= 1 else { throw GeneratorError.invalidOption("customers must be at least 1") }
        guard invoices >= customers else {
            throw GeneratorError.invalidOption("invoices must be at least the number of customers")
        }
        guard asOf - start >= 90 else {
            throw GeneratorError.invalidOption("the as-of date must be at least 90 days after the start")
        }
        if let horizon, horizon < asOf {
            throw GeneratorError.invalidOption("the horizon must not be before the as-of date")
        }
        guard start.civil.year >= 1990, worldEnd.civil.year <= 9000 else {
            throw GeneratorError.invalidOption("dates must lie between 1990 and 9000")
        }
        guard anomalyRate >= 0, anomalyRate <= 0.2 else {
            throw GeneratorError.invalidOption("anomaly rate must be between 0 and 0.2")
        }
        guard currency.utf8.count == 3, currency.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) else {
            throw GeneratorError.invalidOption("currency must be a three-letter ISO 4217 code")
        }
    }
}
