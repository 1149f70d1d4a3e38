import Foundation
import Testing
@testable import RelanceOutreach

@Suite struct CustomerSituationTests {
    let day = Fixture.wednesday
    let policy = ContactPolicy()

    func dataset() -> Dataset {
        var ds = Dataset()
        let c = ds.customerIds.intern("C1")
        // Four settled: two on time, two late (one by 10 days).
        ds.invoices.append(invoiceId: "H1", customer: c, issueDate: day - 200, dueDate: day - 170, paidDate: day - 171, amount: 100, currency: "EUR")
        ds.invoices.append(invoiceId: "H2", customer: c, issueDate: day - 150, dueDate: day - 120, paidDate: day - 110, amount: 100, currency: "EUR")
        ds.invoices.append(invoiceId: "H3", customer: c, issueDate: day - 100, dueDate: day - 70, paidDate: day - 60, amount: 100, currency: "EUR")
        ds.invoices.append(invoiceId: "H4", customer: c, issueDate: day - 60, dueDate: day - 30, paidDate: day - 31, amount: 100, currency: "EUR")
        // Open on the day, but paid later (a backtest): still open as of the day.
        ds.invoices.append(invoiceId: "O1", customer: c, issueDate: day - 40, dueDate: day - 10, paidDate: day + 5, amount: 250, currency: "EUR")
        // Issued after the day: unknown on the day.
        ds.invoices.append(invoiceId: "F1", customer: c, issueDate: day + 1, dueDate: day + 31, paidDate: nil, amount: 999, currency: "EUR")
        ds.events.append(date: day - 8, customer: c, invoice: 4, kind: .promiseToPay, note: "")
        ds.events.append(date: day - 5, customer: c, kind: .disputeOpened)
        ds.events.append(date: day - 2, customer: c, kind: .disputeResolved)
        ds.events.append(date: day + 1, customer: c, kind: .hardshipReported)  // after the day: must be ignored
        ds.events.append(date: day - 3, customer: c, kind: .supportContact, note: "Merci de me rappeler")
        ds.events.append(date: day - 20, customer: c, kind: .reminderSent)
        return ds
    }

    @Test func situationUsesOnlyWhatWasKnownOnTheDay() throws {
        let s = try #require(CustomerSituation.build(dataset: dataset(), risk: [], asOf: day, policy: policy).first)
        #expect(s.openInvoices.map(\.invoiceId) == ["O1"])
        #expect(s.openInvoices.first?.daysOverdue == 10)
        #expect(s.settledCount == 4)
        #expect(s.settledLateCount == 2)
        #expect(s.lastPaymentDay == day - 31)
        #expect(s.hardshipReportedDay == nil)
        #expect(!s.disputeOpen)  // opened then resolved before the day
        #expect(s.askedForContactDay == day - 3)
        #expect(s.importedContacts.map(\.day) == [day - 20])
        // Promise made 8 days ago without a date: due after promise_default_days (7), still unpaid → broken.
        #expect(s.promisedPaymentDay == day - 1)
        #expect(s.brokenPromise)
    }

    @Test func paymentsAfterTheCutoffAreIgnoredWhenSimulating() throws {
        let later = day + 10
        let simulated = try #require(CustomerSituation.build(dataset: dataset(), risk: [], asOf: later, paymentsKnownUntil: day, policy: policy).first)
        #expect(simulated.openInvoices.map(\.invoiceId).contains("O1"))
        #expect(simulated.openInvoices.first { $0.invoiceId == "O1" }?.daysOverdue == 20)
        let real = try #require(CustomerSituation.build(dataset: dataset(), risk: [], asOf: later, policy: policy).first)
        #expect(!real.openInvoices.map(\.invoiceId).contains("O1"))
    }

    @Test func riskListInvoicesCarryScoresAndOnlyShareableReasons() throws {
        let risk = [ScoredInvoice(invoiceId: "O1", customerId: "C1", customerName: "X", amount: 250, currency: "EUR", issueDate: day - 40,
                                  dueDate: day - 10, daysOverdue: 10, pLate: 0.8, anomalyScore: 0, anomalyFlags: ["amount_12x_usual"],
                                  riskTier: .high, priority: 200,
                                  reasons: [Reason(code: "days_overdue", value: 10, contribution: 1, shareableWithCustomer: true),
                                            Reason(code: "model_logit", value: 3, contribution: 3, shareableWithCustomer: false)])]
        let s = try #require(CustomerSituation.build(dataset: dataset(), risk: risk, asOf: day, policy: policy).first)
        #expect(s.openInvoices.count == 1)
        #expect(s.openInvoices[0].pLate == 0.8)
        #expect(s.openInvoices[0].anomalyFlags == ["amount_12x_usual"])
        #expect(s.openInvoices[0].shareableReasons.map(\.code) == ["days_overdue"])
    }

    @Test func riskListInvoicePaidByThenIsLeftOut() {
        let risk = [ScoredInvoice(invoiceId: "H4", customerId: "C1", customerName: "", amount: 100, currency: "EUR", issueDate: day - 60,
                                  dueDate: day - 30, daysOverdue: 30, pLate: 0.5, anomalyScore: 0, anomalyFlags: [], riskTier: .low,
                                  priority: 1, reasons: [])]
        let s = CustomerSituation.build(dataset: dataset(), risk: risk, asOf: day, policy: policy)
        #expect(s.first?.openInvoices.map(\.invoiceId) == ["O1"])
    }
}
