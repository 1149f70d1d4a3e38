import Testing
@testable import RelanceFeatures

/// Each point-in-time rule on its own: what happens on or after the as-of day is not yet known.
@Suite struct LeakageRuleTests {
    @Test func paymentOnTheIssueDayIsNotYetKnown() throws {
        var f = HistoryFixture()
        f.invoice("X1", customer: "X", issue: 0, due: 10, paid: 20, amount: 100)   // late, paid day 20
        f.invoice("X2", customer: "X", issue: 20, due: 50, paid: nil, amount: 100)
        f.invoice("X3", customer: "X", issue: 21, due: 50, paid: nil, amount: 100)
        let m = try PointInTimeFeatureBuilder(f.dataset).features(forInvoices: [f.row("X2"), f.row("X3")])
        // As of day 20, X1 is still open and overdue: its payment of day 20 is not counted.
        #expect(m[0, .hasHistory] == 0)
        #expect(m[0, .priorSettledCountLog] == 0)
        #expect(m[0, .openInvoiceCount] == 1 && m[0, .overdueInvoiceCount] == 1)
        #expect(m[0, .populationLateShare] == FeatureOptions().initialLatePrior)
        // One day later it is.
        #expect(m[1, .hasHistory] == 1)
        #expect(m[1, .maxDaysLate] == 10)
        #expect(m[1, .openInvoiceCount] == 1)     // X2 only
        #expect(m[1, .overdueInvoiceCount] == 0)
        #expect(m[1, .populationLateShare] == 1)
    }

    @Test func invoiceIssuedTheSameDayIsNotPartOfTheHistory() throws {
        var f = HistoryFixture()
        f.invoice("Y1", customer: "Y", issue: 5, due: 5, paid: nil, amount: 300)
        f.invoice("Y2", customer: "Y", issue: 5, due: 30, paid: nil, amount: 100)
        let m = try PointInTimeFeatureBuilder(f.dataset).features(forInvoices: [f.row("Y1"), f.row("Y2")])
        for i in 0..<2 {
            #expect(m[i, .openInvoiceCount] == 0)
            #expect(m[i, .amountLogRatioToPriorMean] == 0)
            #expect(m[i, .tenureDays] == 0)
        }
    }

    @Test func disputeOpenedOnOrAfterTheDayIsNotCounted() throws {
        var f = HistoryFixture()
        f.invoice("Z1", customer: "Z", issue: 0, due: 30, paid: nil, amount: 100)
        f.invoice("Z2", customer: "Z", issue: 10, due: 40, paid: nil, amount: 100)
        f.invoice("Z3", customer: "Z", issue: 11, due: 40, paid: nil, amount: 100)
        f.invoice("Z4", customer: "Z", issue: 16, due: 40, paid: nil, amount: 100)
        f.event(.disputeOpened, customer: "Z", on: 10, invoice: f.row("Z1"))
        f.event(.disputeOpened, customer: "Z", on: 15, invoice: f.row("Z1"))
        let m = try PointInTimeFeatureBuilder(f.dataset)
            .features(forInvoices: [f.row("Z2"), f.row("Z3"), f.row("Z4")])
        #expect(m[0, .priorDisputes] == 0)   // dispute of the same day
        #expect(m[1, .priorDisputes] == 1)
        #expect(m[2, .priorDisputes] == 2)
    }

    @Test func exportTimeDisputedColumnIsIgnored() throws {
        let base = RandomHistory.make(seed: 7, invoices: 400, customers: 15, events: 100)
        var flipped = base
        flipped.invoices.disputed = base.invoices.disputed.map { !$0 }
        let rows = Array(0..<base.invoices.count)
        let a = try PointInTimeFeatureBuilder(base).features(forInvoices: rows)
        let b = try PointInTimeFeatureBuilder(flipped).features(forInvoices: rows)
        #expect(a.values == b.values)
    }

