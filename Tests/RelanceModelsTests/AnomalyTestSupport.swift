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
