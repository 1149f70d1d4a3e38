import Foundation
import Testing
@testable import SyntheticData

/// Statistical checks that the latent behaviour shows in the files (fixed seed, mid-size history).
@Suite struct BehaviourRealismTests {
    static let options = GeneratorOptions(
        seed: 1_789, customers: 400, invoices: 16_000,
        start: Day(year: 2023, month: 1, day: 2)!, asOf: Day(year: 2026, month: 11, day: 27)!,
        anomalyRate: 0.015)
    static let history = Result { try GeneratedHistory.generate(options) }

    /// Late = paid after due, or still open past due at the as-of day.
    static func isLate(_ row: [String], asOf: Day) -> Bool? {
        guard let due = Day(iso: row[3]) else { return nil }
        if let paid = Day(iso: row[6]) { return paid > due }
        return due < asOf ? true : nil
    }

    @Test func deterioratingCustomersAreLaterInTheirLastYearThanInTheirFirst() throws {
        let h = try Self.history.get()
        let deteriorating = Set(h.customerTruth.rows.filter { $0[2] == "1" }.map { $0[0] })
        #expect(deteriorating.count >= 15)
        let asOf = Self.options.asOf
        var firstIssue: [String: Day] = [:]
        for row in h.invoices.rows {
            if let d = Day(iso: row[2]), firstIssue[row[1]].map({ d < $0 }) ?? true { firstIssue[row[1]] = d }
        }
        var early = (late: 0, all: 0), recent = (late: 0, all: 0)
        for row in h.invoices.rows where deteriorating.contains(row[1]) {
            guard let issue = Day(iso: row[2]), let first = firstIssue[row[1]],
                  let late = Self.isLate(row, asOf: asOf) else { continue }
            if issue - first < 365 {
                early.all += 1; if late { early.late += 1 }
            } else if asOf - issue < 365 {
                recent.all += 1; if late { recent.late += 1 }
            }
        }
        let earlyShare = Double(early.late) / Double(max(1, early.all))
        let recentShare = Double(recent.late) / Double(max(1, recent.all))
        #expect(early.all > 200 && recent.all > 100)
        #expect(recentShare > earlyShare + 0.2, "first year \(earlyShare), last year \(recentShare)")
    }

    @Test func directDebitIsRarelyLateAndChequeIsSlower() throws {
        let h = try Self.history.get()
        var late: [String: (Int, Int)] = [:]
        for row in h.invoices.rows {
            guard let l = Self.isLate(row, asOf: Self.options.asOf) else { continue }
            var c = late[row[8], default: (0, 0)]
            c.1 += 1
            if l { c.0 += 1 }
            late[row[8]] = c
        }
        func share(_ m: String) -> Double { Double(late[m]?.0 ?? 0) / Double(max(1, late[m]?.1 ?? 0)) }
        #expect(share("direct_debit") < 0.15, "direct debit late share \(share("direct_debit"))")
        #expect(share("cheque") > share("transfer"))
        #expect(share("transfer") > share("direct_debit") * 2)
    }

    @Test func pastLatenessPredictsFutureLateness() throws {
        // A customer's late share before the last year ranks their last-year invoices well but not
        // perfectly: the history is learnable and noisy.
        let h = try Self.history.get()
        let asOf = Self.options.asOf
        let cut = asOf - 365
        var past: [String: (Int, Int)] = [:]
        for row in h.invoices.rows {
            guard let paid = Day(iso: row[6]), paid < cut, let late = Self.isLate(row, asOf: asOf) else { continue }
            var c = past[row[1], default: (0, 0)]
            c.1 += 1
            if late { c.0 += 1 }
            past[row[1]] = c
        }
        var scored: [(Double, Bool)] = []
        for row in h.invoices.rows {
            guard let issue = Day(iso: row[2]), issue >= cut, let due = Day(iso: row[3]), due < asOf,
                  let c = past[row[1]], c.1 >= 5, let late = Self.isLate(row, asOf: asOf) else { continue }
            scored.append(((Double(c.0) + 1) / (Double(c.1) + 2), late))
        }
        let auc = Self.rocAUC(scored)
        #expect(scored.count > 1_000)
        #expect(auc > 0.68 && auc < 0.92, "AUC of past late share: \(auc)")
    }

