import Testing
@testable import RelanceReport

@Suite struct BrandingTests {
    @Test func acceptsAndNormalisesHexColours() throws {
        #expect(try ReportBranding(companyName: "Acme", brandColour: "#1F4E79").brandColour == "#1f4e79")
        #expect(try ReportBranding(companyName: "Acme", brandColour: "#AbC").brandColour == "#aabbcc")
    }

    @Test func refusesWhatIsNotAHexColour() {
        for bad in ["1f4e79", "#1f4e7", "#12345g", "red", "#1f4e79;background:url(x)", "", "#１２３"] {
            #expect(throws: ReportInputError.invalidBrandColour(field: "brand_colour", value: bad)) {
                try ReportBranding(companyName: "Acme", brandColour: bad)
            }
        }
        #expect(throws: ReportInputError.emptyCompanyName) { try ReportBranding(companyName: "  ", brandColour: "#000") }
    }

    @Test func lightBrandColoursAreDarkenedForChartLines() throws {
        let yellow = try ReportBranding(companyName: "Acme", brandColour: "#ffe000")
        let accent = try #require(ReportBranding.parseHex(yellow.accentColour))
        #expect(ReportBranding.contrastWithWhite(accent) >= 3)
        #expect(yellow.onBrandTextColour == "#111827")
        let navy = try ReportBranding(companyName: "Acme", brandColour: "#1f4e79")
        #expect(navy.accentColour == "#1f4e79")
        #expect(navy.onBrandTextColour == "#ffffff")
    }
}
