import Testing
import RelanceData
import RelanceScoring
@testable import RelanceReport

/// Hand-computed portfolio: six open invoices, three customers with a segment, one without.
@Suite struct PortfolioFiguresTests {
    static func invoice(_ id: String, _ customer: String, _ amount: Double, overdue: Int, segment: String?,
                        tier: RiskTier, expected: Double) -> PortfolioInvoice {
        PortfolioInvoice(invoiceId: id, customerId: customer, customerName: "Name \(customer)", amount: amount,
                         daysOverdue: overdue, segment: segment, tier: tier, expectedLateAmount: expected)
    }

    let input = PortfolioInput(
        asOf: Day(year: 2026, month: 11, day: 29) ?? .missing, currency: "EUR",
        invoices: [
            invoice("A", "C1", 1_000, overdue: -5, segment: "SME", tier: .low, expected: 100),
            invoice("B", "C1", 2_000, overdue: 15, segment: "SME", tier: .medium, expected: 600),
            invoice("C", "C2", 500, overdue: 45, segment: "Retail", tier: .high, expected: 300),
            invoice("D", "C3", 1_500, overdue: 75, segment: nil, tier: .critical, expected: 1_200),
            invoice("E", "C2", 3_000, overdue: 120, segment: "Retail", tier: .critical, expected: 2_700),
            invoice("F", "C4", 250, overdue: 0, segment: "SME", tier: .low, expected: 25),
        ],
        creditSalesInWindow: 16_500)

    @Test func agingBucketsSumAmountsByDaysOverdue() {
        let f = PortfolioFigures(input)
        #expect(f.aging.map(\.bucket) == AgingBucket.allCases)
        #expect(f.aging.map(\.amount) == [1_250, 2_000, 500, 1_500, 3_000])
        #expect(f.aging.map(\.count) == [2, 1, 1, 1, 1])
        #expect(f.totalOpen == 8_250)
        #expect(f.overdueAmount == 7_000)
        #expect(f.expectedLateTotal == 4_925)
    }

    @Test func bucketBoundariesAreInclusiveOnTheUpperDay() {
        #expect(AgingBucket(daysOverdue: 0) == .current)
        #expect(AgingBucket(daysOverdue: -30) == .current)
        #expect(AgingBucket(daysOverdue: 1) == .days1to30)
        #expect(AgingBucket(daysOverdue: 30) == .days1to30)
        #expect(AgingBucket(daysOverdue: 31) == .days31to60)
        #expect(AgingBucket(daysOverdue: 60) == .days31to60)
        #expect(AgingBucket(daysOverdue: 61) == .days61to90)
        #expect(AgingBucket(daysOverdue: 90) == .days61to90)
        #expect(AgingBucket(daysOverdue: 91) == .over90)
    }

    @Test func dsoIsReceivablesOverWindowSalesTimesWindowDays() throws {
        // 8 250 / 16 500 × 90 = 45 days.
        let dso = try #require(PortfolioFigures(input).dso)
        #expect(abs(dso - 45) < 1e-12)
        var noSales = input
        noSales.creditSalesInWindow = 0
        #expect(PortfolioFigures(noSales).dso == nil)
    }

    @Test func creditSalesCountIssueDaysInTheWindowIncludingAsOf() throws {
        let asOf = try #require(Day(year: 2026, month: 11, day: 29))
        let days = [asOf, asOf - 89, asOf - 90, asOf + 1, Day.missing]
        let amounts = [100.0, 200, 400, 800, 1_600]
        #expect(PortfolioInput.creditSales(issueDays: days, amounts: amounts, asOf: asOf) == 300)
    }

    @Test func expectedLateAmountsBySegmentAndTier() {
        let f = PortfolioFigures(input)
        #expect(f.bySegment.map(\.key) == ["Retail", "", "SME"])
        #expect(f.bySegment.map(\.expectedLateAmount) == [3_000, 1_200, 725])
        #expect(f.bySegment.map(\.openAmount) == [3_500, 1_500, 3_250])
        #expect(f.byTier.map(\.key) == ["critical", "high", "medium", "low"])
        #expect(f.byTier.map(\.expectedLateAmount) == [3_900, 300, 600, 125])
        #expect(f.byTier.map(\.count) == [2, 1, 1, 2])
    }

    @Test func topCustomersRankByExpectedLateAmount() {
        let f = PortfolioFigures(input, topCustomerCount: 2)
        #expect(f.topCustomers.map(\.customerId) == ["C2", "C3"])
        #expect(f.topCustomers[0].expectedLateAmount == 3_000)
        #expect(f.topCustomers[0].openAmount == 3_500)
        #expect(f.topCustomers[0].overdueAmount == 3_500)
        #expect(f.topCustomers[0].invoiceCount == 2)
        #expect(PortfolioFigures(input).topCustomers.map(\.customerId) == ["C2", "C3", "C1", "C4"])
    }
}
