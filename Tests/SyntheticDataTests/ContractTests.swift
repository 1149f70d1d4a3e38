import Foundation
import Testing
@testable import SyntheticData

/// Every generated file satisfies the data contract (`/work/shared/data-contract.md`).
@Suite struct ContractTests {
    static let history = Result { try GeneratedHistory.generate(Fixtures.small) }

    @Test func invoicesSatisfyTheContract() throws {
        let h = try Self.history.get()
        let f = h.invoices
        #expect(f.header == ["invoice_id", "customer_id", "issue_date", "due_date", "amount", "currency",
                             "paid_date", "disputed", "payment_method", "channel"])
        #expect(f.rows.count == h.summary.invoices)
        #expect(abs(f.rows.count - Fixtures.small.invoices) < Fixtures.small.invoices / 10,
                "invoice count \(f.rows.count) is far from the requested \(Fixtures.small.invoices)")
        let customerIds = Set(h.customers.rows.map { $0[0] })
        var ids = Set<String>()
        let asOf = Fixtures.small.asOf, start = Fixtures.small.start
        for row in f.rows {
            #expect(row.count == 10)
            #expect(ids.insert(row[0]).inserted, "duplicate invoice id \(row[0])")
            #expect(customerIds.contains(row[1]), "\(row[0]) has unknown customer \(row[1])")
            let issue = try #require(Day(iso: row[2]), "bad issue date \(row[2])")
            let due = try #require(Day(iso: row[3]), "bad due date \(row[3])")
            #expect(issue >= start && issue <= asOf)
            #expect(due >= issue)
            let amount = try #require(Double(row[4]))
            #expect(amount > 0)
            #expect(row[4].split(separator: ".").last?.count == 2, "amount \(row[4]) has not two decimals")
            #expect(row[5] == "EUR")
            if !row[6].isEmpty {
                let paid = try #require(Day(iso: row[6]), "bad paid date \(row[6])")
                #expect(paid >= issue)
                #expect(paid <= asOf, "\(row[0]) paid after the as-of day")
            }
            #expect(row[7] == "0" || row[7] == "1")
            #expect(PaymentMethod(label: row[8]) != nil && !row[8].isEmpty)
            #expect(InvoiceChannel(label: row[9]) != nil && !row[9].isEmpty)
        }
    }

    @Test func eventsReferenceExistingRowsAndNothingAfterTheAsOfDay() throws {
        let h = try Self.history.get()
        #expect(h.events.header == ["date", "customer_id", "invoice_id", "kind", "note"])
        let customerIds = Set(h.customers.rows.map { $0[0] })
        var invoiceOwner: [String: String] = [:]
        var issueOf: [String: Day] = [:]
        for row in h.invoices.rows {
            invoiceOwner[row[0]] = row[1]
            issueOf[row[0]] = Day(iso: row[2])
        }
        var kinds = Set<String>()
        var previous = Day.missing
        for row in h.events.rows {
            #expect(row.count == 5)
            let day = try #require(Day(iso: row[0]))
            #expect(day <= Fixtures.small.asOf, "event dated after the as-of day")
            #expect(previous.isMissing || day >= previous, "events are not in date order")
            previous = day
            #expect(customerIds.contains(row[1]))
            if !row[2].isEmpty {
                #expect(invoiceOwner[row[2]] == row[1], "event invoice \(row[2]) is not the customer's")
                if let issue = issueOf[row[2]] { #expect(day >= issue, "event before its invoice was issued") }
            }
            #expect(EventKind(label: row[3]) != nil, "unknown kind \(row[3])")
            kinds.insert(row[3])
            if row[3] == "promise_to_pay" {
                #expect(row[4].hasPrefix("promised:") && Day(iso: String(row[4].dropFirst(9))) != nil)
            }
        }
        // The generation is rich enough that every kind of event occurs.
        #expect(kinds == Set(EventKind.allCases.map(\.label)), "missing kinds: \(Set(EventKind.allCases.map(\.label)).subtracting(kinds))")
    }

    @Test func disputedInvoicesHaveAnOpenDisputeAtExport() throws {
        let h = try Self.history.get()
        var opened = Set<String>(), resolved = Set<String>()
        for row in h.events.rows {
            if row[3] == "dispute_opened" { opened.insert(row[2]) }
            if row[3] == "dispute_resolved" { resolved.insert(row[2]) }
        }
        var disputed = 0
        for row in h.invoices.rows where row[7] == "1" {
            disputed += 1
            #expect(opened.contains(row[0]) && !resolved.contains(row[0]))
        }
        #expect(disputed > 0)
        #expect(resolved.isSubset(of: opened))
    }

    @Test func customersCarryValidContactFields() throws {
        let h = try Self.history.get()
        let f = h.customers
        #expect(f.header == ["customer_id", "name", "contact_name", "email", "phone", "language",
                             "customer_since", "preferred_channel", "opt_out", "segment"])
        #expect(f.rows.count == Fixtures.small.customers)
        var languages = Set<String>()
        var optOuts = 0
        for row in f.rows {
            #expect(row.count == 10)
            #expect(!row[1].isEmpty && !row[2].isEmpty)
            #expect(row[3].contains("@") && row[3].hasSuffix(".example"), "e-mail \(row[3]) is not in the reserved domain")
            #expect(row[4].hasPrefix("+"))
            #expect(row[5].hasPrefix("fr") || row[5].hasPrefix("en"))
            languages.insert(String(row[5].prefix(2)))
            #expect(Day(iso: row[6]) != nil)
            #expect(ContactChannel(label: row[7]) != nil && !row[7].isEmpty)
            if row[8] == "1" { optOuts += 1 } else { #expect(row[8] == "0") }
            #expect(["SME", "enterprise", "public", "retail"].contains(row[9]))
        }
        #expect(languages == ["fr", "en"])
        #expect(Set(f.rows.map { $0[1] }).count == f.rows.count, "two customers share a name")
        #expect(Set(f.rows.map { $0[3] }).count == f.rows.count, "two customers share an e-mail address")
        #expect(f.rows.contains { $0[1].contains(",") }, "no company name exercises CSV quoting")
        #expect(optOuts < f.rows.count / 5)
    }

    @Test func somePromisesToPayAreKeptAndSomeBroken() throws {
        let h = try Self.history.get()
        var paidOn: [String: Day] = [:]
        for row in h.invoices.rows { if let d = Day(iso: row[6]) { paidOn[row[0]] = d } }
        var kept = 0, broken = 0
        for row in h.events.rows where row[3] == "promise_to_pay" {
            guard let promised = Day(iso: String(row[4].dropFirst(9))), let call = Day(iso: row[0]) else { continue }
            #expect(promised > call, "promise dated on or before the day it was made")
            if let paid = paidOn[row[2]] {
                if paid - promised <= 3 { kept += 1 } else if paid - promised >= 7 { broken += 1 }
            } else if promised < Fixtures.small.asOf {
                broken += 1   // promised day passed, still unpaid
            }
        }
        #expect(kept > 0 && broken > 0, "kept \(kept), broken \(broken)")
    }

    @Test func optedOutCustomersReceiveNoAutomatedReminders() throws {
        let h = try Self.history.get()
        let optedOut = Set(h.customers.rows.filter { $0[8] == "1" }.map { $0[0] })
        #expect(!optedOut.isEmpty)
        let reminded = h.events.rows.filter { $0[3] == "reminder_sent" }.map { $0[1] }
        #expect(!reminded.isEmpty)
        #expect(reminded.allSatisfy { !optedOut.contains($0) })
    }

    @Test func openInvoicesExistBothBeforeAndAfterTheirDueDate() throws {
        let h = try Self.history.get()
        let asOf = Fixtures.small.asOf
        var notYetDue = 0, overdue = 0
        for row in h.invoices.rows where row[6].isEmpty {
            guard let due = Day(iso: row[3]) else { continue }
            if due < asOf { overdue += 1 } else { notYetDue += 1 }
        }
        #expect(notYetDue > 0)
        #expect(overdue > 0)
        #expect(h.summary.openInvoices == notYetDue + overdue)
        #expect(h.summary.openOverdue == overdue)
    }
}
