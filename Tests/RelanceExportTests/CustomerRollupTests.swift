import Testing
@testable import RelanceExport

@Suite struct CustomerRollupTests {
    @Test func rollupSumsPerCustomerAndCurrencyAndSortsByExpectedLateAmount() {
        let rows = CustomerRollup.rollup(RiskListFixture.invoices)
        #expect(rows.map(\.customerId) == ["C1", "C2", "C3"])
        let c1 = rows[0]
        #expect(c1.openAmount == 1000)
        #expect(c1.overdueAmount == 1000)
        #expect(abs(c1.expectedLateAmount - 860) < 1e-9)
        #expect(c1.worstTier == .critical)
        #expect(c1.invoiceCount == 2)
        #expect(c1.oldestDaysOverdue == 30)
        let c2 = rows[1]
        #expect(c2.overdueAmount == 0)
        #expect(c2.oldestDaysOverdue == -20)
        #expect(c2.worstTier == .high)
        #expect(rows[2].currency == "GBP")
    }

    @Test func customerInvoicedInTwoCurrenciesGetsOneRollupPerCurrency() {
        let a = RiskListFixture.invoice("A", customer: "C9", name: "n", amount: 10, currency: "EUR",
                                        issue: RiskListFixture.asOf, due: RiskListFixture.asOf, pLate: 0.5, tier: .low)
        let b = RiskListFixture.invoice("B", customer: "C9", name: "n", amount: 10, currency: "USD",
                                        issue: RiskListFixture.asOf, due: RiskListFixture.asOf, pLate: 0.9, tier: .high)
        let rows = CustomerRollup.rollup([a, b])
        #expect(rows.map(\.currency) == ["USD", "EUR"])
        #expect(rows.allSatisfy { $0.invoiceCount == 1 })
    }

    @Test func unscorableExpectedLateAmountSortsLast() {
        var nanRow = RiskListFixture.invoice("N", customer: "C0", name: "n", amount: 10,
                                             issue: RiskListFixture.asOf, due: RiskListFixture.asOf, pLate: 0.5, tier: .low)
        nanRow.priority = .nan
        let rows = CustomerRollup.rollup([nanRow] + RiskListFixture.invoices)
        #expect(rows.last?.customerId == "C0")
        #expect(rows.first?.customerId == "C1")
    }

    @Test func currencySummaryNeverAddsAmountsAcrossCurrencies() {
        let totals = RiskListFixture.list.currencySummary
        #expect(totals.map(\.currency) == ["EUR", "GBP"])
        #expect(totals[0].openAmount == 3000)
        #expect(totals[0].overdueAmount == 1000)
        #expect(abs(totals[0].expectedLateAmount - 1360) < 1e-9)
        #expect(totals[0].invoiceCount == 3)
        #expect(totals[0].criticalCount == 1 && totals[0].highCount == 1 && totals[0].mediumCount == 1 && totals[0].lowCount == 0)
        #expect(totals[1].openAmount == 1234.56)
        #expect(totals[1].lowCount == 1)
    }
}
