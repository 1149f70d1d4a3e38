import Foundation

/// Generates a synthetic but realistic invoice history and writes it in the canonical CSV format.
///
/// Writes into `directory`:
/// - `invoices.csv`, `customers.csv`, `events.csv` — the canonical inputs of the toolkit
///   (see `datasets/README.md` for every column);
/// - `truth/anomalies.csv` (`invoice_id,anomaly_kind`) and `truth/customers.csv`
///   (`customer_id,reliability,deteriorating,stress_at_end`) — the hidden ground truth, for
///   validating detectors and models. The toolkit never reads the `truth` folder.
///
/// Everything is derived from ``GeneratorOptions/seed`` through ``SplitMix64`` streams (one per
/// customer), so equal options give byte-identical files. Files are streamed to disk in chunks
/// and each is moved into place atomically; a million invoices take a few seconds.
///
/// ```swift
/// let summary = try HistoryGenerator.write(options: GeneratorOptions(seed: 7), to: outputFolder)
/// print(summary)   // 500 customers, 23... invoices (… open, … overdue, …), … events, …
/// ```
public enum HistoryGenerator {
    public static func write(options: GeneratorOptions, to directory: URL) throws -> GenerationSummary {
        try options.validate()
        let truthDirectory = directory.appendingPathComponent("truth", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: truthDirectory, withIntermediateDirectories: true)
        } catch {
            throw GeneratorError.writeFailed(path: truthDirectory.path, reason: error.localizedDescription)
        }

        let files = HistoryFiles(world: simulate(options: options), options: options)
        let summary = try files.writeInvoices(to: directory.appendingPathComponent("invoices.csv"))
        try files.writeCustomers(to: directory.appendingPathComponent("customers.csv"))
        try files.writeEvents(to: directory.appendingPathComponent("events.csv"))
        try files.writeAnomalyTruth(to: truthDirectory.appendingPathComponent("anomalies.csv"))
        try files.writeCustomerTruth(to: truthDirectory.appendingPathComponent("customers.csv"))
        return summary
    }

    // MARK: - Simulation

    /// Everything the simulation produced, before ids are assigned.
    struct World {
        var calendar: SimulationCalendar
        /// Profiles in customer-id order.
        var profiles: [CustomerProfile]
        var stressAtEnd: [Double]
        var history: SyntheticHistory
        var earliestDay: Day
    }

    /// Draws the customers, numbers them by the date their relationship began, scales ordering
    /// to the requested invoice count, and runs every customer on its own random stream.
    static func simulate(options: GeneratorOptions) -> World {
        let calendar = SimulationCalendar(start: options.start, end: options.worldEnd, seed: options.seed)

        // Profiles, each from its own stream, then numbered by the date the relationship began.
        var drawn: [CustomerProfile] = []
        drawn.reserveCapacity(options.customers)
        for i in 0..<options.customers {
            var rng = SplitMix64(seed: options.seed, stream: UInt64(i))
            drawn.append(CustomerProfile.draw(options: options, rng: &rng))
        }
        let order = drawn.indices.sorted {
            (drawn[$0].customerSince.raw, $0) < (drawn[$1].customerSince.raw, $1)
        }

        // Scale the ordering rate so that the expected total meets the requested count.
        var fixed = 0.0, weightDays = 0.0, newcomers = 0
        for p in drawn {
            let days = Double(p.activeDays)
            if p.joinedDuringHistory { fixed += 1; newcomers += 1 }
            if p.subscriptionCents > 0 {
                fixed += days / 30.44
                weightDays += 0.25 * p.orderWeight * days
            } else {
                weightDays += p.orderWeight * days
            }
        }
        let meanVolume = SimulationCalendar.volume.dropFirst().reduce(0, +) / 12
        let newcomerShare = 0.1
        let target = Double(options.invoices) / (1 + 0.26 * options.anomalyRate * (1 - newcomerShare))
        let rate = max(0, target - fixed) / max(1, weightDays * meanVolume)
        let simulation = CustomerSimulation(
            calendar: calendar, asOf: options.asOf.raw, worldEnd: options.worldEnd.raw, ordersPerWeightDay: rate,
            newCustomerLargeFirstChance: min(0.5, newcomerShare * options.anomalyRate * Double(options.invoices) / Double(max(1, newcomers))),
            perInvoiceAnomalyChance: options.anomalyRate * (1 - newcomerShare))

        var history = SyntheticHistory()
        history.reserve(invoices: options.invoices + options.invoices / 20, events: options.invoices)
        var profiles: [CustomerProfile] = []
        var stressAtEnd: [Double] = []
        profiles.reserveCapacity(order.count)
        stressAtEnd.reserveCapacity(order.count)
        var earliest = options.start
        var names = Set<String>(), emails = Set<String>()
        var renaming = SplitMix64(seed: options.seed, stream: 0xD15A_4B16_0000_0000)
        for (rank, original) in order.enumerated() {
            var p = drawn[original]
            p.identity.makeUnique(among: &names, french: p.language.hasPrefix("fr"), rng: &renaming)
            p.identity.makeEmailUnique(among: &emails)
            var rng = SplitMix64(seed: options.seed ^ 0x5EED_CAFE_F00D_D00D, stream: UInt64(original))
            stressAtEnd.append(simulation.run(profile: p, customer: Int32(rank), rng: &rng, into: &history))
            profiles.append(p)
            if p.customerSince < earliest { earliest = p.customerSince }
        }
        return World(calendar: calendar, profiles: profiles, stressAtEnd: stressAtEnd, history: history, earliestDay: earliest)
    }
}
