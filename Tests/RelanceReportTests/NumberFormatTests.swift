import Foundation
import Testing
import RelanceData
@testable import RelanceReport

@Suite struct NumberFormatTests {
    let fr = ReportNumberFormat(language: .fr)
    let en = ReportNumberFormat(language: .en)

    @Test func frenchAmountsUseCommaDecimalsAndNarrowNoBreakSpaces() {
        #expect(fr.money(12_345.67, currency: "EUR") == "12\u{202F}345,67\u{00A0}€")
        #expect(fr.money(1_234_567.891, currency: "EUR") == "1\u{202F}234\u{202F}567,89\u{00A0}€")
        #expect(fr.money(999.995, currency: "EUR", fractionDigits: 0) == "1\u{202F}000\u{00A0}€")
        #expect(fr.decimal(0.5, fractionDigits: 3) == "0,500")
        #expect(fr.integer(12_345) == "12\u{202F}345")
    }

    @Test func englishAmountsPutTheSymbolFirst() {
        #expect(en.money(12_345.67, currency: "EUR") == "€12,345.67")
        #expect(en.money(-42, currency: "USD") == "\u{2212}$42.00")
        #expect(en.money(10, currency: "CHF") == "CHF\u{00A0}10.00")
        #expect(en.decimal(1_000_000, fractionDigits: 0) == "1,000,000")
    }

    @Test func negativesUseTheMinusSignAndNegativeZeroIsUnsigned() {
        #expect(fr.decimal(-1.25, fractionDigits: 2) == "\u{2212}1,25")
        #expect(fr.decimal(-0.001, fractionDigits: 2) == "0,00")
        #expect(fr.money(-0.001, currency: "EUR") == "0,00\u{00A0}€")
    }

    @Test func percentagesFollowTheLanguage() {
        #expect(fr.percent(0.125) == "12,5\u{202F}%")
        #expect(en.percent(0.125) == "12.5%")
        #expect(en.percent(1, fractionDigits: 0) == "100%")
    }

    @Test func datesFollowTheLanguage() throws {
        let day = try #require(Day(year: 2026, month: 3, day: 7))
        #expect(fr.date(day) == "07/03/2026")
        #expect(en.date(day) == "7 Mar 2026")
        #expect(fr.date(.missing) == "—")
    }

    @Test func nonFiniteNumbersPrintAsADash() {
        #expect(fr.decimal(.nan, fractionDigits: 2) == "—")
        #expect(en.money(.infinity, currency: "EUR") == "—")
    }

    @Test func compactAmountsForAxes() {
        #expect(fr.compactMoney(12_000, currency: "EUR") == "12\u{00A0}k€")
        #expect(fr.compactMoney(1_500_000, currency: "EUR") == "1,5\u{00A0}M€")
        #expect(en.compactMoney(12_000, currency: "EUR") == "€12k")
        #expect(en.compactMoney(0, currency: "EUR") == "€0")
    }

    @Test func chartTicksInFrenchUseCommaDecimals() {
        let chart = LineChart(title: "t", xAxisTitle: "x", yAxisTitle: "y",
                              series: [.init(name: "s", points: [ChartPoint(x: 0, y: 0), ChartPoint(x: 1, y: 1)], colour: "#000000")],
                              xDomain: 0...1, yDomain: 0...1, language: .fr)
        let svg = chart.svg()
        #expect(svg.contains(">0,2</text>"))
        #expect(!svg.contains(">0.2</text>"))
    }
}

@Suite struct FixedPointTests {
    @Test func fixedMatchesPrintfAwayFromDecimalTies() {
        let values: [Double] = [0, 0.004, 1, 2.5, 12_345.67, 0.1 + 0.2, 1_234_567.891, 42.0001, 7e-7, 98_765.4321]
        for v in values {
            for digits in 0...4 where !(v == 2.5 && digits == 0) {
                #expect(ReportNumberFormat.fixed(v, digits: digits) == String(format: "%.\(digits)f", v), "\(v) at \(digits)")
            }
        }
        #expect(ReportNumberFormat.fixed(12_345.67, digits: 2) == "12345.67")
        #expect(ReportNumberFormat.fixed(0.05, digits: 3) == "0.050")
        #expect(ReportNumberFormat.fixed(1e20, digits: 2) == "100000000000000000000.00")
    }

    /// On a written tie (0.015, 2.5) the report rounds half away from zero, as a person reading the
    /// decimal would; printf rounds the binary value (0.01499…) or half to even, which prints 0.01 / 2.
    @Test func decimalTiesRoundHalfAwayFromZero() {
        #expect(ReportNumberFormat.fixed(0.015, digits: 2) == "0.02")
        #expect(ReportNumberFormat.fixed(2.5, digits: 0) == "3")
        #expect(ReportNumberFormat(language: .fr).money(0.125, currency: "EUR") == "0,13\u{00A0}€")
    }

    @Test func svgNumbersDropTrailingZeros() {
        #expect(SVGCanvas.number(60) == "60")
        #expect(SVGCanvas.number(60.5) == "60.5")
        #expect(SVGCanvas.number(60.25) == "60.25")
        #expect(SVGCanvas.number(0.05) == "0.05")
        #expect(SVGCanvas.number(-86.666) == "-86.67")
        #expect(SVGCanvas.number(-0.001) == "0")
        #expect(SVGCanvas.number(.nan) == "0")
    }
}
