import Foundation
import Testing
@testable import RelanceOutreach

@Suite struct InputFileTests {
    @Test func riskListIsReadBackByHeaderName() throws {
        let csv = """
        priority,invoice_id,customer_id,customer_name,amount,due_date,issue_date,p_late,anomaly_flags,risk_tier,reasons,shareable_reasons
        120.5,I1,C1,"Dupont, fils",300,2026-03-01,2026-02-01,0.4,duplicate_of:I0|amount_12x_usual,high,days_overdue=3;model_logit=2.1,days_overdue
        """
        let rows = try RiskListCSVReader.parse(csv, file: "risk.csv")
        #expect(rows.count == 1)
        let r = rows[0]
        #expect(r.customerName == "Dupont, fils")
        #expect(r.currency == "EUR")
        #expect(r.anomalyFlags == ["duplicate_of:I0", "amount_12x_usual"])
        #expect(r.riskTier == .high)
        #expect(r.reasons.map(\.code) == ["days_overdue", "model_logit"])
        #expect(r.reasons.map(\.shareableWithCustomer) == [true, false])
        #expect(r.dueDate == Day(year: 2026, month: 3, day: 1))
    }

    @Test func riskListErrorsNameFileLineAndColumn() {
        let csv = "invoice_id,customer_id,amount,due_date\nI1,C1,300,2026-03-01\nI2,C1,abc,2026-03-01\n"
        let e = #expect(throws: RiskListCSVReader.ReadError.self) { try RiskListCSVReader.parse(csv, file: "risk.csv") }
        #expect(e?.description == "risk.csv:3: amount: expected a number")
        let missing = #expect(throws: RiskListCSVReader.ReadError.self) { try RiskListCSVReader.parse("invoice_id,amount\n", file: "r.csv") }
        #expect(missing?.column == "customer_id")
    }

    @Test func outcomesFileIsCheckedRowByRow() throws {
        let good = "date,customer_id,invoice_id,kind,note\n2026-03-05,C1,I1,promise_to_pay,\"2026-03-20, by transfer\"\n2026-03-05,C2,,reminder_bounced,\n"
        let outcomes = try OutcomeFile.parse(good, file: "o.csv")
        #expect(outcomes.count == 2)
        #expect(outcomes[0].note == "2026-03-20, by transfer")
        #expect(outcomes[1].kind == .reminderBounced)
        let bad = "date,customer_id,kind\n2026-03-05,C1,promise_to_pay\n2026-03-05,C1,promised\n"
        let e = #expect(throws: OutcomeFile.ReadError.self) { try OutcomeFile.parse(bad, file: "o.csv") }
        #expect(e?.line == 3)
        #expect(e?.column == "kind")
    }

    @Test func importingOutcomesTwiceAddsNothing() throws {
        let ledger = try ContactLedger()
        let o = [LedgerOutcome(day: Fixture.wednesday, customerId: "C1", invoiceId: "I1", kind: .promiseToPay, note: "x")]
        #expect(try ledger.importOutcomes(o) == 1)
        #expect(try ledger.importOutcomes(o) == 0)
        #expect(try ledger.outcomes(through: Fixture.wednesday) == o)
        #expect(try ledger.outcomes(through: Fixture.wednesday - 1).isEmpty)
    }
}
