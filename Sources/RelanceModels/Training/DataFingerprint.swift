import RelanceData

/// A 64-bit FNV-1a hash of the history a bundle was trained on, with its row counts.
///
/// It identifies the *data*, not the files: it is computed over the loaded columns (invoice ids,
/// customer ids, days, amounts to the cent's bit pattern, currency, method, channel; event days,
/// customers, invoices and kinds; customer ids and `customer_since`), so the same history exported
/// with other column names or through a mapping gets the same fingerprint, and any changed value
/// changes it. FNV-1a is not cryptographic: it detects accidents (the wrong export, a stale file),
/// not tampering. Personal fields (names, emails, phones) are not hashed.
public struct DataFingerprint: Codable, Sendable, Equatable {
    /// Always `"fnv1a-64"` for this version.
    public var algorithm: String
    /// The hash as 16 lower-case hex digits.
    public var value: String
    public var invoices: Int
    public var customers: Int
    public var events: Int

    public init(algorithm: String, value: String, invoices: Int, customers: Int, events: Int) {
        self.algorithm = algorithm
        self.value = value
        self.invoices = invoices
        self.customers = customers
        self.events = events
    }

    /// Fingerprints the history as loaded (after any truncation at the as-of day).
    public init(of dataset: Dataset) {
        var h = FNV1a()
        let inv = dataset.invoices
        h.add(UInt64(inv.count))
        for i in 0..<inv.count {
            h.add(inv.invoiceIds[i])
            let c = Int(inv.customer[i])
            h.add(c >= 0 && c < dataset.customerIds.count ? dataset.customerIds.names[c] : "")
            h.add(UInt64(UInt32(bitPattern: inv.issueDate[i].raw)))
            h.add(UInt64(UInt32(bitPattern: inv.dueDate[i].raw)))
            h.add(UInt64(UInt32(bitPattern: inv.paidDate[i].raw)))
            h.add(inv.amount[i].bitPattern)
            let cur = Int(inv.currency[i])
            h.add(cur >= 0 && cur < inv.currencies.names.count ? inv.currencies.names[cur] : "")
            h.add(UInt64(inv.paymentMethod[i].rawValue) << 8 | UInt64(inv.channel[i].rawValue))
        }
        let ev = dataset.events
        h.add(UInt64(ev.count))
        for e in 0..<ev.count {
            h.add(UInt64(UInt32(bitPattern: ev.date[e].raw)))
            h.add(UInt64(UInt32(bitPattern: ev.customer[e])))
            h.add(UInt64(UInt32(bitPattern: ev.invoice[e])))
            h.add(UInt64(ev.kind[e].rawValue))
        }
        let cu = dataset.customers
        h.add(UInt64(cu.count))
        for k in 0..<cu.count {
            let c = Int(cu.customer[k])
            h.add(c >= 0 && c < dataset.customerIds.count ? dataset.customerIds.names[c] : "")
            h.add(UInt64(UInt32(bitPattern: cu.customerSince[k].raw)))
        }
        self.init(
            algorithm: "fnv1a-64", value: h.hex, invoices: inv.count, customers: dataset.customerCount,
            events: ev.count)
    }
}

/// 64-bit FNV-1a over bytes (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
struct FNV1a {
    private(set) var state: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(byte: UInt8) {
        state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    /// Eight little-endian bytes.
    mutating func add(_ value: UInt64) {
        var v = value
        for _ in 0..<8 {
            add(byte: UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }

    /// The UTF-8 bytes, then a 0xff separator so "ab"+"c" differs from "a"+"bc".
    mutating func add(_ text: String) {
        for b in text.utf8 { add(byte: b) }
        add(byte: 0xff)
    }

    var hex: String {
        let s = String(state, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
