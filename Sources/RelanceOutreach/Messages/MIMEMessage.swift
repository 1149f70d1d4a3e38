import Foundation
import RelanceData

/// A ready-to-send RFC 5322 message: `multipart/alternative` with a UTF-8 text part and a UTF-8
/// HTML part, both quoted-printable, CRLF line ends, RFC 2047 encoded words for non-ASCII
/// subjects and display names.
///
/// Everything in it is a function of its inputs — the `Date` comes from the planning day, the
/// boundary from the Message-ID — so a rerun writes byte-identical files.
public struct MIMEMessage: Sendable, Equatable {
    public var fromName: String
    public var fromAddress: String
    public var toName: String
    public var toAddress: String
    public var replyToName: String
    public var replyToAddress: String
    public var subject: String
    public var day: Day
    /// Without angle brackets: `relance.0123456789abcdef@example.com`.
    public var messageId: String
    public var text: String
    public var html: String
    /// Extra `X-Relance-*` headers (action, tone, customer id), ASCII only.
    public var extraHeaders: [(String, String)]

    public static func == (a: MIMEMessage, b: MIMEMessage) -> Bool { a.serialized() == b.serialized() }

    public init(fromName: String, fromAddress: String, toName: String, toAddress: String, replyToName: String, replyToAddress: String,
                subject: String, day: Day, messageId: String, text: String, html: String, extraHeaders: [(String, String)] = []) {
        self.fromName = fromName
        self.fromAddress = fromAddress
        self.toName = toName
        self.toAddress = toAddress
        self.replyToName = replyToName
        self.replyToAddress = replyToAddress
        self.subject = subject
        self.day = day
        self.messageId = messageId
        self.text = text
        self.html = html
        self.extraHeaders = extraHeaders
    }

    /// The message bytes (CRLF line ends throughout).
    public func serialized() -> Data {
        let boundary = "=_relance_" + StableHash.hex([messageId])
        var lines: [String] = []
        lines.append(Self.header("From", Self.mailbox(fromName, fromAddress)))
        lines.append(Self.header("To", Self.mailbox(toName, toAddress)))
        if !replyToAddress.isEmpty { lines.append(Self.header("Reply-To", Self.mailbox(replyToName, replyToAddress))) }
        lines.append(Self.header("Subject", Self.encodedWords(subject)))
        lines.append("Date: \(Self.rfc5322Date(day))")
        lines.append("Message-ID: <\(messageId)>")
        lines.append("MIME-Version: 1.0")
        for (k, v) in extraHeaders { lines.append("\(k): \(v)") }
        lines.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
        lines.append("")
        lines.append("This is a multi-part message in MIME format.")
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            lines.append("--\(boundary)")
            lines.append("Content-Type: \(type); charset=UTF-8")
            lines.append("Content-Transfer-Encoding: quoted-printable")
            lines.append("")
            lines.append(Self.quotedPrintable(body))
        }
        lines.append("--\(boundary)--")
        lines.append("")
        return Data(lines.joined(separator: "\r\n").utf8)
    }

    /// `Name <addr>` with the name quoted, or RFC 2047 encoded when not ASCII.
    static func mailbox(_ name: String, _ address: String) -> String {
        let clean = name.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if clean.isEmpty { return "<\(address)>" }
        if clean.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 }) {
            let quoted = clean.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(quoted)\" <\(address)>"
        }
        return "\(encodedWords(clean)) <\(address)>"
    }

    /// A header line folded at encoded-word boundaries (each word stays under 76 characters).
    static func header(_ name: String, _ value: String) -> String { "\(name): \(value)" }

    /// RFC 2047 `=?UTF-8?B?…?=` words, split on character boundaries, folded with CRLF + space;
    /// plain ASCII text is returned as is.
    static func encodedWords(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if flat.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 && $0.value < 127 }) && flat.count <= 900 { return flat }
        var words: [String] = []
        var chunk = Data()
        for ch in flat {
            let bytes = Data(String(ch).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=")
                chunk = Data()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    /// `Wed, 04 Mar 2026 08:00:00 +0000`: the planning day at 08:00 UTC.
    static func rfc5322Date(_ day: Day) -> String {
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let (y, m, d) = day.civil
        return "\(names[day.isoWeekday - 1]), \(d < 10 ? "0" : "")\(d) \(months[m - 1]) \(y) 08:00:00 +0000"
    }

    /// Quoted-printable (RFC 2045 §6.7) with CRLF line ends and soft breaks before 76 characters.
    /// Works on bytes: it runs once per message part and dominated serialisation when built from Strings.
    static func quotedPrintable(_ text: String) -> String {
        let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 2)
        var current = 0
        var bytes = Array(text.utf8)
        bytes.removeAll { $0 == 13 }  // CRLF and CR become LF, then CRLF on output
        var k = 0
        let n = bytes.count
        while k < n {
            let b = bytes[k]
            if b == 10 {
                out.append(13); out.append(10)
                current = 0
                k += 1
                continue
            }
            let isLast = k + 1 == n || bytes[k + 1] == 10
            let literal = (b >= 33 && b <= 126 && b != 61) || ((b == 32 || b == 9) && !isLast)
            let width = literal ? 1 : 3
            if current + width > 75 {
                out.append(61); out.append(13); out.append(10)
                current = 0
            }
            if literal {
                out.append(b)
            } else {
                out.append(61); out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 15)])
            }
            current += width
            k += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
