import Foundation
import RelanceModels

/// Invoice histories and fixtures for the anomaly model tests.
struct AnomalyHistoryBuilder {
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

    func features() throws -> AnomalyFeatureMatrix {
        try AnomalyFeatures.compute(invoices, customerCount: customers.count)
    }

    /// The history restricted to invoices issued on or before `day`.
    func truncated(atDay day: Int) -> AnomalyHistoryBuilder {
        var t = AnomalyHistoryBuilder()
        t.customers = customers
        for i in 0..<invoices.count where invoices.issueDate[i] <= epoch + day {
            t.invoices.append(
                invoiceId: invoices.invoiceIds[i], customer: invoices.customer[i], issueDate: invoices.issueDate[i],
                dueDate: invoices.dueDate[i], paidDate: invoices.paid(i), amount: invoices.amount[i],
                currency: invoices.currencies.name(of: invoices.currency[i]),
                paymentMethod: invoices.paymentMethod[i], sourceLine: invoices.sourceLine[i])
        }
        return t
    }
}

/// SplitMix64 + Box–Muller: deterministic Gaussian samples for tests.
struct AnomalyTestRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / Double(1 << 53) }
    mutating func gaussian() -> Double {
        let u = uniform(), v = uniform()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}

enum AnomalyFixtures {
    static func url(_ name: String) throws -> URL {
        guard let u = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Fixtures/\(name)"])
        }
        return u
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: url(name), encoding: .utf8)
    }
}

extension AnomalyHistoryBuilder {
    /// A two-year synthetic book: customers billed roughly monthly at their own amount level and
    /// terms, with anomalies injected (ids returned with their kind): amount spikes, duplicates,
    /// unusual terms, out-of-character round amounts and large first invoices of new customers.
    static func synthetic(customers count: Int, seed: UInt64) -> (AnomalyHistoryBuilder, anomalies: [String: String]) {
        var h = AnomalyHistoryBuilder()
        var rng = AnomalyTestRandom(state: seed)
        var anomalies: [String: String] = [:]
        var next = 0
        func id() -> String { next += 1; return "INV-\(next)" }
        for c in 0..<count {
            let name = "C\(c)"
            let level = exp(6.5 + rng.gaussian())
            let noise = 0.05 + 0.3 * rng.uniform()
            let terms = [30, 30, 45, 60][Int(rng.uniform() * 4)]
            let fixedFee = rng.uniform() < 0.1
            var day = Int(rng.uniform() * 300)
            var k = 0
            var previous: (day: Int, amount: Double)?
            while day < 730 {
                var amount = fixedFee ? (level / 100).rounded() * 100 + 100 : (level * exp(noise * rng.gaussian()) * 100).rounded() / 100
                var t = terms
                var kind: String?
                let u = rng.uniform()
                if k == 0 && rng.uniform() < 0.03 {
                    amount = (amount * (8 + 12 * rng.uniform()) * 100).rounded() / 100; kind = "new_customer_large_first"
                } else if k >= 6 && u < 0.01 {
                    amount = (amount * (6 + 14 * rng.uniform()) * 100).rounded() / 100; kind = "amount_spike"
                } else if k >= 6 && u < 0.02 {
                    t = terms >= 60 ? 180 : 120; kind = "unusual_terms"
                } else if k >= 6 && u < 0.03 && !fixedFee {
                    amount = max(1000, (amount / 1000).rounded() * 1000); kind = "round_amount"
                }
                let invoice = id()
                h.add(invoice, customer: name, day: day, terms: t, amount: amount)
                if let kind { anomalies[invoice] = kind }
                if let prev = previous, k >= 3, rng.uniform() < 0.01 {
                    _ = prev
                    let dup = id()
                    h.add(dup, customer: name, day: day + Int(rng.uniform() * 4), terms: t, amount: amount)
                    anomalies[dup] = "duplicate"
                }
                previous = (day, amount)
                day += 27 + Int(rng.uniform() * 7)
                k += 1
            }
        }
        return (h, anomalies)
    }
}

/// Rank-based ROC AUC (ties count one half).
func anomalyAUC(scores: [Double], positive: [Bool]) -> Double {
    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var rankSum = 0.0
    var i = 0
    while i < order.count {
        var j = i
        while j + 1 < order.count && scores[order[j + 1]] == scores[order[i]] { j += 1 }
        let rank = Double(i + j) / 2 + 1
        for k in i...j where positive[order[k]] { rankSum += rank }
        i = j + 1
    }
    let np = Double(positive.filter { $0 }.count), nn = Double(positive.count) - np
    return (rankSum - np * (np + 1) / 2) / (np * nn)
}
