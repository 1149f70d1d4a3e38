import RelanceData
import RelanceScoring

extension PortfolioInput {
    /// The portfolio section from the day's risk list (the open invoices, scored) and the dataset
    /// the list was scored from (segments from customers.csv, credit sales for DSO).
    ///
    /// The report never converts currencies: the portfolio holds the invoices of `currency` (by
    /// default the currency with the largest open amount); ``excludedCurrencies`` in the assembly
    /// tells the reader what was left out. Amounts and expected late amounts are the risk list's own
    /// (`amount`, `priority`), so the page's totals equal the JSON risk list's `currency_summary`.
    public init(riskList invoices: [ScoredInvoice], asOf: Day, dataset: Dataset?, currency: String? = nil,
                salesWindowDays: Int = 90) {
        let chosen = currency ?? Self.mainCurrency(of: invoices)
        var segmentByCustomer: [String: String] = [:]
        var sales = 0.0
        if let d = dataset {
            for r in 0..<d.customers.count {
                let code = d.customers.customer[r]
                let label = d.customers.segment[r]
                if !label.isEmpty { segmentByCustomer[d.customerIds.name(of: code)] = label }
            }
            // Credit sales of the window in the chosen currency only.
            if let code = d.invoices.currencies.code(of: chosen) {
                var days: [Day] = [], amounts: [Double] = []
                days.reserveCapacity(d.invoices.count)
                amounts.reserveCapacity(d.invoices.count)
                for i in 0..<d.invoices.count where d.invoices.currency[i] == code {
                    days.append(d.invoices.issueDate[i])
                    amounts.append(d.invoices.amount[i])
                }
                sales = PortfolioInput.creditSales(issueDays: days, amounts: amounts, asOf: asOf, windowDays: salesWindowDays)
            }
        }
        let rows = invoices.filter { $0.currency == chosen }.map {
            PortfolioInvoice(invoiceId: $0.invoiceId, customerId: $0.customerId, customerName: $0.customerName,
                             amount: $0.amount, daysOverdue: $0.daysOverdue, segment: segmentByCustomer[$0.customerId],
                             tier: $0.riskTier, expectedLateAmount: $0.priority)
        }
        self.init(asOf: asOf, currency: chosen, invoices: rows, creditSalesInWindow: sales, salesWindowDays: salesWindowDays)
    }

    /// The currency with the largest open amount (ties: alphabetical); EUR for an empty list.
    public static func mainCurrency(of invoices: [ScoredInvoice]) -> String {
        var totals: [String: Double] = [:]
        for inv in invoices where inv.amount.isFinite { totals[inv.currency, default: 0] += inv.amount }
        return totals.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.first?.key ?? "EUR"
    }
}
