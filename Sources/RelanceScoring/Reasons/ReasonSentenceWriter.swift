import RelanceData

/// Writes the sentence of a ``Reason`` straight into UTF-8 bytes: the one implementation of the
/// wording ``ReasonText`` documents (``ReasonText/render(_:language:)`` decodes these bytes).
///
/// The daily risk list renders a few reasons for each of some hundred thousand open invoices;
/// building every sentence as a `String` (interpolations, joins, one allocation per piece) cost
/// more than writing the rest of the file. Here each piece is appended to one reusable buffer.
struct ReasonSentenceWriter {
    /// Where the sentences go (the caller's writer: give it back with ``out`` when done).
    var out: ByteWriter
    let format: ReasonNumberFormat
    private let fr: Bool

    init(language: ReasonLanguage, out: ByteWriter) {
        format = ReasonNumberFormat(language: language)
        fr = language == .fr
        self.out = out
    }

    // MARK: Pieces

    @inline(__always) private mutating func put(_ s: StaticString) {
        out.append(s)
    }

    /// A string's bytes. Named apart from ``put(_:)``: given both overloads, a literal argument
    /// picked this one (a literal's default type is `String`), and every fixed piece of every
    /// sentence went through a `String`.
    @inline(__always) private mutating func put(string s: String) {
        out.append(s)
    }

    /// `en` or `fr` by the language.
    @inline(__always) private mutating func put(en: StaticString, fr: StaticString) {
        put(self.fr ? fr : en)
    }

    /// An integer as string interpolation writes it (`String(n)`: no group mark).
    private mutating func plain(_ n: Int) {
        out.appendDecimalDigits(of: n)
    }

    /// An integer with the language's group marks (``ReasonNumberFormat/integer(_:)``).
    private mutating func grouped(_ n: Int) { format.appendInteger(n, to: &out) }

    // MARK: Sentences

    /// `Int(text)`, read from the bytes in place for the common case (1 to 18 ASCII digits: no
    /// sign, so no overflow); anything else goes through `Int(_:)`.
    @inline(__always) static func integer(_ text: String) -> Int? {
        let digits: Int?? = text.utf8.withContiguousStorageIfAvailable { b -> Int? in
            guard b.count >= 1 && b.count <= 18 else { return nil }
            var v = 0
            for c in b {
                let d = c &- UInt8(ascii: "0")
                if d > 9 { return nil }
                v = v &* 10 &+ Int(d)
            }
            return v
        }
        if let found = digits ?? nil { return found }
        return Int(text)
    }

    /// Appends the sentence of `reason`.
    mutating func write(_ reason: Reason) {
        withUnsafePointer(to: reason) { write(ReasonInPlace($0), kind: Self.kind(of: reason.code)) }
    }

