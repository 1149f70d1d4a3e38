import RelanceFeatures

/// Small invoice histories built in code for the anomaly feature tests.
struct AnomalyTestHistory {
    var customers = IdInterner()
    var invoices = InvoiceTable()
    let epoch = Day(year: 2024, month: 1, day: 1)!

    mutating func add(
        _ id: String, customer: String, day: Int, terms: Int = 30, amount: Double,
        currency: String = "EUR", method: PaymentMethod = .transfer
    ) {
        let c = customers.intern(customer)
        invoices.append(
            invoiceId: id, customer: c, issueDate: epoch + day, dueDate: epoch + (day + terms), paidDate: nil,
            amount: amount, currency: currency, paymentMethod: method, sourceLine: invoices.count + 2)
    }

    func features(_ options: AnomalyFeatureOptions = AnomalyFeatureOptions()) throws -> AnomalyFeatureMatrix {
        try AnomalyFeatures.compute(invoices, customerCount: customers.count, options: options)
    }

    /// The history restricted to invoices issued on or before `day` (input order kept).
    func truncated(atDay day: Int) -> AnomalyTestHistory {
        let last = epoch + day
        return selecting((0..<invoices.count).filter { invoices.issueDate[$0] <= last })
    }

    /// The same customers with the invoices at `rows`, in that order.
    func selecting(_ rows: [Int]) -> AnomalyTestHistory {
        var t = AnomalyTestHistory()
        t.customers = customers
        for i in rows {
            t.invoices.append(
                invoiceId: invoices.invoiceIds[i], customer: invoices.customer[i], issueDate: invoices.issueDate[i],
                dueDate: invoices.dueDate[i], paidDate: invoices.paid(i), amount: invoices.amount[i],
                currency: invoices.currencies.name(of: invoices.currency[i]),
                paymentMethod: invoices.paymentMethod[i], sourceLine: invoices.sourceLine[i])
        }
        return t
    }

    /// A deterministic pseudo-random history: `customers` customers, roughly monthly invoices with
    /// noisy amounts, some same-day pairs, a few exact re-entries, currency and method changes.
    static func random(seed: UInt64, customers count: Int, invoices total: Int) -> AnomalyTestHistory {
        var h = AnomalyTestHistory()
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
        var lastAmount = [Double](repeating: 0, count: count)
        for i in 0..<total {
            let c = Int(next() % UInt64(count))
            let day = Int(next() % 400)
            var amount = (100 + 900 * uniform() * Double(c % 5 + 1) * 100).rounded() / 100
            if uniform() < 0.05 && lastAmount[c] > 0 { amount = lastAmount[c] }      // re-entry
            if uniform() < 0.05 { amount = Double(Int(uniform() * 20) + 1) * 100 }  // round
            lastAmount[c] = amount
            let terms = uniform() < 0.1 ? 90 : 30
            let currency = uniform() < 0.03 ? "USD" : "EUR"
            let method: PaymentMethod = uniform() < 0.1 ? .card : (uniform() < 0.1 ? .unknown : .transfer)
            h.add("INV-\(i)", customer: "C\(c)", day: day, terms: terms, amount: amount, currency: currency, method: method)
        }
        return h
    }
}
