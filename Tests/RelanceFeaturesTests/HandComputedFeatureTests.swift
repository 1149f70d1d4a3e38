import Foundation
import Testing
@testable import RelanceFeatures

/// Three customers, fourteen invoices, a few events; every expected figure below is worked out by
/// hand in the comments (days are offsets from 2024-01-01, grace 0, prior strength 5, half-life 90).
@Suite struct HandComputedFeatureTests {
    static func history() -> HistoryFixture {
        var f = HistoryFixture()
        f.customer("A")
        f.customer("B")
        f.customer("C", since: -100)
        // A: a regular payer, sometimes late.
        f.invoice("A1", customer: "A", issue: 0, due: 30, paid: 28, amount: 100)           // -2
        f.invoice("A2", customer: "A", issue: 10, due: 40, paid: 45, amount: 200)          // +5 late
        f.invoice("A3", customer: "A", issue: 20, due: 50, paid: 50, amount: 150)          // 0
        f.invoice("A4", customer: "A", issue: 35, due: 65, paid: 80, amount: 300)          // +15, paid after 70
        f.invoice("A5", customer: "A", issue: 60, due: 90, paid: nil, amount: 250)
        f.invoice("A6", customer: "A", issue: 70, due: 100, paid: 100, amount: 400, method: .transfer, channel: .electronic)
        // B: slow, disputes, a broken promise.
        f.invoice("B1", customer: "B", issue: 5, due: 20, paid: 60, amount: 1_000)         // +40 late
        f.invoice("B2", customer: "B", issue: 25, due: 40, paid: nil, amount: 500)
        f.invoice("B3", customer: "B", issue: 50, due: 65, paid: 50, amount: 700)          // -15
        f.invoice("B4", customer: "B", issue: 70, due: 85, paid: nil, amount: 800, disputed: true,
                  method: .cheque, channel: .paper)
        // C: new, known since day -100, hardship.
        f.invoice("C1", customer: "C", issue: 65, due: 95, paid: nil, amount: 50)
        f.invoice("C2", customer: "C", issue: 70, due: 100, paid: 70, amount: 150, method: .card, channel: .unknown)
        f.invoice("C3", customer: "C", issue: 120, due: 214, paid: nil, amount: 80)        // due 2024-08-02
        f.invoice("A7", customer: "A", issue: 300, due: 340, paid: nil, amount: 90)        // due 2024-12-06
        f.event(.disputeOpened, customer: "B", on: 30, invoice: f.row("B2"))
        f.event(.promiseToPay, customer: "B", on: 45, invoice: f.row("B2"), note: "promised:2024-02-24") // day 54
        f.event(.promiseToPay, customer: "A", on: 70, invoice: f.row("A5"))               // deadline 77
        f.event(.reminderBounced, customer: "B", on: 60)
        f.event(.hardshipReported, customer: "C", on: 69)
        f.event(.disputeOpened, customer: "B", on: 70, invoice: f.row("B4"))               // same day: not known
        return f
    }

    static func trainingRow(_ id: String) throws -> (FeatureMatrix, Int) {
        let f = history()
        let builder = try PointInTimeFeatureBuilder(f.dataset)
        let m = try builder.features(forInvoices: [f.row(id)])
        return (m, 0)
    }

    // Population before day 70: A1, A2, A3, B3 on time or late as marked, B1 late -> 2 late of 5.
    static let prior70 = 2.0 / 5.0