    /// Appends the sentence of `reason`, whose code is of `kind` (``kind(of:)``, perhaps
    /// remembered by a ``ReasonCodeCache``).
    mutating func write(_ reason: ReasonInPlace, kind: CodeKind) {
        let n = Int(CSVBuffer.roundedHalfAway(reason.value))
        let lowers = reason.contribution < 0
        if case .anomaly = kind {
            anomaly(reason)
            return
        }
        guard case .known(let code) = kind else {
            put(string: reason.code)
            if !reason.detail.isEmpty {
                put(": ")
                put(string: reason.detail)
            }
            return
        }
        switch code {
        case .lateShare:
            let paid = Self.integer(reason.detail) ?? 0, late = n, onTime = max(0, paid - late)
            if lowers {
                if paid == 1 {
                    put(en: "paid its only earlier invoice on time", fr: "sa seule facture précédente réglée à temps")
                } else if onTime == paid {
                    if fr { put("ses "); plain(paid); put(" factures précédentes toutes réglées à temps") }
                    else { put("paid all "); plain(paid); put(" earlier invoices on time") }
                } else {
                    if fr { plain(onTime); put(" de ses "); plain(paid); put(" factures précédentes réglées à temps") }
                    else { put("paid "); plain(onTime); put(" of "); plain(paid); put(" earlier invoices on time") }
                }
            } else if late == 0 {
                if fr {
                    put("aucun retard, mais seulement "); plain(paid); put(" facture")
                    if paid > 1 { put("s") }
                    put(" réglée")
                    if paid > 1 { put("s") }
                    put(" à ce jour")
                } else {
                    put("no late payment yet, but only "); plain(paid); put(" paid invoice")
                    if paid > 1 { put("s") }
                    put(" on record")
                }
            } else if paid == 1 {
                put(en: "paid its only earlier invoice late", fr: "sa seule facture précédente réglée en retard")
            } else if late == paid {
                if fr { put("ses "); plain(paid); put(" factures précédentes toutes réglées en retard") }
                else { put("paid all "); plain(paid); put(" earlier invoices late") }
            } else {
                if fr { plain(late); put(" de ses "); plain(paid); put(" factures précédentes réglées en retard") }
                else { put("paid "); plain(late); put(" of "); plain(paid); put(" earlier invoices late") }
            }
        case .recentLateShare:
            let k = Self.integer(reason.detail) ?? 0, late = n, onTime = max(0, k - late)
            if lowers {
                if k == 1 {
                    put(en: "paid the last invoice on time", fr: "dernière facture réglée à temps")
                } else if onTime == k {
                    if fr { put("les "); plain(k); put(" dernières factures réglées à temps") }
                    else { put("paid the last "); plain(k); put(" invoices on time") }
                } else {
                    if fr { plain(onTime); put(" des "); plain(k); put(" dernières factures réglées à temps") }
                    else { put("paid "); plain(onTime); put(" of the last "); plain(k); put(" invoices on time") }
                }
            } else if k == 1 {
                if late == 1 { put(en: "paid the last invoice late", fr: "dernière facture réglée en retard") }
                else { put(en: "paid the last invoice on time", fr: "dernière facture réglée à temps") }
            } else if late == k {
                if fr { put("les "); plain(k); put(" dernières factures toutes réglées en retard") }
                else { put("paid the last "); plain(k); put(" invoices late") }
            } else {
                if fr { plain(late); put(" des "); plain(k); put(" dernières factures réglées en retard") }
                else { put("paid "); plain(late); put(" of the last "); plain(k); put(" invoices late") }
            }
        case .daysLate:
            let mean = reason.value, longest = Self.integer(reason.detail) ?? 0
            let digits = mean != CSVBuffer.roundedHalfAway(mean) ? 1 : 0
            if abs(mean) < 0.05 {
                put(en: "pays on the due date on average", fr: "règle en moyenne à l'échéance")
            } else if mean > 0 {
                if fr {
                    put("règle en moyenne "); format.appendDecimal(abs(mean), digits: digits, to: &out)
                    put(" jours après l'échéance")
                    if longest > 0 { put(" (retard maximal\u{00A0}: "); grouped(longest); put(" jours)") }
                } else {
                    put("pays "); format.appendDecimal(abs(mean), digits: digits, to: &out)
                    put(" days after the due date on average")
                    if longest > 0 { put(" (longest delay "); grouped(longest); put(" days)") }
                }
            } else {
                if fr {
                    put("règle en moyenne "); format.appendDecimal(abs(mean), digits: digits, to: &out)
                    put(" jours avant l'échéance")
                } else {
                    put("pays "); format.appendDecimal(abs(mean), digits: digits, to: &out)
                    put(" days before the due date on average")
                }
            }
        case .daysSincePayment:
            if reason.detail == "never" {
                if fr { put("aucun règlement depuis la première facture, il y a "); grouped(n); put(" jours") }
                else { put("no payment in the "); grouped(n); put(" days since the first invoice") }
            } else if n <= 1 {
                put(en: "last payment yesterday", fr: "dernier règlement hier")
            } else {
                if fr { put("dernier règlement il y a "); grouped(n); put(" jours") }
                else { put("last payment "); grouped(n); put(" days ago") }
            }
        case .noHistory:
            put(en: "no paid invoice on record yet", fr: "aucune facture réglée à ce jour")
        case .overdueOpen:
            switch n {
            case ...0: put(en: "no other overdue invoice", fr: "aucune autre facture échue impayée")
            case 1:
                put(en: "1 other overdue invoice open (", fr: "1 autre facture échue impayée (")
                format.appendMoney(reason.detail, to: &out)
                put(")")
            default:
                grouped(n)
                put(en: " other overdue invoices open (", fr: " autres factures échues impayées (")
                format.appendMoney(reason.detail, to: &out)
                put(en: " in total)", fr: " au total)")
            }
        case .openBalance:
            switch n {
            case ...0: put(en: "no other invoice open", fr: "aucune autre facture en cours")
            case 1:
                put(en: "1 other invoice open (", fr: "1 autre facture en cours (")
                format.appendMoney(reason.detail, to: &out)
                put(")")
            default:
                grouped(n)
                put(en: " other invoices open (", fr: " autres factures en cours (")
                format.appendMoney(reason.detail, to: &out)
                put(en: " in total)", fr: " au total)")
            }
        case .amountRatio:
            put(en: "amount ", fr: "montant égal à ")
            format.appendDecimal(reason.value, digits: 1, to: &out)
            put(en: "× this customer's usual", fr: " fois la moyenne de ce client")
        case .amount:
            put(en: "first invoice of this customer (", fr: "première facture de ce client (")
            format.appendMoney(ReasonAmount.detail(reason.value, currency: reason.detail), to: &out)
            put(")")
        case .paymentTerms:
            if fr { put("délai de paiement de "); grouped(n); put(" jours") }
            else { plain(n); put("-day payment terms") }
        case .tenure:
            put(en: "customer for ", fr: "client depuis ")
            if n < 60 {
                grouped(n)
                put(en: " days", fr: " jours")
            } else if n < 730 {
                plain(Int(CSVBuffer.roundedHalfAway(Double(n) / 30.44)))
                put(en: " months", fr: " mois")
            } else {
                plain(Int(CSVBuffer.roundedHalfAway(Double(n) / 365.25)))
                put(en: " years", fr: " ans")
            }
        case .paymentMethod:
            switch reason.detail {
            case "card": put(en: "pays by card", fr: "règlement par carte bancaire")
            case "transfer": put(en: "pays by bank transfer", fr: "règlement par virement")
            case "direct_debit": put(en: "pays by direct debit", fr: "règlement par prélèvement")
            case "cheque": put(en: "pays by cheque", fr: "règlement par chèque")
            case "other": put(en: "pays by another method", fr: "règlement par un autre moyen")
            default: put(en: "payment method not given", fr: "moyen de paiement non renseigné")
            }
        case .channel:
            switch reason.detail {
            case "paper": put(en: "invoice sent on paper", fr: "facture envoyée sur papier")
            case "electronic": put(en: "invoice sent electronically", fr: "facture envoyée par voie électronique")
            default: put(en: "sending channel not given", fr: "mode d'envoi non renseigné")
            }
        case .dueSeason:
            let m = min(max(n, 1), 12) - 1
            put(en: "falls due in ", fr: "échéance en ")
            put(fr ? Self.frenchMonths[m] : Self.englishMonths[m])
        case .disputes:
            switch n {
            case ...0: put(en: "no earlier dispute", fr: "aucun litige antérieur")
            case 1: put(en: "1 earlier dispute", fr: "1 litige antérieur")
            default: plain(n); put(en: " earlier disputes", fr: " litiges antérieurs")
            }
        case .brokenPromises:
            switch n {
            case ...0: put(en: "no broken promise to pay", fr: "aucune promesse de paiement non tenue")
            case 1: put(en: "1 promise to pay not kept", fr: "1 promesse de paiement non tenue")
            default: plain(n); put(en: " promises to pay not kept", fr: " promesses de paiement non tenues")
            }
        case .remindersBounced:
            switch n {
            case ...0: put(en: "no bounced reminder", fr: "aucune relance non distribuée")
            case 1: put(en: "1 reminder bounced", fr: "1 relance non distribuée")
            default: plain(n); put(en: " reminders bounced", fr: " relances non distribuées")
            }
        case .hardship:
            if n >= 1 { put(en: "reported financial difficulties", fr: "difficultés financières signalées") }
            else { put(en: "no financial difficulty reported", fr: "aucune difficulté financière signalée") }
        case .populationLateShare:
            if fr {
                put("taux de retard de "); format.appendPercent(reason.value, to: &out); put(" sur l'ensemble des clients")
            } else {
                format.appendPercent(reason.value, to: &out); put(" of all customers' payments late")
            }
        case .daysOverdue:
            overdue(reason)
            return
        }
        if lowers { put(en: " (lowers the risk)", fr: " (diminue le risque)") }
    }

