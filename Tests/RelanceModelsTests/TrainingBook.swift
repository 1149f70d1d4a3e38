import Foundation
@testable import RelanceModels

/// A small hand-built invoice book with a learnable signal, for the training pipeline tests.
///
/// 60 customers, each with its own lateness propensity, invoice every few days from 2024-01-01;
/// 30-day terms; late payers pay 5–60 days after due. A few invoices are issued after the as-of
/// day and a few paid after it, so the point-in-time cut is exercised. Deterministic (SplitMix64).
struct TrainingBook {
    static let start = Day(year: 2024, month: 1, day: 1)!
    static let asOf = Day(year: 2025, month: 12, day: 31)!

    var dataset = Dataset()
    var customerCodes = IdInterner()

    /// - Parameters:
    ///   - customers: number of customers.
    ///   - days: length of the history in days (it ends 20 days after the as-of day).
    ///   - lateness: customer propensity to pay late; `{ _ in 0 }` gives a book with no late payer.
    init(customers: Int = 60, days: Int = 750, everyDays: Int = 4, lateness: ((Int) -> Double)? = nil) {
        var rng: UInt64 = 0x5eed
        func next() -> Double {
            rng &+= 0x9E37_79B9_7F4A_7C15
            var z = rng
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
        var invoices = InvoiceTable()
        var n = 0
        for c in 0..<customers {
            let code = customerCodes.intern(String(format: "C%03d", c))
            let propensity = lateness?(c) ?? (0.05 + 0.8 * Double(c % 10) / 9)
            var day = Int(next() * Double(everyDays))
            while day < days {
                n += 1
                let issue = Self.start + day
                let due = issue + 30
                let late = next() < propensity
                let delay = late ? 5 + Int(next() * 55) : -Int(next() * 10)
                let paidDay = due + delay
                // Payments after the as-of day + 20 never happened in this export.
                let paid: Day? = paidDay.raw <= (Self.asOf + 20).raw ? paidDay : nil
                invoices.append(
                    invoiceId: String(format: "INV-%06d", n), customer: code, issueDate: issue, dueDate: due,
                    paidDate: paid, amount: (100 + 900 * next()).rounded(), currency: "EUR",
                    paymentMethod: c % 3 == 0 ? .card : .transfer, channel: .electronic, sourceLine: n + 1)
                day += 1 + Int(next() * Double(2 * everyDays))
            }
        }
        dataset = Dataset(customerIds: customerCodes, invoices: invoices)
    }

    /// Options for the book's as-of day.
    static func options(graceDays: Int = 0) -> TrainingOptions {
        TrainingOptions(asOf: asOf, features: FeatureOptions(graceDays: graceDays))
    }
}
