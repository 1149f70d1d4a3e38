import Crypto
import Foundation
import RelanceScoring

/// Replaces personal data (names, emails, phone numbers) with stable keyed pseudonyms, for
/// exports that leave the finance team (GDPR data minimisation, art. 5(1)(c) and 25).
///
/// A pseudonym is the start of HMAC-SHA256(key, field ‖ 0x00 ‖ normalised value), shown in a shape
/// that still reads as what it replaces: `Customer 3F9A2C`, `c-3f9a2c@example.invalid`,
/// `+00 000 3F9A2C`. Ids and amounts are kept, so pseudonymised lists still join with the ERP for
/// whoever holds it, and the same customer gets the same pseudonym in every export made with the
/// same key, run after run, which keeps week-on-week comparisons possible.
///
/// Why keyed: names are guessable, and a plain hash of "Dupont SARL" can be found by hashing a
/// company register. Without the key nobody can recompute or confirm a pseudonym. Keep the key
/// out of the exported folder; a key of at least ``minimumKeyBytes`` random bytes is required, e.g.
/// `head -c 32 /dev/urandom | base64 > pseudonym.key`.
///
/// Pseudonyms are short (6 hex digits by default, 24 bits), so two customers out of a few
/// thousand may share one; they are display labels, and the ids stay the join key.
///
/// Values are normalised before hashing so trivial differences do not split one person in two:
/// names ignore case, Unicode composition and repeated spaces; emails ignore case and surrounding
/// spaces; phone numbers keep only a leading `+` and the digits. An empty value stays empty.
public struct Pseudonymizer: Sendable {
    /// The environment variable holding the key (its UTF-8 bytes are the key).
    public static let environmentVariable = "RELANCE_PSEUDONYM_KEY"
    /// The shortest key accepted, in bytes.
    public static let minimumKeyBytes = 16

    /// What a value is, so the same text used as a name and as an email gets unrelated pseudonyms.
    public enum Field: String, Sendable, CaseIterable {
        case name, email, phone
    }

    /// The key bytes (SymmetricKey is not Sendable in swift-crypto 3, so it is built per use).
    private let keyBytes: [UInt8]
    /// Hex digits in each pseudonym (6 to 16).
    public let digits: Int

    /// A pseudonymiser keyed with `key` (at least ``minimumKeyBytes`` bytes).
    public init(key: Data, digits: Int = 6) throws {
        guard key.count >= Self.minimumKeyBytes else {
            throw PseudonymizerError.keyTooShort(source: "key", bytes: key.count)
        }
        self.keyBytes = [UInt8](key)
        self.digits = min(max(digits, 6), 16)
    }

    /// A pseudonymiser keyed with the content of a key file (trailing spaces and line ends are
    /// ignored, so `echo`ed or base64 keys work).
    public init(keyFile: URL, digits: Int = 6) throws {
        let data: Data
        do { data = try Data(contentsOf: keyFile) } catch {
            throw PseudonymizerError.keyFileUnreadable(path: keyFile.path)
        }
        var bytes = [UInt8](data)
        while let last = bytes.last, last == 10 || last == 13 || last == 32 || last == 9 { bytes.removeLast() }
        guard bytes.count >= Self.minimumKeyBytes else {
            throw PseudonymizerError.keyTooShort(source: keyFile.path, bytes: bytes.count)
        }
        try self.init(key: Data(bytes), digits: digits)
    }

    /// The key from `keyFile` when given, otherwise from ``environmentVariable``.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment, keyFile: URL? = nil,
        digits: Int = 6
    ) throws -> Pseudonymizer {
        if let keyFile { return try Pseudonymizer(keyFile: keyFile, digits: digits) }
        guard let text = environment[environmentVariable], !text.isEmpty else {
            throw PseudonymizerError.keyMissing(variable: environmentVariable)
        }
        let bytes = Data(text.utf8)
        guard bytes.count >= minimumKeyBytes else {
            throw PseudonymizerError.keyTooShort(source: environmentVariable, bytes: bytes.count)
        }
        return try Pseudonymizer(key: bytes, digits: digits)
    }

    // MARK: - Pseudonyms

    /// The keyed token of a value: ``digits`` upper-case hex digits, or "" for an empty value.
    public func token(_ value: String, field: Field) -> String {
        let normalised = Self.normalised(value, field: field)
        guard !normalised.isEmpty else { return "" }
        var message = Data(field.rawValue.utf8)
        message.append(0)
        message.append(contentsOf: normalised.utf8)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: keyBytes))
        let hex = "0123456789ABCDEF".utf8.map { $0 }
        var out: [UInt8] = []
        out.reserveCapacity(digits)
        for byte in mac {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
            if out.count >= digits { break }
        }
        return String(decoding: out.prefix(digits), as: UTF8.self)
    }

    /// `Customer 3F9A2C` (empty for an empty name).
    public func name(_ value: String) -> String {
        let t = token(value, field: .name)
        return t.isEmpty ? "" : "Customer \(t)"
    }

    /// `c-3f9a2c@example.invalid`: a syntactically valid address in a reserved domain that can never
    /// deliver mail (RFC 2606), so a pseudonymised file cannot be used to write to anyone.
    public func email(_ value: String) -> String {
        let t = token(value, field: .email)
        return t.isEmpty ? "" : "c-\(t.lowercased())@example.invalid"
    }

    /// `+00 000 3F9A2C`: country code 00 does not exist, so the number cannot be dialled.
    public func phone(_ value: String) -> String {
        let t = token(value, field: .phone)
        return t.isEmpty ? "" : "+00 000 \(t)"
    }

    /// The invoice with the customer name replaced; ids, amounts, dates and scores unchanged.
    public func pseudonymize(_ invoice: ScoredInvoice) -> ScoredInvoice {
        var copy = invoice
        copy.customerName = name(invoice.customerName)
        return copy
    }

    /// The risk list with every customer name replaced (the roll-up follows, since it is derived).
    public func pseudonymize(_ list: RiskList) -> RiskList {
        // A customer has many invoices: compute each distinct name's HMAC once.
        var memo: [String: String] = [:]
        return list.mapInvoices { invoice in
            var copy = invoice
            if let known = memo[invoice.customerName] {
                copy.customerName = known
            } else {
                copy.customerName = name(invoice.customerName)
                memo[invoice.customerName] = copy.customerName
            }
            return copy
        }
    }

    static func normalised(_ value: String, field: Field) -> String {
        switch field {
        case .name:
            let composed = value.precomposedStringWithCanonicalMapping.lowercased()
            return composed.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        case .email:
            return value.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        case .phone:
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            let digits = trimmed.unicodeScalars.filter { ("0"..."9").contains($0) }
            guard !digits.isEmpty else { return "" }
            return (trimmed.hasPrefix("+") ? "+" : "") + String(String.UnicodeScalarView(digits))
        }
    }
}