    /// What a reason's code names: an `anomaly:` check, one of the ``ReasonCode``s, or neither.
    enum CodeKind: Equatable {
        case anomaly
        case known(ReasonCode)
        case unknown
    }

    /// ``CodeKind`` of `code`: `code.hasPrefix(ReasonCode.anomalyPrefix)` first, then
    /// ``reasonCode(_:)``, read from the code's bytes once. An ASCII code (every code written by
    /// this version) is compared as three words with the known codes (``CodeWords``); anything
    /// else goes through the string comparisons (where a combining mark after the colon changes
    /// the answer, byte prefixes are not the same test).
    static func kind(of code: String) -> CodeKind {
        let found = code.utf8.withContiguousStorageIfAvailable { codeWords.kind(of: $0) }
        if let found = found ?? nil { return found }
        if code.hasPrefix(ReasonCode.anomalyPrefix) { return .anomaly }
        return reasonCode(code).map { .known($0) } ?? .unknown
    }

    private static let codeWords = CodeWords()

    /// `ReasonCode(rawValue:)` without hashing the code (the enum's own lookup hashes the string
    /// into a cached table, a measurable part of writing a few hundred thousand reasons): an ASCII
    /// code is compared byte for byte with the raw values (for ASCII, string equality is byte
    /// equality); anything else goes through the enum's lookup.
    static func reasonCode(_ code: String) -> ReasonCode? {
        var code = code
        let found = code.withUTF8 { b -> (ascii: Bool, index: Int?) in
            if b.contains(where: { $0 >= 0x80 }) { return (false, nil) }
            for (k, raw) in rawCodes.enumerated() where same(raw, b) { return (true, k) }
            return (true, nil)
        }
        guard found.ascii else { return ReasonCode(rawValue: code) }
        return found.index.map { allCodes[$0] }
    }

