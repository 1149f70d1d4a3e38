import Testing
@testable import RelanceReport

@Suite struct ScaleTests {
    @Test func mapsDomainLinearlyOntoRangeIncludingInvertedRanges() {
        let s = Scale(domain: 0...10, range: (100, 300))
        #expect(s(0) == 100)
        #expect(s(2.5) == 150)
        #expect(s(10) == 300)
        let y = Scale(domain: 0...1, range: (160, 10))
        #expect(y(0) == 160)
        #expect(y(0.5) == 85)
        #expect(y(1) == 10)
    }

    @Test func niceStepIsOneTwoOrFiveTimesAPowerOfTen() {
        #expect(Scale.niceStep(span: 1, count: 5) == 0.2)
        #expect(Scale.niceStep(span: 97, count: 5) == 20)
        #expect(Scale.niceStep(span: 3, count: 5) == 0.5)
        #expect(Scale.niceStep(span: 12_345, count: 5) == 2_000)
        #expect(Scale.niceStep(span: 0.07, count: 5) == 0.01)
    }

    @Test func nicedDomainStartsAndEndsOnTicks() {
        let s = Scale(domain: 0...97, range: (0, 100)).niced()
        #expect(s.domainStart == 0)
        #expect(s.domainEnd == 100)
        let signed = Scale(domain: -0.83...1.72, range: (0, 100)).niced()
        #expect(signed.domainStart == -1)
        #expect(signed.domainEnd == 2)
    }

    @Test func ticksAreExactRoundNumbers() {
        let unit = Scale(domain: 0...1, range: (0, 1)).ticks()
        #expect(unit == [0, 0.2, 0.4, 0.6, 0.8, 1])
        let signed = Scale(domain: -1...2, range: (0, 1)).ticks()
        #expect(signed == [-1, -0.5, 0, 0.5, 1, 1.5, 2])
        let money = Scale(domain: 0...10_000, range: (0, 1)).ticks()
        #expect(money == [0, 2_000, 4_000, 6_000, 8_000, 10_000])
        let tenths = Scale(domain: 0...0.3, range: (0, 1)).ticks(count: 3)
        #expect(tenths == [0, 0.1, 0.2, 0.3])
    }

    @Test func fractionDigitsFollowTheStep() {
        #expect(Scale.fractionDigits(forStep: 0.2) == 1)
        #expect(Scale.fractionDigits(forStep: 0.25) == 2)
        #expect(Scale.fractionDigits(forStep: 5) == 0)
        #expect(Scale.fractionDigits(forStep: 0.05) == 2)
    }
}
