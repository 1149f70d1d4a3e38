/// The anomaly detector's flags as ``Reason`` data, so they are rendered in words like the drivers.
///
/// `duplicate_of:INV-1` → code `anomaly:duplicate_of`, detail `INV-1`; `amount_12x_usual` →
/// `anomaly:amount_spike`, value 12; `unusual_terms:90d` → `anomaly:unusual_terms`, value 90; any
/// other flag `f` → `anomaly:f` (an unknown flag keeps its text in `detail`). Anomaly reasons are
/// never shareable with the customer and carry contribution 0: they do not enter the log-odds.
public enum AnomalyReasons {
    public static func reasons(flags: [String], score: Double) -> [Reason] {
        flags.map { reason(flag: $0, score: score) }
    }

    public static func reason(flag: String, score: Double) -> Reason {
        func make(_ kind: String, value: Double = 0, detail: String = "") -> Reason {
            Reason(code: ReasonCode.anomalyPrefix + kind, value: value, detail: detail, contribution: 0,
                   shareableWithCustomer: false)
        }
        if flag.hasPrefix("duplicate_of:") {
            return make("duplicate_of", value: score, detail: String(flag.dropFirst("duplicate_of:".count)))
        }
        if flag.hasPrefix("amount_"), flag.hasSuffix("x_usual"),
           let k = Double(flag.dropFirst("amount_".count).dropLast("x_usual".count)) {
            return make("amount_spike", value: k)
        }
        if flag.hasPrefix("unusual_terms:"), flag.hasSuffix("d"),
           let d = Double(flag.dropFirst("unusual_terms:".count).dropLast()) {
            return make("unusual_terms", value: d)
        }
        switch flag {
        case "new_customer_large_first_invoice", "round_amount", "currency_changed", "payment_method_changed",
             "unusual_profile":
            return make(flag, value: score)
        default:
            return make("other", value: score, detail: flag)
        }
    }
}