    private static let allCodes = ReasonCode.allCases
    private static let allBases = ScoreBasis.allCases
    private static let rawBases: [[UInt8]] = allBases.map { Array($0.rawValue.utf8) }

    /// Whether `a` and `b` hold the same bytes (short texts: a plain loop beats the generic
    /// `elementsEqual`).
    @inline(__always) private static func same(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBufferPointer { a in
            for i in 0..<a.count where a[i] != b[i] { return false }
            return true
        }
    }
    private static let rawCodes: [[UInt8]] = allCodes.map { Array($0.rawValue.utf8) }

    private static let englishMonths: [StaticString] = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]
    private static let frenchMonths: [StaticString] = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre",
    ]

    /// `days_overdue`: the days past due, then what `p_late` means for the row's ``ScoreBasis``
    /// (the detail is "basis:horizon").
    private mutating func overdue(_ reason: ReasonInPlace) {
        let d = Int(CSVBuffer.roundedHalfAway(reason.value))
        if fr {
            put("échue depuis "); grouped(d); put(" jour")
            if d > 1 { put("s") }
        } else {
            grouped(d); put(" day")
            if d != 1 { put("s") }
            put(" past due")
        }
        var detail = reason.detail
        let done = detail.withUTF8 { b -> Bool in
            // The common case read in place: ASCII "basis:horizon", cut at the first colon, neither
            // side empty (in ASCII a colon is a character of its own, so this is the cut below).
            guard let colon = b.firstIndex(of: UInt8(ascii: ":")), colon > 0, colon + 1 < b.count,
                  !b.contains(where: { $0 >= 0x80 }) else { return false }
            let basis = UnsafeBufferPointer(rebasing: b[..<colon])
            overdueTail(basis: Self.rawBases.firstIndex { Self.same($0, basis) }.map { Self.allBases[$0] },
                        horizon: UnsafeBufferPointer(rebasing: b[(colon + 1)...]))
            return true
        }
        if done { return }
        // "basis:horizon", cut at the first colon (split's result whenever neither side is empty).
        let basis: String
        var horizon: String
        if let colon = detail.firstIndex(of: ":"), colon != detail.startIndex, detail.index(after: colon) != detail.endIndex {
            basis = String(detail[..<colon])
            horizon = String(detail[detail.index(after: colon)...])
        } else {
            let parts = detail.split(separator: ":", maxSplits: 1)
            basis = parts.first.map(String.init) ?? ""
            horizon = parts.count > 1 ? String(parts[1]) : "30"
        }
        horizon.withUTF8 { overdueTail(basis: ScoreBasis(rawValue: basis), horizon: $0) }
    }

    private mutating func overdueTail(basis: ScoreBasis?, horizon: UnsafeBufferPointer<UInt8>) {
        switch basis {
        case .latePayment?:
            put(en: " (within the grace period)", fr: " (dans le délai de grâce)")
        case .severeDelay?:
            put(en: ": p_late is the probability that it is still unpaid ",
                fr: "\u{00A0}: p_late est la probabilité qu'elle reste impayée ")
            out.append(horizon)
            put(en: " days past due", fr: " jours après l'échéance")
        case .severeDelayReached?:
            put(en: ": severe delay reached", fr: "\u{00A0}: retard grave atteint")
        case .overdueUnmodelled?, nil:
            break
        }
    }

    /// `anomaly:*` reasons (never shown to the customer; no "lowers the risk" side).
    private mutating func anomaly(_ reason: ReasonInPlace) {
        // The code starts with the prefix's characters, each one ASCII byte (what `hasPrefix`
        // found), so dropping them is dropping that many bytes: no walk over characters.
        let code = reason.code
        let kind = String(code.utf8.dropFirst(ReasonCode.anomalyPrefix.utf8.count))
            ?? String(code.dropFirst(ReasonCode.anomalyPrefix.count))
        let n = Int(CSVBuffer.roundedHalfAway(reason.value))
        switch kind {
        case "duplicate_of":
            put(en: "possible duplicate of invoice ", fr: "doublon possible de la facture ")
            put(string: reason.detail)
        case "amount_spike":
            if fr { put("montant "); plain(n); put(" fois supérieur à l'habitude de ce client (contrôle d'anomalie)") }
            else { put("amount "); plain(n); put("× this customer's usual (anomaly check)") }
        case "unusual_terms":
            if fr { put("délai de paiement inhabituel de "); plain(n); put(" jours pour ce client") }
            else { put("unusual payment terms of "); plain(n); put(" days for this customer") }
        case "new_customer_large_first_invoice":
            put(en: "large first invoice for a new customer", fr: "première facture élevée pour un nouveau client")
        case "round_amount":
            put(en: "round amount, unusual for this customer", fr: "montant rond, inhabituel pour ce client")
        case "currency_changed":
            put(en: "currency differs from this customer's previous invoice",
                fr: "devise différente de la facture précédente de ce client")
        case "payment_method_changed":
            put(en: "payment method differs from this customer's last one",
                fr: "moyen de paiement différent du précédent pour ce client")
        case "unusual_profile":
            put(en: "unusual invoice compared with this customer's history",
                fr: "facture inhabituelle au regard de l'historique de ce client")
        default:
            put(en: "anomaly check: ", fr: "contrôle d'anomalie\u{00A0}: ")
            put(string: reason.detail.isEmpty ? kind : reason.detail)
        }
    }
}

