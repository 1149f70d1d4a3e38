import RelanceScoring

/// The portfolio figures a finance user reads first: aging, expected late amounts by segment and
/// tier, the customers carrying the most expected late money, and DSO.
///
/// Pure arithmetic over ``PortfolioInput``'s rows, so every figure is checkable by hand.
///
/// **DSO** (days sales outstanding) = receivables at the as-of day ÷ credit sales over the last
/// `salesWindowDays` days × `salesWindowDays` (the average method, not the countback method). Receivables
/// are all open invoices, due or not. With no sales in the window DSO is undefined (nil), not zero.
public struct PortfolioFigures: Sendable, Equatable {
    /// Amount and number of open invoices in one aging bucket.
    public struct BucketTotal: Sendable, Equatable {
        public var bucket: AgingBucket
        public var amount: Double
        public var count: Int
    }

    /// Expected late amount of one group (a segment or a tier) and the open amount behind it.
    public struct GroupTotal: Sendable, Equatable {
        /// Segment label ("" = not segmented) or tier raw value.
        public var key: String
        public var expectedLateAmount: Double
        public var openAmount: Double
        public var count: Int
    }

    /// One customer's open and expected late amounts.
    public struct CustomerExposure: Sendable, Equatable {
        public var customerId: String
        public var customerName: String
        public var openAmount: Double
        public var overdueAmount: Double
        public var expectedLateAmount: Double
        public var invoiceCount: Int
    }

    public var totalOpen: Double
    public var overdueAmount: Double
    public var expectedLateTotal: Double
    public var invoiceCount: Int
    /// All five buckets, in order, including empty ones.
    public var aging: [BucketTotal]
    /// Segments by expected late amount, largest first (ties by label).
    public var bySegment: [GroupTotal]
    /// Tiers from critical to low, only tiers that occur.
    public var byTier: [GroupTotal]
    /// Customers by expected late amount, largest first, at most `topCustomerCount`.
    public var topCustomers: [CustomerExposure]
    /// nil when there were no credit sales in the window.
    public var dso: Double?

    public init(_ input: PortfolioInput, topCustomerCount: Int = 10) {
        var total = 0.0, overdue = 0.0, expected = 0.0
        var bucketAmount = [Double](repeating: 0, count: AgingBucket.allCases.count)
        var bucketCount = [Int](repeating: 0, count: AgingBucket.allCases.count)
        var segments: [String: GroupTotal] = [:]
        var tiers: [RiskTier: GroupTotal] = [:]
        var customers: [String: CustomerExposure] = [:]
        for inv in input.invoices {
            let amount = inv.amount.isFinite ? inv.amount : 0
            let late = inv.expectedLateAmount.isFinite ? inv.expectedLateAmount : 0
            total += amount
            expected += late
            if inv.daysOverdue > 0 { overdue += amount }
            let b = AgingBucket.allCases.firstIndex(of: AgingBucket(daysOverdue: inv.daysOverdue)) ?? 0
            bucketAmount[b] += amount
            bucketCount[b] += 1
            let segment = inv.segment ?? ""
            segments[segment, default: GroupTotal(key: segment, expectedLateAmount: 0, openAmount: 0, count: 0)]
                .add(late: late, open: amount)
            tiers[inv.tier, default: GroupTotal(key: inv.tier.rawValue, expectedLateAmount: 0, openAmount: 0, count: 0)]
                .add(late: late, open: amount)
            var c = customers[inv.customerId] ?? CustomerExposure(
                customerId: inv.customerId, customerName: inv.customerName, openAmount: 0, overdueAmount: 0,
                expectedLateAmount: 0, invoiceCount: 0)
            c.openAmount += amount
            if inv.daysOverdue > 0 { c.overdueAmount += amount }
            c.expectedLateAmount += late
            c.invoiceCount += 1
            if c.customerName.isEmpty { c.customerName = inv.customerName }
            customers[inv.customerId] = c
        }
        totalOpen = total
        overdueAmount = overdue
        expectedLateTotal = expected
        invoiceCount = input.invoices.count
        aging = AgingBucket.allCases.enumerated().map {
            BucketTotal(bucket: $0.element, amount: bucketAmount[$0.offset], count: bucketCount[$0.offset])
        }
        bySegment = segments.values.sorted {
            $0.expectedLateAmount != $1.expectedLateAmount ? $0.expectedLateAmount > $1.expectedLateAmount : $0.key < $1.key
        }
        byTier = RiskTier.allCases.reversed().compactMap { tiers[$0] }
        topCustomers = Array(customers.values.sorted {
            $0.expectedLateAmount != $1.expectedLateAmount
                ? $0.expectedLateAmount > $1.expectedLateAmount : $0.customerId < $1.customerId
        }.prefix(max(0, topCustomerCount)))
        if input.creditSalesInWindow > 0, input.creditSalesInWindow.isFinite, input.salesWindowDays > 0 {
            dso = total / input.creditSalesInWindow * Double(input.salesWindowDays)
        } else {
            dso = nil
        }
    }
}

extension PortfolioFigures.GroupTotal {
    fileprivate mutating func add(late: Double, open: Double) {
        expectedLateAmount += late
        openAmount += open
        count += 1
    }
}
