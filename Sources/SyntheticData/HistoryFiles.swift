import Foundation

/// Writes a simulated world as the five CSV files of a generated history.
///
/// Invoices are numbered in issue-date order (as an ERP numbers them) and events are written in
/// date order; both orders come from sorting packed `(day, row)` keys, which keeps the sort a
/// plain integer sort even at a million rows. Customer ids follow the date each relationship
/// began. Every file is streamed and moved into place atomically by ``CSVStreamWriter``.
///
/// When the simulated world runs past the as-of day (``GeneratorOptions/horizon``), invoices
/// issued and customers acquired after it are left out; numbering covers the whole world, so
/// exports of the same world on different days give the same ids to the same rows.
struct HistoryFiles {
    let world: HistoryGenerator.World
    let options: GeneratorOptions
    let days: DayTextTable
    /// Invoice rows in issue-date order, as `(issue offset << 32) | row` keys.
    let invoiceOrder: [UInt64]
    /// The 0-based number of each invoice row in ``invoiceOrder``.
    let invoiceNumber: [Int32]
    let invoiceWidth: Int
    let customerWidth: Int

    private let methodLabels = PaymentMethod.allCases.map { Array($0.label.utf8) }
    private let channelLabels = InvoiceChannel.allCases.map { Array($0.label.utf8) }
    private let kindLabels = EventKind.allCases.map { Array($0.label.utf8) }

    init(world: HistoryGenerator.World, options: GeneratorOptions) {
        self.world = world
        self.options = options
        days = DayTextTable(from: world.earliestDay, through: world.calendar.horizon)
        let invoices = world.history.invoices
        let minIssue = invoices.lazy.map(\.issue).min() ?? 0
        var keys = [UInt64](repeating: 0, count: invoices.count)
        for i in 0..<invoices.count {
            keys[i] = UInt64(UInt32(bitPattern: invoices[i].issue - minIssue)) << 32 | UInt64(i)
        }
        keys.sort()
        var number = [Int32](repeating: 0, count: invoices.count)
        for (rank, key) in keys.enumerated() { number[Int(key & 0xFFFF_FFFF)] = Int32(rank) }
        invoiceOrder = keys
        invoiceNumber = number
        invoiceWidth = max(7, String(invoices.count).count)
        customerWidth = max(5, String(options.customers).count)
    }

    /// Customers whose relationship began by the export day (profiles are ordered by that date).
    var knownCustomers: Int {
        world.profiles.prefix { $0.customerSince <= options.asOf }.count
    }

    private func writer(_ url: URL) throws -> CSVStreamWriter {
        try CSVStreamWriter(destination: url, days: days, seed: options.seed)
    }

    private func invoiceId(_ w: CSVStreamWriter, row: Int) {
        w.raw("INV-")
        w.padded(Int(invoiceNumber[row]) + 1, width: invoiceWidth)
    }

    private func customerId(_ w: CSVStreamWriter, _ customer: Int32) {
        w.raw("C")
        w.padded(Int(customer) + 1, width: customerWidth)
    }

