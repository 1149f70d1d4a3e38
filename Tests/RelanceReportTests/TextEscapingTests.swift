import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
import RelanceData
@testable import RelanceReport

@Suite struct TextEscapingTests {
    @Test func escapesMarkupCharacters() {
        #expect(HTMLText.escape("<Dupont & Fils>") == "&lt;Dupont &amp; Fils&gt;")
        #expect(HTMLText.escape("l'\"atelier\"") == "l&#39;&quot;atelier&quot;")
        #expect(HTMLText.escape("a\u{0001}b") == "ab")
    }

    @Test func customerNameAppearsEscapedInTheWorklist() throws {
        let due = try #require(Day(year: 2026, month: 11, day: 1))
        let row = WorklistRow(invoiceId: "F-1", customerId: "C1", customerName: "<Dupont & Fils>", amount: 100,
                              currency: "EUR", dueDate: due, daysOverdue: 3, pLate: 0.5, riskTier: .high,
                              priority: 50, reasons: ["<script>alert(1)</script>"], flags: [],
                              plannedAction: "Call", alreadySent: [])
        let branding = try ReportBranding(companyName: "Acme & Co", brandColour: "#1F4E79")
        let html = HTMLReport.render(model: nil, portfolio: nil, worklist: [row], branding: branding, language: .en)
        #expect(html.contains("&lt;Dupont &amp; Fils&gt;"))
        #expect(!html.contains("<Dupont"))
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("Acme &amp; Co"))
    }

    @Test func barLabelsAreEscapedAndTheSVGIsWellFormedXML() {
        let chart = BarChart(title: "Top <customers>", axisTitle: "Amount & more",
                             bars: [.init(label: "<Dupont & Fils>", value: 10), .init(label: "O'Neil \"Ltd\"", value: -3)],
                             positiveColour: "#aa0000", negativeColour: "#0000aa")
        let svg = chart.svg()
        #expect(svg.contains("&lt;Dupont &amp; Fils&gt;"))
        #expect(!svg.contains("<Dupont"))
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "SVG is not well-formed: \(String(describing: parser.parserError))")
    }
}
