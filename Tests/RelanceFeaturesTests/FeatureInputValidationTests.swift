import Testing
@testable import RelanceFeatures

/// Bad histories and bad requests are refused with a located, typed error, never a crash.
@Suite struct FeatureInputValidationTests {
    @Test func unknownCustomerCodeIsRefusedWithItsLine() throws {
        var f = HistoryFixture()
        f.invoice("A1", customer: "A", issue: 0, due: 30, paid: nil, amount: 10)
        f.dataset.invoices.customer[0] = 7
        #expect(throws: FeatureError.unknownCustomer(sourceLine: 2, row: 0)) {
            try PointInTimeFeatureBuilder(f.dataset)
        }
        #expect(FeatureError.unknownCustomer(sourceLine: 2, row: 0).description
                == "invoices.csv:2: customer_id: unknown customer code (row 0)")
    }

    @Test func missingDueDateIsRefused() throws {
        var f = HistoryFixture()
        f.invoice("A1", customer: "A", issue: 0, due: 30, paid: nil, amount: 10)
        f.dataset.invoices.dueDate[0] = .missing
        #expect(throws: FeatureError.invalidDate(sourceLine: 2, row: 0, column: "due_date")) {
            try PointInTimeFeatureBuilder(f.dataset)
        }
    }

    /// A history large enough to be validated on two cores (each half of the rows by one).
    private func twoPartHistory() -> HistoryFixture {
        var f = HistoryFixture()
        for i in 0..<200_010 {
            f.invoice("I\(i)", customer: "C\(i % 50)", issue: i % 300, due: i % 300 + 30, paid: nil, amount: 10)
        }
        return f
    }

    @Test func theFirstBadRowIsReportedWhenBothHalvesHaveOne() throws {
        var f = twoPartHistory()
        f.dataset.invoices.dueDate[150_000] = .missing
        f.dataset.invoices.customer[60_000] = 999
        #expect(throws: FeatureError.unknownCustomer(sourceLine: 60_002, row: 60_000)) {
            try PointInTimeFeatureBuilder(f.dataset)
        }
        f.dataset.invoices.customer[60_000] = 1
        #expect(throws: FeatureError.invalidDate(sourceLine: 150_002, row: 150_000, column: "due_date")) {
            try PointInTimeFeatureBuilder(f.dataset)
        }
    }

    @Test func eventNamingAMissingInvoiceIsRefused() throws {
        var f = HistoryFixture()
        f.invoice("A1", customer: "A", issue: 0, due: 30, paid: nil, amount: 10)
        f.event(.disputeOpened, customer: "A", on: 3, invoice: 5)
        #expect(throws: FeatureError.invalidEventReference(sourceLine: 2, event: 0, column: "invoice_id")) {
            try PointInTimeFeatureBuilder(f.dataset)
        }
    }

    @Test func badRequestsAreRefused() throws {
        var f = HistoryFixture()
        f.invoice("A1", customer: "A", issue: 0, due: 30, paid: nil, amount: 10)
        let b = try PointInTimeFeatureBuilder(f.dataset)
        #expect(throws: FeatureError.rowOutOfRange(row: 1, count: 1)) { try b.features(forInvoices: [1]) }
        #expect(throws: FeatureError.rowOutOfRange(row: -1, count: 1)) { try b.features(forInvoices: [-1]) }
        #expect(throws: FeatureError.observationCountMismatch(rows: 1, observationDays: 2)) {
            try b.features(forInvoices: [0], observationDays: [HistoryFixture.day(1), HistoryFixture.day(2)])
        }
        #expect(throws: FeatureError.missingObservationDay(row: 0)) {
            try b.features(forInvoices: [0], observationDays: [.missing])
        }
    }

    @Test func impossibleOptionsAreRefused() throws {
        #expect(throws: FeatureError.self) {
            try PointInTimeFeatureBuilder(Dataset(), options: FeatureOptions(recencyHalfLifeDays: 0))
        }
        #expect(throws: FeatureError.self) {
            try PointInTimeFeatureBuilder(Dataset(), options: FeatureOptions(graceDays: -1))
        }
    }

    @Test func emptyHistoryGivesAnEmptyMatrix() throws {
        let m = try PointInTimeFeatureBuilder(Dataset()).features(forInvoices: [])
        #expect(m.rowCount == 0 && m.values.isEmpty && m.columnCount == PaymentFeature.allCases.count)
    }
}