    @Test func augustAndDecemberDueDatesArePaidLaterThanSpring() throws {
        let h = try Self.history.get()
        var byMonth = [(Int, Int)](repeating: (0, 0), count: 13)
        for row in h.invoices.rows {
            guard let due = Day(iso: row[3]), let late = Self.isLate(row, asOf: Self.options.asOf) else { continue }
            let m = due.civil.month
            byMonth[m].1 += 1
            if late { byMonth[m].0 += 1 }
        }
        func share(_ months: [Int]) -> Double {
            let l = months.map { byMonth[$0].0 }.reduce(0, +), n = months.map { byMonth[$0].1 }.reduce(0, +)
            return Double(l) / Double(max(1, n))
        }
        #expect(share([8, 12]) > share([3, 4, 5]) + 0.03)
        // And fewer invoices are issued in August than in September.
        var issued = [Int](repeating: 0, count: 13)
        for row in h.invoices.rows { if let d = Day(iso: row[2]) { issued[d.civil.month] += 1 } }
        #expect(Double(issued[8]) < 0.8 * Double(issued[9]))
    }

    @Test func disputedInvoicesArePaidLater() throws {
        let h = try Self.history.get()
        let disputed = Set(h.events.rows.filter { $0[3] == "dispute_opened" }.map { $0[2] })
        var with = (late: 0, all: 0), without = (late: 0, all: 0)
        for row in h.invoices.rows {
            guard let late = Self.isLate(row, asOf: Self.options.asOf) else { continue }
            if disputed.contains(row[0]) {
                with.all += 1; if late { with.late += 1 }
            } else {
                without.all += 1; if late { without.late += 1 }
            }
        }
        #expect(with.all > 100)
        let a = Double(with.late) / Double(with.all), b = Double(without.late) / Double(without.all)
        #expect(a > b + 0.25, "late share with a dispute \(a), without \(b)")
    }

    @Test func customersJoinThroughoutTheHistory() throws {
        let h = try Self.history.get()
        let start = Self.options.start, asOf = Self.options.asOf
        var firstIssue: [String: Day] = [:]
        for row in h.invoices.rows {
            if let d = Day(iso: row[2]), firstIssue[row[1]].map({ d < $0 }) ?? true { firstIssue[row[1]] = d }
        }
        let span = asOf - start
        var byThird = [0, 0, 0]
        for (_, d) in firstIssue where d - start > 30 { byThird[min(2, 3 * (d - start) / span)] += 1 }
        #expect(byThird.allSatisfy { $0 > 20 }, "new customers by third of the history: \(byThird)")
        // Their customer_since is close to their first invoice; older customers predate the history.
        let since = Dictionary(uniqueKeysWithValues: h.customers.rows.map { ($0[0], Day(iso: $0[6])!) })
        for (customer, first) in firstIssue {
            let s = try #require(since[customer])
            #expect(s <= first, "\(customer) invoiced before becoming a customer")
        }
        #expect(since.values.filter { $0 < start }.count > h.customers.rows.count / 3)
    }

    /// Mann–Whitney form of ROC-AUC with ties counted half.
    static func rocAUC(_ scored: [(Double, Bool)]) -> Double {
        let sorted = scored.sorted { $0.0 < $1.0 }
        var rankSumPositive = 0.0
        var positives = 0
        var i = 0
        while i < sorted.count {
            var j = i
            while j < sorted.count && sorted[j].0 == sorted[i].0 { j += 1 }
            let averageRank = Double(i + j + 1) / 2
            for k in i..<j where sorted[k].1 { rankSumPositive += averageRank; positives += 1 }
            i = j
        }
        let negatives = sorted.count - positives
        guard positives > 0, negatives > 0 else { return 0.5 }
        return (rankSumPositive - Double(positives) * Double(positives + 1) / 2) / (Double(positives) * Double(negatives))
    }
}
