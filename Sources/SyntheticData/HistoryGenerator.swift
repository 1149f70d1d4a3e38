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
/// print(summary)   // 500 customers, 24 031 invoices (…)
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

        let world = simulate(options: options)
        let history = world.history
        let days = DayTextTable(from: world.earliestDay, through: world.calendar.horizon)

        // Invoices in issue-date order; ids are assigned in that order, as an ERP numbers them.
        let invoiceCount = history.invoiceCount
        let minIssue = history.invoices.lazy.map(\.issue).min() ?? 0
        var invoiceKeys = [UInt64](repeating: 0, count: invoiceCount)
        for i in 0..<invoiceCount {
            invoiceKeys[i] = UInt64(UInt32(bitPattern: history.invoices[i].issue - minIssue)) << 32 | UInt64(i)
        }
        invoiceKeys.sort()
        var rankOf = [Int32](repeating: 0, count: invoiceCount)
        for (rank, key) in invoiceKeys.enumerated() { rankOf[Int(key & 0xFFFF_FFFF)] = Int32(rank) }

        let invoiceWidth = max(7, String(invoiceCount).count)
        let customerWidth = max(5, String(options.customers).count)
        func writeInvoiceId(_ w: CSVStreamWriter, _ old: Int) {
            w.raw("INV-")
            w.padded(Int(rankOf[old]) + 1, width: invoiceWidth)
        }
        func writeCustomerId(_ w: CSVStreamWriter, _ c: Int32) {
            w.raw("C")
            w.padded(Int(c) + 1, width: customerWidth)
        }

        var summary = GenerationSummary(
            customers: options.customers, invoices: invoiceCount, events: history.eventCount, anomalies: 0,
            paidInvoices: 0, paidLate: 0, openInvoices: 0, openOverdue: 0, disputedAtExport: 0, invoiceFileBytes: 0)
        let asOf = options.asOf.raw
        let currency = Array(options.currency.utf8)
        let methodLabels = PaymentMethod.allCases.map { Array($0.label.utf8) }
        let channelLabels = InvoiceChannel.allCases.map { Array($0.label.utf8) }
        let kindLabels = EventKind.allCases.map { Array($0.label.utf8) }

        // invoices.csv
        let invoices = try CSVStreamWriter(destination: directory.appendingPathComponent("invoices.csv"), days: days, seed: options.seed)
        invoices.raw("invoice_id,customer_id,issue_date,due_date,amount,currency,paid_date,disputed,payment_method,channel\n")
        for key in invoiceKeys {
            let i = Int(key & 0xFFFF_FFFF)
            let row = history.invoices[i]
            writeInvoiceId(invoices, i); invoices.comma()
            writeCustomerId(invoices, row.customer); invoices.comma()
            invoices.day(row.issue); invoices.comma()
            invoices.day(row.due); invoices.comma()
            invoices.cents(row.cents); invoices.comma()
            invoices.raw(currency); invoices.comma()
            invoices.day(row.paid); invoices.comma()
            invoices.byte(row.disputedAtExport ? 49 : 48); invoices.comma()
            invoices.raw(methodLabels[Int(row.method.rawValue)]); invoices.comma()
            invoices.raw(channelLabels[Int(row.channel.rawValue)])
            try invoices.endRow()
            if row.paid == .min {
                summary.openInvoices += 1
                if row.due < asOf { summary.openOverdue += 1 }
            } else {
                summary.paidInvoices += 1
                if row.paid > row.due { summary.paidLate += 1 }
            }
            if row.disputedAtExport { summary.disputedAtExport += 1 }
            if row.anomaly != 0 { summary.anomalies += 1 }
        }
        try invoices.finish()
        summary.invoiceFileBytes = invoices.bytesWritten

        // customers.csv, in customer-id order (ids follow the date the customer relationship began).
        let customers = try CSVStreamWriter(destination: directory.appendingPathComponent("customers.csv"), days: days, seed: options.seed)
        customers.raw("customer_id,name,contact_name,email,phone,language,customer_since,preferred_channel,opt_out,segment\n")
        for (c, p) in world.profiles.enumerated() {
            writeCustomerId(customers, Int32(c)); customers.comma()
            try customers.text(p.identity.name); customers.comma()
            try customers.text(p.identity.contactName); customers.comma()
            try customers.text(p.identity.email); customers.comma()
            try customers.text(p.identity.phone); customers.comma()
            try customers.text(p.language); customers.comma()
            customers.day(p.customerSince.raw); customers.comma()
            try customers.text(p.preferredChannel.label); customers.comma()
            customers.byte(p.optOut ? 49 : 48); customers.comma()
            try customers.text(p.segment.label)
            try customers.endRow()
        }
        try customers.finish()

        // events.csv, by date (then customer, then the order things happened).
        let eventCount = history.eventCount
        let minEvent = history.events.lazy.map(\.day).min() ?? 0
        var eventKeys = [UInt64](repeating: 0, count: eventCount)
        for e in 0..<eventCount {
            eventKeys[e] = UInt64(UInt32(bitPattern: history.events[e].day - minEvent)) << 32 | UInt64(e)
        }
        eventKeys.sort()
        let events = try CSVStreamWriter(destination: directory.appendingPathComponent("events.csv"), days: days, seed: options.seed)
        events.raw("date,customer_id,invoice_id,kind,note\n")
        for key in eventKeys {
            let event = history.events[Int(key & 0xFFFF_FFFF)]
            events.day(event.day); events.comma()
            writeCustomerId(events, event.customer); events.comma()
            if event.invoice >= 0 { writeInvoiceId(events, Int(event.invoice)) }
            events.comma()
            events.raw(kindLabels[Int(event.kind.rawValue)]); events.comma()
            let value = event.value
            switch event.note {
            case .none: break
            case .reminderLevel: events.raw("level:"); events.integer(Int(value))
            case .promised: events.raw("promised:"); events.day(value)
            case .disputeReason: events.raw("reason:"); try events.text(EventNote.disputeReasons[Int(value)])
            case .instalments: events.raw("instalments:"); events.integer(Int(value))
            }
            try events.endRow()
        }
        try events.finish()

        // truth/anomalies.csv in invoice-id order.
        let anomalies = try CSVStreamWriter(destination: truthDirectory.appendingPathComponent("anomalies.csv"), days: days, seed: options.seed)
        anomalies.raw("invoice_id,anomaly_kind\n")
        for key in invoiceKeys {
            let i = Int(key & 0xFFFF_FFFF)
            guard let kind = AnomalyKind(rawValue: history.invoices[i].anomaly) else { continue }
            writeInvoiceId(anomalies, i); anomalies.comma()
            try anomalies.text(kind.label)
            try anomalies.endRow()
        }
        try anomalies.finish()

        // truth/customers.csv
        let truth = try CSVStreamWriter(destination: truthDirectory.appendingPathComponent("customers.csv"), days: days, seed: options.seed)
        truth.raw("customer_id,reliability,deteriorating,stress_at_end\n")
        for (c, p) in world.profiles.enumerated() {
            writeCustomerId(truth, Int32(c)); truth.comma()
            truth.fixed4(p.reliability); truth.comma()
            truth.byte(p.deteriorating ? 49 : 48); truth.comma()
            truth.fixed4(world.stressAtEnd[c])
            try truth.endRow()
        }
        try truth.finish()
        return summary
    }

    // MARK: - Simulation

    struct World {
        var calendar: SimulationCalendar
        /// Profiles in customer-id order.
        var profiles: [CustomerProfile]
        var stressAtEnd: [Double]
        var history: SyntheticHistory
        var earliestDay: Day
    }

    static func simulate(options: GeneratorOptions) -> World {
        let calendar = SimulationCalendar(start: options.start, asOf: options.asOf, seed: options.seed)

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
            calendar: calendar, asOf: options.asOf.raw, ordersPerWeightDay: rate,
            newCustomerLargeFirstChance: min(0.5, newcomerShare * options.anomalyRate * Double(options.invoices) / Double(max(1, newcomers))),
            perInvoiceAnomalyChance: options.anomalyRate * (1 - newcomerShare))

        var history = SyntheticHistory()
        history.reserve(invoices: options.invoices + options.invoices / 20, events: options.invoices)
        var profiles: [CustomerProfile] = []
        var stressAtEnd: [Double] = []
        profiles.reserveCapacity(order.count)
        stressAtEnd.reserveCapacity(order.count)
        var earliest = options.start
        for (rank, original) in order.enumerated() {
            let p = drawn[original]
            var rng = SplitMix64(seed: options.seed ^ 0x5EED_CAFE_F00D_D00D, stream: UInt64(original))
            stressAtEnd.append(simulation.run(profile: p, customer: Int32(rank), rng: &rng, into: &history))
            profiles.append(p)
            if p.customerSince < earliest { earliest = p.customerSince }
        }
        return World(calendar: calendar, profiles: profiles, stressAtEnd: stressAtEnd, history: history, earliestDay: earliest)
    }
}