    @Test func regularPayerFeaturesMatchHandComputation() throws {
        let (m, i) = try Self.trainingRow("A6")
        #expect(m.asOfDays[i] == HistoryFixture.day(70))
        // Settled before 70: A1 (-2), A2 (+5, late), A3 (0). A4 is paid on day 80.
        #expect(m[i, .priorSettledCountLog] == log1p(3))
        #expect(abs(m[i, .lateShareShrunk] - (1 + 5 * Self.prior70) / (3 + 5)) < 1e-15)
        #expect(m[i, .populationLateShare] == Self.prior70)
        #expect(m[i, .meanDaysLate] == 1)
        #expect(m[i, .medianDaysLate] == 0)
        #expect(m[i, .maxDaysLate] == 5)
        // Weights 2^((paid - 50)/90) for payments on days 28, 45, 50.
        let w28 = pow(2, -22.0 / 90), w45 = pow(2, -5.0 / 90)
        let recency = (-2 * w28 + 5 * w45 + 0) / (w28 + w45 + 1)
        #expect(abs(m[i, .recencyWeightedDaysLate] - recency) < 1e-12)
        #expect(m[i, .lateShareTrend] == 0)          // all three are the "last five"
        #expect(m[i, .daysSinceLastPayment] == 20)   // last payment on day 50
        // Open at 70 apart from A6: A4 (300, due 65: overdue) and A5 (250, due 90).
        #expect(m[i, .openInvoiceCount] == 2)
        #expect(m[i, .openAmount] == 550)
        #expect(m[i, .overdueInvoiceCount] == 1)
        #expect(m[i, .overdueAmount] == 300)
        #expect(m[i, .logAmount] == log1p(400))
        // Earlier invoices A1..A5 average 200; 400 / 200 = 2.
        #expect(abs(m[i, .amountLogRatioToPriorMean] - log(2)) < 1e-15)
        #expect(m[i, .paymentTermsDays] == 30)
        #expect(m[i, .tenureDays] == 70)
        #expect(m[i, .methodTransfer] == 1 && m[i, .methodCard] == 0 && m[i, .methodCheque] == 0)
        #expect(m[i, .channelElectronic] == 1 && m[i, .channelPaper] == 0)
        // Due day 100 = 2024-04-10: April, angle 2π·3/12 = π/2.
        #expect(abs(m[i, .dueMonthSin] - 1) < 1e-15)
        #expect(abs(m[i, .dueMonthCos]) < 1e-15)
        #expect(m[i, .dueInAugust] == 0 && m[i, .dueInDecember] == 0)
        // A's promise is made on day 70 with deadline 77: not broken yet, not even known.
        #expect(m[i, .brokenPromises] == 0)
        #expect(m[i, .priorDisputes] == 0)
        #expect(m[i, .hasHistory] == 1)
    }

    @Test func slowPayerFeaturesMatchHandComputation() throws {
        let (m, i) = try Self.trainingRow("B4")
        // Settled before 70: B3 (paid 50, -15), B1 (paid 60, +40, late).
        #expect(m[i, .priorSettledCountLog] == log1p(2))
        #expect(abs(m[i, .lateShareShrunk] - (1 + 5 * Self.prior70) / (2 + 5)) < 1e-15)
        #expect(m[i, .meanDaysLate] == 12.5)
        #expect(m[i, .medianDaysLate] == 12.5)
        #expect(m[i, .maxDaysLate] == 40)
        let w50 = pow(2, -10.0 / 90)
        #expect(abs(m[i, .recencyWeightedDaysLate] - (-15 * w50 + 40) / (w50 + 1)) < 1e-12)
        // Last five = both: 1/2 - 1/2.
        #expect(m[i, .lateShareTrend] == 0)
        #expect(m[i, .daysSinceLastPayment] == 10)
        // B2 (500, due 40) is open and overdue.
        #expect(m[i, .openInvoiceCount] == 1)
        #expect(m[i, .openAmount] == 500)
        #expect(m[i, .overdueInvoiceCount] == 1)
        #expect(m[i, .overdueAmount] == 500)
        #expect(abs(m[i, .amountLogRatioToPriorMean] - log(800.0 / ((1_000 + 500 + 700) / 3))) < 1e-15)
        #expect(m[i, .tenureDays] == 65)
        #expect(m[i, .methodCheque] == 1 && m[i, .methodTransfer] == 0)
        #expect(m[i, .channelPaper] == 1 && m[i, .channelElectronic] == 0)
        // Dispute of day 30 counts, the one of day 70 does not; B4's own disputed flag is ignored.
        #expect(m[i, .priorDisputes] == 1)
        // Promise of day 45 for B2 by day 54; B2 still unpaid, so broken from day 55.
        #expect(m[i, .brokenPromises] == 1)
        #expect(m[i, .remindersBounced] == 1)
        #expect(m[i, .hardshipReported] == 0)
    }