/// The known reason codes as words, for ``ReasonSentenceWriter/kind(of:)``: a code of 8 to 24
/// bytes is read as its first, middle (past 16 bytes) and last eight bytes (overlapping, so every
/// byte is in one of them) and compared with the codes of its length read the same way: a handful
/// of loads and integer comparisons instead of a byte loop per candidate, and no copy.
private struct CodeWords {
    private struct Entry {
        let head: UInt64, middle: UInt64, tail: UInt64
        let code: ReasonCode
    }
    /// The codes by length: `entries[starts[n]..<starts[n + 1]]` have `n` bytes.
    private let entries: [Entry]
    private let starts: [Int]
    private let shortCodes: [[UInt8]]
    /// `ReasonCode.anomalyPrefix` (8 bytes) as a word.
    private let anomaly: UInt64
    private let anomalyBytes: [UInt8]

    init() {
        let codes = ReasonCode.allCases.map { (code: $0, raw: Array($0.rawValue.utf8)) }.sorted { $0.raw.count < $1.raw.count }
        precondition(codes.allSatisfy { $0.raw.count >= 1 && $0.raw.count <= 24 }, "reason codes of 1 to 24 bytes")
        var starts = [Int](repeating: codes.count, count: 26)
        for n in (0...25).reversed() {
            if let k = codes.firstIndex(where: { $0.raw.count >= n }) { starts[n] = k }
        }
        self.starts = starts
        entries = codes.map { c in
            c.raw.withUnsafeBufferPointer { b in
                b.count >= 8 ? Entry(head: Self.load(b, 0), middle: b.count > 16 ? Self.load(b, 8) : 0,
                                     tail: Self.load(b, b.count - 8), code: c.code)
                    : Entry(head: 0, middle: 0, tail: 0, code: c.code)
            }
        }
        shortCodes = codes.map { $0.raw }
        anomalyBytes = Array(ReasonCode.anomalyPrefix.utf8)
        precondition(anomalyBytes.count == 8, "the anomaly prefix is one word")
        anomaly = anomalyBytes.withUnsafeBufferPointer { Self.load($0, 0) }
    }

