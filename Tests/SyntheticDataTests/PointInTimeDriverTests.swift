import Foundation
import Testing
@testable import SyntheticData

/// Lateness depends on drivers a ledger shows before the issue date — a pile of overdue invoices,
/// the invoice's channel, its size against the customer's usual — and not only on who the
/// customer is. Each check compares a customer's invoices with the same customer's other
/// invoices, so a customer's long-run late share cannot explain the difference.
@Suite struct PointInTimeDriverTests {
    /// One labelled invoice as the files show it.
    struct Row {
        var customer: String
        var issue: Day
        var late: Bool
        var paper: Bool
        var amount: Double
        /// The customer's invoices due before the issue day and not paid before it.
        var overdueAtIssue: Int
    }

    static let rows: Result<[Row], Error> = Result {
        let h = try BehaviourRealismTests.history.get()
        let asOf = BehaviourRealismTests.options.asOf
        var byCustomer: [String: [(issue: Day, due: Day, paid: Day?, row: [String])]] = [:]
        for row in h.invoices.rows {
            guard let issue = Day(iso: row[2]), let due = Day(iso: row[3]) else { continue }
            byCustomer[row[1], default: []].append((issue, due, Day(iso: row[6]), row))
        }
        var out: [Row] = []
        for (customer, invoices) in byCustomer {
            for invoice in invoices {
                guard let late = BehaviourRealismTests.isLate(invoice.row, asOf: asOf) else { continue }
                let overdue = invoices.filter { other in
                    other.due < invoice.issue && (other.paid.map { $0 >= invoice.issue } ?? true)
                }.count
                out.append(Row(customer: customer, issue: invoice.issue, late: late,
                               paper: invoice.row[9] == "paper", amount: Double(invoice.row[4]) ?? 0,
                               overdueAtIssue: overdue))
            }
        }
        return out
    }

    /// For customers with at least `minimum` invoices in each group, the differences of their late
    /// shares (group minus rest), one per customer.
    static func withinCustomerDifferences(_ rows: [Row], minimum: Int = 3,
                                          group: (Row) -> Bool?) -> [Double] {
        var counts: [String: (inLate: Int, inAll: Int, outLate: Int, outAll: Int)] = [:]
        for row in rows {
            guard let member = group(row) else { continue }
            var c = counts[row.customer, default: (0, 0, 0, 0)]
            if member {
                c.inAll += 1; if row.late { c.inLate += 1 }
            } else {
                c.outAll += 1; if row.late { c.outLate += 1 }
            }
            counts[row.customer] = c
        }
        return counts.values.filter { $0.inAll >= minimum && $0.outAll >= minimum }.map {
            Double($0.inLate) / Double($0.inAll) - Double($0.outLate) / Double($0.outAll)
        }
    }

    @Test func invoicesIssuedWhileTwoAreOverdueAreLateMoreOftenThanTheSameCustomersOthers() throws {
        let rows = try Self.rows.get()
        let diffs = Self.withinCustomerDifferences(rows) { row in
            row.overdueAtIssue >= 2 ? true : row.overdueAtIssue == 0 ? false : nil
        }
        let mean = diffs.reduce(0, +) / Double(max(1, diffs.count))
        let positive = Double(diffs.filter { $0 > 0 }.count) / Double(max(1, diffs.count))
        #expect(diffs.count >= 60, "customers with both kinds of invoices: \(diffs.count)")
        // A long-run propensity alone gives no within-customer difference; stress episodes and the
        // backlog itself give a large one.
        #expect(mean > 0.15, "mean within-customer difference in late share: \(mean)")
        #expect(positive > 0.65, "share of customers later under a backlog: \(positive)")
    }

    @Test func aCustomersPaperInvoicesArePaidLateMoreOftenThanTheirElectronicOnes() throws {
        let rows = try Self.rows.get()
        let diffs = Self.withinCustomerDifferences(rows) { $0.paper }
        let mean = diffs.reduce(0, +) / Double(max(1, diffs.count))
        #expect(diffs.count >= 100, "customers with both channels: \(diffs.count)")
        #expect(mean > 0.04, "mean within-customer difference, paper minus electronic: \(mean)")
    }

    @Test func aCustomersLargeInvoicesArePaidLateMoreOftenThanTheirUsualOnes() throws {
        let rows = try Self.rows.get()
        var amounts: [String: [Double]] = [:]
        for row in rows { amounts[row.customer, default: []].append(row.amount) }
        let median = amounts.mapValues { values -> Double in
            let sorted = values.sorted()
            return sorted[sorted.count / 2]
        }
        let diffs = Self.withinCustomerDifferences(rows) { row in
            guard let m = median[row.customer], m > 0 else { return nil }
            return row.amount > 2 * m
        }
        let mean = diffs.reduce(0, +) / Double(max(1, diffs.count))
        #expect(diffs.count >= 80, "customers with both large and usual invoices: \(diffs.count)")
        #expect(mean > 0.05, "mean within-customer difference, large minus usual: \(mean)")
    }

    @Test func stressEpisodesEndAndCustomersRecover() throws {
        // Customers who went through a late stretch (a half-year with most invoices late) but
        // were mostly on time before it often become mostly on time again afterwards: lateness
        // comes and goes, so recent behaviour carries information beyond the long-run share.
        let rows = try Self.rows.get().sorted { ($0.customer, $0.issue) < ($1.customer, $1.issue) }
        var recovered = 0, stretches = 0
        var start = 0
        while start < rows.count {
            var end = start
            while end < rows.count && rows[end].customer == rows[start].customer { end += 1 }
            let invoices = Array(rows[start..<end])
            start = end
            guard invoices.count >= 40 else { continue }
            func share(_ slice: ArraySlice<Row>) -> Double {
                Double(slice.filter(\.late).count) / Double(max(1, slice.count))
            }
            // Windows of 10 invoices: calm (≤ 30% late), then a stretch (≥ 70%), then calm again.
            let window = 10
            var sawCalm = false, sawStretch = false, sawRecovery = false
            var k = 0
            while k + window <= invoices.count {
                let s = share(invoices[k..<(k + window)])
                if !sawCalm { sawCalm = s <= 0.3 }
                else if !sawStretch { sawStretch = s >= 0.7 }
                else if !sawRecovery { sawRecovery = s <= 0.3 }
                k += window
            }
            if sawStretch { stretches += 1 }
            if sawRecovery { recovered += 1 }
        }
        #expect(stretches >= 30, "customers with a late stretch after a calm start: \(stretches)")
        #expect(Double(recovered) >= 0.3 * Double(stretches), "recovered \(recovered) of \(stretches)")
    }
}
