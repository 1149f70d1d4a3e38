import RelanceFeatures

/// Builds small histories in code, with days given as offsets from 2024-01-01.
struct HistoryFixture {
    static let base = Day(year: 2024, month: 1, day: 1)!
    static func day(_ offset: Int) -> Day { base + offset }

    var dataset = Dataset()

    @discardableResult
    mutating func customer(_ id: String, since: Int? = nil) -> Int32 {
        let code = dataset.customerIds.intern(id)
        if let since { dataset.customers.append(customer: code, customerSince: Self.day(since)) }
        return code
    }

    /// Appends an invoice and returns its row.
    @discardableResult
    mutating func invoice(
        _ id: String, customer: String, issue: Int, due: Int, paid: Int?, amount: Double,
        disputed: Bool = false, method: PaymentMethod = .transfer, channel: InvoiceChannel = .electronic
    ) -> Int {
        let code = dataset.customerIds.intern(customer)
        dataset.invoices.append(
            invoiceId: id, customer: code, issueDate: Self.day(issue), dueDate: Self.day(due),
            paidDate: paid.map { Self.day($0) }, amount: amount, currency: "EUR", disputed: disputed,
            paymentMethod: method, channel: channel, sourceLine: dataset.invoices.count + 2)
        return dataset.invoices.count - 1
    }

    mutating func event(_ kind: EventKind, customer: String, on offset: Int, invoice: Int = -1, note: String = "") {
        let code = dataset.customerIds.intern(customer)
        dataset.events.append(
            date: Self.day(offset), customer: code, invoice: Int32(invoice), kind: kind, note: note,
            sourceLine: dataset.events.count + 2)
    }

    func row(_ id: String) -> Int { dataset.invoices.invoiceIds.firstIndex(of: id)! }
}

/// A deterministic 64-bit generator (SplitMix64), so random histories are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum RandomHistory {
    /// About `invoices` invoices over two years for `customers` customers, with open, early, late and
    /// same-day payments, zero-day terms, events of every kind (some naming invoices issued after
    /// the event), promise notes valid and malformed, and `customer_since` before or after the first
    /// invoice.
    static func make(seed: UInt64, invoices: Int = 2_000, customers: Int = 60, events: Int = 600) -> Dataset {
        var g = SplitMix64(seed: seed)
        var f = HistoryFixture()
        var propensity: [Int] = []
        for c in 0..<customers {
            let since: Int? = Int.random(in: 0..<3, using: &g) == 0 ? Int.random(in: -400...300, using: &g) : nil
            f.customer("C\(c)", since: since)
            propensity.append(Int.random(in: -10...40, using: &g))
        }
        let terms = [0, 15, 30, 30, 45, 60]
        let methods = PaymentMethod.allCases
        let channels = InvoiceChannel.allCases
        for i in 0..<invoices {
            let c = Int.random(in: 0..<customers, using: &g)
            let issue = Int.random(in: 0...720, using: &g)
            let due = issue + terms.randomElement(using: &g)!
            var paid: Int? = nil
            let u = Int.random(in: 0..<100, using: &g)
            if u < 85 {
                let delay = propensity[c] + Int.random(in: -15...30, using: &g)
                paid = max(issue, due + delay)
            } else if u < 88 {
                paid = issue
            }
            let amount = Double(Int.random(in: 1_000...500_000, using: &g)) / 100
            f.invoice(
                "INV\(i)", customer: "C\(c)", issue: issue, due: due, paid: paid, amount: amount,
                disputed: Int.random(in: 0..<10, using: &g) == 0, method: methods.randomElement(using: &g)!,
                channel: channels.randomElement(using: &g)!)
        }
        for _ in 0..<events {
            let kind = EventKind.allCases.randomElement(using: &g)!
            var on = Int.random(in: 0...760, using: &g)
            var ref = -1
            var customer = "C\(Int.random(in: 0..<customers, using: &g))"
            if Int.random(in: 0..<4, using: &g) > 0 {
                ref = Int.random(in: 0..<invoices, using: &g)
                customer = f.dataset.customerIds.name(of: f.dataset.invoices.customer[ref])
                // Mostly during the invoice's life (so promises are kept or broken), sometimes
                // at any day, even before the invoice existed.
                if Int.random(in: 0..<4, using: &g) > 0 {
                    let issue = f.dataset.invoices.issueDate[ref] - HistoryFixture.base
                    on = issue + Int.random(in: 0...60, using: &g)
                }
            }
            var note = ""
            if kind == .promiseToPay {
                switch Int.random(in: 0..<4, using: &g) {
                case 0: note = "promised:\(HistoryFixture.day(on + Int.random(in: -3...30, using: &g)).iso)"
                case 1: note = "call back; promised:2024-13-45"
                case 2: note = "will pay soon promised:\(HistoryFixture.day(on + 10).iso) thanks"
                default: note = ""
                }
            }
            f.event(kind, customer: customer, on: on, invoice: ref, note: note)
        }
        return f.dataset
    }
}
