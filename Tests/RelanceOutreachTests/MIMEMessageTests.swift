import Foundation
import Testing
@testable import RelanceOutreach

@Suite struct MIMEMessageTests {
    @Test func quotedPrintableKeepsLinesShortAndEscapesEquals() {
        let long = String(repeating: "é", count: 60) + " a=b "
        let qp = MIMEMessage.quotedPrintable(long)
        for line in qp.components(separatedBy: "\r\n") { #expect(line.count <= 76) }
        #expect(qp.contains("=3D"))
        #expect(qp.hasSuffix("=20"))  // trailing space encoded
    }

    @Test func nonASCIISubjectIsEncodedAsRFC2047Words() {
        let encoded = MIMEMessage.encodedWords("Relance – facture échue pour Müller & Söhne, merci de votre règlement rapide")
        #expect(encoded.hasPrefix("=?UTF-8?B?"))
        for word in encoded.components(separatedBy: "\r\n ") { #expect(word.count <= 75) }
        #expect(MIMEMessage.encodedWords("Plain subject") == "Plain subject")
    }

    @Test func serializationIsDeterministic() {
        let m = MIMEMessage(fromName: "Atelier", fromAddress: "a@b.example", toName: "Zoë", toAddress: "z@c.example", replyToName: "C",
                            replyToAddress: "c@b.example", subject: "Salut", day: Fixture.wednesday, messageId: "relance.1@b.example",
                            text: "Bonjour\n", html: "<p>Bonjour</p>")
        #expect(m.serialized() == m.serialized())
        let text = String(decoding: m.serialized(), as: UTF8.self)
        #expect(text.contains("To: =?UTF-8?B?"))
        #expect(text.contains("Date: Wed, 04 Mar 2026 08:00:00 +0000\r\n"))
    }
}