    @Test func newCustomerFallsBackToPopulationPrior() throws {
        let (m, i) = try Self.trainingRow("C2")
        #expect(m[i, .priorSettledCountLog] == 0)
        #expect(m[i, .hasHistory] == 0)
        // (0 + 5·0.4) / (0 + 5) = 0.4 exactly the prior.
        #expect(abs(m[i, .lateShareShrunk] - Self.prior70) < 1e-15)
        #expect(m[i, .meanDaysLate] == 0 && m[i, .medianDaysLate] == 0 && m[i, .maxDaysLate] == 0)
        #expect(m[i, .recencyWeightedDaysLate] == 0 && m[i, .lateShareTrend] == 0)
        // Never paid: days since the first invoice (C1, day 65).
        #expect(m[i, .daysSinceLastPayment] == 5)
        // customer_since day -100 is earlier than the first invoice.
        #expect(m[i, .tenureDays] == 170)
        #expect(m[i, .openInvoiceCount] == 1 && m[i, .openAmount] == 50)
        #expect(m[i, .overdueInvoiceCount] == 0 && m[i, .overdueAmount] == 0)
        #expect(abs(m[i, .amountLogRatioToPriorMean] - log(3)) < 1e-15)
        #expect(m[i, .methodCard] == 1)
        #expect(m[i, .channelElectronic] == 0 && m[i, .channelPaper] == 0)   // unknown is the reference
        #expect(m[i, .hardshipReported] == 1)   // reported on day 69
    }

    @Test func dueMonthFlagsMarkAugustAndDecember() throws {
        let (m3, i3) = try Self.trainingRow("C3")
        #expect(m3[i3, .dueInAugust] == 1 && m3[i3, .dueInDecember] == 0)
        let (m7, i7) = try Self.trainingRow("A7")
        #expect(m7[i7, .dueInDecember] == 1 && m7[i7, .dueInAugust] == 0)
        #expect(abs(m7[i7, .dueMonthSin] - sin(2 * Double.pi * 11 / 12)) < 1e-15)
    }

    @Test func firstInvoiceOfTheHistoryUsesTheInitialPrior() throws {
        let (m, i) = try Self.trainingRow("A1")
        #expect(m[i, .populationLateShare] == FeatureOptions().initialLatePrior)
        #expect(m[i, .tenureDays] == 0 && m[i, .daysSinceLastPayment] == 0)
        #expect(m[i, .amountLogRatioToPriorMean] == 0)
    }

    @Test func brokenPromiseCountsOnceTheDeadlineHasPassed() throws {
        let f = Self.history()
        let builder = try PointInTimeFeatureBuilder(f.dataset)
        let a5 = f.row("A5")
        // A's promise (day 70, no note, +7 days = day 77) for A5, which is never paid.
        let m = try builder.features(
            forInvoices: [a5, a5, a5], observationDays: [HistoryFixture.day(77), HistoryFixture.day(78), HistoryFixture.day(200)])
        #expect(m[0, .brokenPromises] == 0)
        #expect(m[1, .brokenPromises] == 1)
        #expect(m[2, .brokenPromises] == 1)
    }

    @Test func customerHistoryAgreesWithTheFeatureReplay() throws {
        let f = Self.history()
        let builder = try PointInTimeFeatureBuilder(f.dataset)
        let histories = builder.customerHistories(asOf: HistoryFixture.day(70))
        let b = histories[Int(f.dataset.customerIds.code(of: "B")!)]
        #expect(b.invoicesIssued == 3)
        #expect(b.settledCount == 2 && b.lateCount == 1 && b.lateShare == 0.5)
        #expect(b.meanDaysLate == 12.5 && b.medianDaysLate == 12.5)
        #expect(b.openCount == 1 && b.openAmount == 500 && b.overdueCount == 1 && b.overdueAmount == 500)
        #expect(b.lastPaymentDay == HistoryFixture.day(60))
        #expect(b.firstInvoiceDay == HistoryFixture.day(5))
        #expect(b.disputesOpened == 1 && b.brokenPromises == 1 && b.remindersBounced == 1)
        #expect(!b.hardshipReported)
        let c = histories[Int(f.dataset.customerIds.code(of: "C")!)]
        #expect(c.lateShare == nil && c.lastPaymentDay == nil && c.hardshipReported)
    }
}