    /// `invoices.csv`; returns the counts of the summary.
    func writeInvoices(to url: URL) throws -> GenerationSummary {
        let history = world.history
        var summary = GenerationSummary(
            customers: knownCustomers, invoices: 0, events: history.eventCount,
            anomalies: 0, paidInvoices: 0, paidLate: 0, openInvoices: 0, openOverdue: 0,
            disputedAtExport: 0, invoiceFileBytes: 0)
        let asOf = options.asOf.raw
        let currency = Array(options.currency.utf8)
        let w = try writer(url)
        w.raw("invoice_id,customer_id,issue_date,due_date,amount,currency,paid_date,disputed,payment_method,channel\n")
        for key in invoiceOrder {
            let i = Int(key & 0xFFFF_FFFF)
            let row = history.invoices[i]
            if row.issue > asOf { break }   // not issued yet on the export day
            summary.invoices += 1
            invoiceId(w, row: i); w.comma()
            customerId(w, row.customer); w.comma()
            w.day(row.issue); w.comma()
            w.day(row.due); w.comma()
            w.cents(row.cents); w.comma()
            w.raw(currency); w.comma()
            w.day(row.paid); w.comma()
            w.byte(row.disputedAtExport ? 49 : 48); w.comma()
            w.raw(methodLabels[Int(row.method.rawValue)]); w.comma()
            w.raw(channelLabels[Int(row.channel.rawValue)])
            try w.endRow()
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
        try w.finish()
        summary.invoiceFileBytes = w.bytesWritten
        return summary
    }

    /// `customers.csv`, in customer-id order.
    func writeCustomers(to url: URL) throws {
        let w = try writer(url)
        w.raw("customer_id,name,contact_name,email,phone,language,customer_since,preferred_channel,opt_out,segment\n")
        for (c, p) in world.profiles.prefix(knownCustomers).enumerated() {
            customerId(w, Int32(c)); w.comma()
            try w.text(p.identity.name); w.comma()
            try w.text(p.identity.contactName); w.comma()
            try w.text(p.identity.email); w.comma()
            try w.text(p.identity.phone); w.comma()
            try w.text(p.language); w.comma()
            w.day(p.customerSince.raw); w.comma()
            try w.text(p.preferredChannel.label); w.comma()
            w.byte(p.optOut ? 49 : 48); w.comma()
            try w.text(p.segment.label)
            try w.endRow()
        }
        try w.finish()
    }

    /// `events.csv`, by date, then customer, then the order things happened.
    func writeEvents(to url: URL) throws {
        let events = world.history.events
        let minDay = events.lazy.map(\.day).min() ?? 0
        var order = [UInt64](repeating: 0, count: events.count)
        for e in 0..<events.count {
            order[e] = UInt64(UInt32(bitPattern: events[e].day - minDay)) << 32 | UInt64(e)
        }
        order.sort()
        let w = try writer(url)
        w.raw("date,customer_id,invoice_id,kind,note\n")
        for key in order {
            let event = events[Int(key & 0xFFFF_FFFF)]
            w.day(event.day); w.comma()
            customerId(w, event.customer); w.comma()
            if event.invoice >= 0 { invoiceId(w, row: Int(event.invoice)) }
            w.comma()
            w.raw(kindLabels[Int(event.kind.rawValue)]); w.comma()
            switch event.note {
            case .none: break
            case .reminderLevel: w.raw("level:"); w.integer(Int(event.value))
            case .promised: w.raw("promised:"); w.day(event.value)
            case .disputeReason: w.raw("reason:"); try w.text(EventNote.disputeReasons[Int(event.value)])
            case .instalments: w.raw("instalments:"); w.integer(Int(event.value))
            }
            try w.endRow()
        }
        try w.finish()
    }

    /// `truth/anomalies.csv`, in invoice-id order; only anomalous invoices are listed.
    func writeAnomalyTruth(to url: URL) throws {
        let w = try writer(url)
        w.raw("invoice_id,anomaly_kind\n")
        for key in invoiceOrder {
            let i = Int(key & 0xFFFF_FFFF)
            if world.history.invoices[i].issue > options.asOf.raw { break }
            guard let kind = AnomalyKind(rawValue: world.history.invoices[i].anomaly) else { continue }
            invoiceId(w, row: i); w.comma()
            try w.text(kind.label)
            try w.endRow()
        }
        try w.finish()
    }

    /// `truth/customers.csv`: the latent traits a model should recover.
    func writeCustomerTruth(to url: URL) throws {
        let w = try writer(url)
        w.raw("customer_id,reliability,deteriorating,stress_at_end\n")
        for (c, p) in world.profiles.prefix(knownCustomers).enumerated() {
            customerId(w, Int32(c)); w.comma()
            w.fixed4(p.reliability); w.comma()
            w.byte(p.deteriorating ? 49 : 48); w.comma()
            w.fixed4(world.stressAtEnd[c])
            try w.endRow()
        }
        try w.finish()
    }
}