    /// Bytes `at..<at + 8` of `b` as a word.
    @inline(__always) private static func load(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt64 {
        UnsafeRawPointer(b.baseAddress!).loadUnaligned(fromByteOffset: at, as: UInt64.self)
    }

    /// The kind of the code whose UTF-8 is `b`, or nil when it is not ASCII (left to the string
    /// comparisons).
    func kind(of b: UnsafeBufferPointer<UInt8>) -> ReasonSentenceWriter.CodeKind? {
        let n = b.count
        guard n >= 8 && n <= 24 else {
            for x in b where x >= 0x80 { return nil }
            if n > 24 { return b.starts(with: anomalyBytes) ? .anomaly : .unknown }
            // Shorter than a word: byte comparisons with the few codes of that length.
            for k in starts[n]..<starts[n + 1] where shortCodes[k].elementsEqual(b) { return .known(entries[k].code) }
            return .unknown
        }
        let head = Self.load(b, 0), middle = n > 16 ? Self.load(b, 8) : 0, tail = Self.load(b, n - 8)
        if (head | middle | tail) & 0x8080_8080_8080_8080 != 0 { return nil }
        if head == anomaly { return .anomaly }
        return entries.withUnsafeBufferPointer { entries in
            for k in starts[n]..<starts[n + 1] {
                let e = entries[k]
                if e.head == head && e.tail == tail && e.middle == middle { return .known(e.code) }
            }
            return .unknown
        }
    }
}

/// A ``Reason`` read where it is stored (in the caller's array), field by field: passing the
/// reason itself copied it whole (its two strings retained and released) for every sentence.
/// Valid while the reason's storage is.
struct ReasonInPlace {
    let pointer: UnsafePointer<Reason>
    @inline(__always) init(_ pointer: UnsafePointer<Reason>) { self.pointer = pointer }
    @inline(__always) var value: Double { pointer.pointee.value }
    @inline(__always) var contribution: Double { pointer.pointee.contribution }
    @inline(__always) var code: String { pointer.pointee.code }
    @inline(__always) var detail: String { pointer.pointee.detail }
}
