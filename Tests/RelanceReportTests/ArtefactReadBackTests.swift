import Foundation
import RelanceData
import RelanceOutreach
import RelanceScoring
import Testing
@testable import RelanceReport

/// The daily artefacts read back by `relance plan` and `relance report`: the JSON risk list keeps
/// structured reasons (so the planner knows what may be shared), and plan.csv keeps the decisions.
@Suite("Risk list JSON and plan.csv read back")
struct ArtefactReadBackTests {
    @Test func jsonRiskListKeepsReasonCodesAndShareability() throws {
        let f = try DailyFixture.shared.get()
        let data = try RiskList(asOf: f.asOf, invoices: f.risk).json(renderReason: ReasonText.renderer(.en))
        let back = try RiskListJSONReader.parse(data, file: "risk.json")
        #expect(back.asOf == f.asOf)
        #expect(back.invoices.count == f.risk.count)
        #expect(back.invoices.map(\.invoiceId) == f.risk.map(\.invoiceId))
        #expect(back.invoices.map(\.priority) == f.risk.map(\.priority))
        #expect(back.invoices.map { $0.reasons.map(\.code) } == f.risk.map { $0.reasons.map(\.code) })
        #expect(back.invoices.map { $0.reasons.map(\.shareableWithCustomer) } == f.risk.map { $0.reasons.map(\.shareableWithCustomer) })
        // The sample has shareable reasons at all (else this test proves nothing).
        #expect(back.invoices.contains { $0.reasons.contains(where: \.shareableWithCustomer) })
    }

    @Test func malformedJSONRiskListIsATypedErrorNamingTheField() {
        let text = #"{"as_of": "2026-11-27", "invoices": [{"invoice_id": "A"}]}"#
        #expect(throws: RiskListJSONReader.ReadError.self) { try RiskListJSONReader.parse(Data(text.utf8), file: "risk.json") }
        do {
            _ = try RiskListJSONReader.parse(Data(text.utf8), file: "risk.json")
        } catch let e as RiskListJSONReader.ReadError {
            #expect(e.description.hasPrefix("risk.json: "))
            #expect(e.description.contains("invoices[0]"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func planCSVRoundTripsItsDecisions() throws {
        let day = Day(iso: "2026-11-27")!
        let text = (PlanRow.header.joined(separator: ",") + "\n")
            + "C1,overdue_reminder,email,fr,clear,INV-1;INV-2,overdue_follow_up,\"text, with comma\",chronic_late,2026-11-27,overdue_reminder_clear,<m1@x>\n"
            + "C2,hold,,en,,INV-3,dispute_open,Dispute open.,disputed,2026-11-27,,\n"
        let rows = try PlanCSVReader.parse(text, file: "plan.csv")
        #expect(rows.count == 2)
        #expect(rows[0].decision.action == .overdueReminder && rows[0].decision.tone == .clear)
        #expect(rows[0].decision.invoiceIds == ["INV-1", "INV-2"] && rows[0].decision.day == day)
        #expect(rows[1].decision.action == .hold && rows[1].decision.reason == .holdDispute)
        // What the worklist shows for it.
        let inv = ScoredInvoice(invoiceId: "INV-2", customerId: "C1", customerName: "Dupont", amount: 100, currency: "EUR",
                                issueDate: day - 40, dueDate: day - 10, daysOverdue: 10, pLate: 0.8, anomalyScore: 0,
                                anomalyFlags: [], riskTier: .high, priority: 80, reasons: [])
        let worklist = WorklistRow.rows(risk: [inv], plan: rows, ledger: [], dataset: nil, asOf: day, language: .fr)
        #expect(worklist.first?.plannedAction == "Relance claire")
    }

    @Test func unknownPlanActionIsRefusedWithItsLine() {
        let text = "customer_id,action,channel,date\nC1,shout,email,2026-11-27\n"
        #expect(throws: PlanCSVReader.ReadError(file: "plan.csv", line: 2, column: "action", problem: "unknown value \"shout\"")) {
            try PlanCSVReader.parse(text, file: "plan.csv")
        }
    }
}
