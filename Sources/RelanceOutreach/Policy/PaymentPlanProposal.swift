import Foundation
import RelanceData

/// A proposed instalment schedule for a customer's open balance.
///
/// Sizing (documented so the team can explain it): the instalment the customer can carry is taken
/// as half of what they were invoiced per month over the last year, and never less than
/// `min_instalment`; the number of monthly instalments is the balance over that amount, rounded up,
/// between 2 and `max_instalments`. Amounts are in cents, equal, the last one absorbing rounding.
/// The first instalment falls 14 days after the planning day, then every 30 days.
public struct PaymentPlanProposal: Sendable, Equatable, Codable {
    public struct Instalment: Sendable, Equatable, Codable {
        public var day: Day
        public var amount: Double
    }

    public var total: Double
    public var currency: String
    public var instalments: [Instalment]

    public static func propose(for situation: CustomerSituation, asOf: Day, policy: ContactPolicy) -> PaymentPlanProposal {
        let balance = situation.openBalance
        let capacity = max(policy.minInstalment, situation.averageMonthlyBilled * 0.5, 0.01)
        let n = min(max(Int((balance / capacity).rounded(.up)), 2), policy.maxInstalments)
        let totalCents = Int((balance * 100).rounded())
        let each = totalCents / n
        var instalments: [Instalment] = []
        for k in 0..<n {
            let cents = k == n - 1 ? totalCents - each * (n - 1) : each
            instalments.append(Instalment(day: asOf + 14 + 30 * k, amount: Double(cents) / 100))
        }
        return PaymentPlanProposal(total: Double(totalCents) / 100, currency: situation.openInvoices.first?.currency ?? "",
                                   instalments: instalments)
    }
}
