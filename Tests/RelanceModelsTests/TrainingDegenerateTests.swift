import Foundation
import Testing
@testable import RelanceModels

@Suite("Training on degenerate data")
struct TrainingDegenerateTests {
    @Test func aBookWithoutLatePaymentsIsRefusedWithAClearReason() throws {
        let book = TrainingBook(lateness: { _ in 0 })
        // Some invoices are open past due at the as-of day (payments after it are unknown), so cut
        // the book where every labelled invoice was paid on time.
        let asOf = TrainingBook.start + 400
        let onTime = book.dataset.truncated(at: asOf)
        var options = TrainingBook.options()
        options.asOf = asOf
        do {
            _ = try TrainingPipeline.run(onTime, options: options)
            Issue.record("training on one class must fail")
        } catch let e as TrainingError {
            #expect(e.description.hasPrefix("train: late-payment model: all "))
            #expect(e.description.hasSuffix("were paid on time; a model needs both late and on-time examples"))
        }
    }

    @Test func aTinyHistoryIsRefusedWithAClearReason() throws {
        var inv = InvoiceTable()
        var ids = IdInterner()
        let c = ids.intern("C1")
        let d = Day(year: 2025, month: 1, day: 1)!
        inv.append(invoiceId: "A", customer: c, issueDate: d, dueDate: d + 30, paidDate: d + 40, amount: 10, currency: "EUR")
        inv.append(invoiceId: "B", customer: c, issueDate: d + 5, dueDate: d + 35, paidDate: d + 30, amount: 20, currency: "EUR")
        inv.append(invoiceId: "C", customer: c, issueDate: d + 9, dueDate: d + 39, paidDate: d + 45, amount: 30, currency: "EUR")
        let data = Dataset(customerIds: ids, invoices: inv)
        #expect(throws: TrainingError.self) { try TrainingPipeline.run(data, options: TrainingOptions(asOf: d + 100)) }
        // And with nothing issued by the as-of day.
        do {
            _ = try TrainingPipeline.run(data, options: TrainingOptions(asOf: d - 1))
            Issue.record("an empty history must be refused")
        } catch let e as TrainingError {
            #expect(e.description.contains("no invoice was issued on or before"))
        }
    }

    @Test func constantColumnsAreDroppedAndNamed() throws {
        // No events, one channel: the event counts and channel flags are constant.
        let result = try TrainingPipeline.run(TrainingBook().dataset, options: TrainingBook.options())
        let dropped = result.bundle.lateModel.report.droppedConstantFeatures
        #expect(dropped.contains("prior_disputes"))
        #expect(dropped.contains("channel_paper"))
        let j = try #require(result.bundle.lateModel.featureNames.firstIndex(of: "prior_disputes"))
        #expect(result.bundle.lateModel.coefficients[j] == 0)
    }

    @Test func separatedClassesStillFitWithThePenalty() throws {
        // Half the customers always late, half never: the customer's record separates the classes
        // almost perfectly once they have history. λ > 0 keeps the fit finite and converged.
        let book = TrainingBook(lateness: { $0 % 2 == 0 ? 1 : 0 })
        let result = try TrainingPipeline.run(book.dataset, options: TrainingBook.options())
        #expect(result.bundle.metrics.late.converged)
        let finite = result.bundle.lateModel.coefficients.allSatisfy { $0.isFinite }
        #expect(finite)
        #expect(result.bundle.metrics.late.model.rocAUC > 0.95)
    }

    @Test func invalidOptionsAreRefused() throws {
        var options = TrainingBook.options()
        options.l2 = -1
        let book = TrainingBook()
        do {
            _ = try TrainingPipeline.run(book.dataset, options: options)
            Issue.record("a negative penalty must be refused")
        } catch let e as TrainingError {
            #expect(e == .invalidOption("--l2 must be a finite number ≥ 0, got -1.0"))
        }
    }
}
