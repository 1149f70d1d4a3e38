import Foundation
import Testing
@testable import RelanceModels

@Suite("Training pipeline")
struct TrainingPipelineTests {
    @Test func trainsBothModelsAndBeatsTheBaselineOnAHandBuiltBook() throws {
        let book = TrainingBook()
        let result = try TrainingPipeline.run(book.dataset, options: TrainingBook.options())
        let m = result.bundle.metrics.late
        // The propensity is per customer, so the model (which sees the customer's record) must rank
        // well above chance; the shrunk late share is itself a strong baseline here.
        #expect(m.model.rocAUC > 0.7)
        #expect(m.model.rocAUC >= m.baseline.rocAUC - 0.02)
        #expect(m.converged)
        #expect(result.bundle.severeDelay != nil)
        #expect(result.bundle.metrics.severeDelay.map { $0.testRows > 0 } == true)
        #expect(result.bundle.lateModel.featureNames == FeatureSchema.paymentBehaviour.names)
        #expect(result.stageSeconds.map(\.stage) == ["prepare", "features", "late_model", "severe_model", "anomaly"])
    }

    @Test func onlyWhatIsKnownAtTheAsOfDayIsUsed() throws {
        let book = TrainingBook()
        let asOf = TrainingBook.asOf
        let result = try TrainingPipeline.run(book.dataset, options: TrainingBook.options())
        let inv = book.dataset.invoices
        let issuedByAsOf = inv.issueDate.filter { $0.raw <= asOf.raw }.count
        #expect(issuedByAsOf < inv.count, "the book must have invoices after the as-of day for this test to mean anything")
        #expect(result.bundle.dataFingerprint.invoices == issuedByAsOf)
        #expect(result.bundle.trainingWindow.last.raw <= asOf.raw)
        // Training on the truncated history gives the same bundle: nothing after the as-of day leaked.
        let truncated = try TrainingPipeline.run(book.dataset.truncated(at: asOf), options: TrainingBook.options())
        #expect(try truncated.bundle.jsonData() == result.bundle.jsonData())
    }

    @Test func openInvoicesNotYetDueAreCensoredAndOpenPastDueAreLate() throws {
        let book = TrainingBook()
        let grace = 3
        let result = try TrainingPipeline.run(book.dataset, options: TrainingBook.options(graceDays: grace))
        let inv = book.dataset.invoices
        let cutoff = TrainingBook.asOf.raw
        var labelled = 0, late = 0, censored = 0, openPastDue = 0
        for i in 0..<inv.count where inv.issueDate[i].raw <= cutoff {
            let paid = inv.paidDate[i]
            let limit = inv.dueDate[i].raw + Int32(grace)
            if !paid.isMissing && paid.raw <= cutoff {
                labelled += 1
                if paid.raw > limit { late += 1 }
            } else if cutoff > limit {
                labelled += 1; late += 1; openPastDue += 1
            } else {
                censored += 1
            }
        }
        #expect(censored > 0 && openPastDue > 0, "the book must hold both kinds of open invoice")
        #expect(result.bundle.metrics.labelledRows == labelled)
        #expect(result.bundle.metrics.censoredRows == censored)
        // The final model is fitted on every labelled row; its positives are the late ones,
        // open-past-due included.
        #expect(result.bundle.lateModel.report.rows == labelled)
        #expect(result.bundle.lateModel.report.positives == late)
    }

    @Test func everyTestRowIsIssuedOnOrAfterEveryTrainingRow() throws {
        let result = try TrainingPipeline.run(TrainingBook().dataset, options: TrainingBook.options())
        let m = result.bundle.metrics.late
        #expect(m.trainWindow.last < m.testWindow.first)
        #expect(m.trainRows + m.testRows == result.bundle.metrics.labelledRows)
        let share = Double(m.testRows) / Double(result.bundle.metrics.labelledRows)
        #expect(abs(share - 0.2) < 0.01)
        let s = try #require(result.bundle.metrics.severeDelay)
        #expect(s.trainWindow.last < s.testWindow.first)
    }

    @Test func theCutHoldsOutWholeDaysFromTheSortedPosition() throws {
        // Sorted days; position ⌊0.8·10⌋ = 8 holds day 7, which starts at index 7.
        let days: [Int32] = [1, 1, 2, 3, 4, 5, 6, 7, 7, 9]
        #expect(try ClassifierTraining.cut(days: days[...], fraction: 0.2, what: "t") == 7)
        // Everything on one day: nothing to train on.
        #expect(throws: TrainingError.self) { try ClassifierTraining.cut(days: [5, 5, 5][...], fraction: 0.2, what: "t") }
        // The cut on a slice is relative to the slice.
        #expect(try ClassifierTraining.cut(days: days[2..<10], fraction: 0.5, what: "t") == 4)
    }

    @Test func severeDelayLandmarksFollowTheRule() throws {
        var inv = InvoiceTable()
        var ids = IdInterner()
        let c = ids.intern("C1")
        let d0 = Day(year: 2025, month: 1, day: 1)!
        let asOf = d0 + 200
        // (paid offset from due, expected: nil = not a row, else label)
        let cases: [(Int?, Int, Double?)] = [
            (0, 30, nil),      // paid on the due day: not overdue at the landmark
            (1, 30, 0),        // paid on the landmark day: overdue, paid within 30 days
            (30, 30, 0),       // paid exactly 30 days late: not severe
            (31, 30, 1),       // paid 31 days late: severe
            (nil, 30, 1),      // still open, due long ago: severe
            (nil, 180, nil),   // open, due 20 days before the as-of day: censored
            (nil, 200, nil),   // open, due on the as-of day: landmark after the as-of day
        ]
        for (k, (paid, dueOffset, _)) in cases.enumerated() {
            let due = d0 + dueOffset
            inv.append(
                invoiceId: "I\(k)", customer: c, issueDate: due - 30, dueDate: due, paidDate: paid.map { due + $0 },
                amount: 100, currency: "EUR")
        }
        let data = Dataset(customerIds: ids, invoices: inv)
        let options = TrainingOptions(asOf: asOf)
        let builder = try PointInTimeFeatureBuilder(data, options: options.features)
        let rows = TrainingPipeline.severeLandmarks(data, builder: builder, options: options)
        var expected: [(Int, Double)] = []
        for (k, c) in cases.enumerated() { if let l = c.2 { expected.append((k, l)) } }
        #expect(rows.rows.sorted() == expected.map(\.0))
        for (i, r) in rows.rows.enumerated() {
            #expect(rows.labels[i] == expected.first { $0.0 == r }?.1)
            #expect(rows.landmarks[i] == inv.dueDate[r].raw + 1)
        }
    }
}