    @Test func promiseBrokenOnOrAfterTheDayIsNotCounted() throws {
        var f = HistoryFixture()
        f.invoice("P1", customer: "P", issue: 0, due: 5, paid: 30, amount: 100)
        f.event(.promiseToPay, customer: "P", on: 10, invoice: f.row("P1"), note: "promised:2024-01-16") // day 15
        f.invoice("P2", customer: "P", issue: 15, due: 40, paid: nil, amount: 100)
        f.invoice("P3", customer: "P", issue: 16, due: 40, paid: nil, amount: 100)
        let m = try PointInTimeFeatureBuilder(f.dataset).features(forInvoices: [f.row("P2"), f.row("P3")])
        #expect(m[0, .brokenPromises] == 0)   // deadline is day 15 itself: not yet passed
        #expect(m[1, .brokenPromises] == 1)   // P1 unpaid at the end of day 15
    }

    @Test func promisePaidByItsDeadlineIsKeptAndAGeneralOneNeedsAPayment() throws {
        var f = HistoryFixture()
        f.invoice("K1", customer: "K", issue: 0, due: 5, paid: 15, amount: 100)
        f.event(.promiseToPay, customer: "K", on: 10, invoice: f.row("K1"), note: "promised:2024-01-16") // day 15
        // A promise naming no invoice is kept by any payment between promise and deadline (none here).
        f.event(.promiseToPay, customer: "K", on: 16, note: "")                                      // day 23
        f.invoice("K2", customer: "K", issue: 20, due: 60, paid: nil, amount: 100)
        f.invoice("K3", customer: "K", issue: 40, due: 60, paid: nil, amount: 100)
        let m = try PointInTimeFeatureBuilder(f.dataset).features(forInvoices: [f.row("K2"), f.row("K3")])
        #expect(m[0, .brokenPromises] == 0)   // day 20: the named promise was kept on day 15
        #expect(m[1, .brokenPromises] == 1)   // day 40: the general promise (deadline 23) was not
    }

    @Test func promiseNamingALaterInvoiceIsJudgedOnAnyPayment() throws {
        var f = HistoryFixture()
        f.invoice("L1", customer: "L", issue: 0, due: 5, paid: 12, amount: 100)
        // Names L2, issued after the promise: the reference cannot have been known, so any payment
        // of the customer between day 10 and the deadline keeps it (L1 on day 12 does).
        f.invoice("L2", customer: "L", issue: 20, due: 40, paid: nil, amount: 100)
        f.event(.promiseToPay, customer: "L", on: 10, invoice: f.row("L2"))
        f.invoice("L3", customer: "L", issue: 50, due: 60, paid: nil, amount: 100)
        let m = try PointInTimeFeatureBuilder(f.dataset).features(forInvoices: [f.row("L3")])
        #expect(m[0, .brokenPromises] == 0)
    }

    @Test func eventsOfOtherCustomersAreNotCounted() throws {
        var f = HistoryFixture()
        f.invoice("M1", customer: "M", issue: 10, due: 40, paid: nil, amount: 100)
        f.event(.disputeOpened, customer: "N", on: 1)
        f.event(.reminderBounced, customer: "N", on: 1)
        f.event(.hardshipReported, customer: "N", on: 1)
        let m = try PointInTimeFeatureBuilder(f.dataset).features(forInvoices: [f.row("M1")])
        #expect(m[0, .priorDisputes] == 0 && m[0, .remindersBounced] == 0 && m[0, .hardshipReported] == 0)
    }

    @Test func scoringNeverSeesTheInvoicesOwnSettlement() throws {
        var f = HistoryFixture()
        f.invoice("S1", customer: "S", issue: 0, due: 10, paid: 40, amount: 100)
        let builder = try PointInTimeFeatureBuilder(f.dataset)
        // Observed on day 90, after its payment on day 40: computed as of day 40.
        let m = try builder.features(forInvoices: [0], observationDays: [HistoryFixture.day(90)])
        #expect(m.asOfDays[0] == HistoryFixture.day(40))
        #expect(m[0, .hasHistory] == 0)
        #expect(m[0, .openInvoiceCount] == 0 && m[0, .overdueInvoiceCount] == 0)
    }
}
