#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif
import RelanceData
import RelanceFeatures

/// Turns a row's signed feature contributions into its top plain-language drivers, as data.
///
/// Several features often say one thing (late share, mean, median, maximum and recency-weighted
/// days late all describe "pays late"), and one-hot columns are one fact (the payment method). So
/// the features are first grouped, and a group's contribution is the sum of its features'
/// contributions βⱼ·zⱼ (log-odds relative to an invoice at the training means; see
/// ``LogisticModel/contributions(for:)``). Groups are ranked by |contribution| and the largest
/// `count` become reasons. The sign is kept: a positive reason raises the risk ("paid 4 of 12
/// earlier invoices late"), a negative one lowers it and is worded from the other side ("paid 8 of
/// 12 earlier invoices on time", rendered with "lowers the risk"). Both statements are true facts
/// of the row; the sign says which way the model reads them.
///
/// A customer with no paid invoice before the as-of day has no payment record: the record groups
/// (late share, recent share, days late, days since payment) are then merged into one
/// ``ReasonCode/noHistory`` reason instead of quoting meaningless zeros.
///
/// Facts are recovered from the raw feature row: the number of paid invoices from
/// `prior_settled_count_log`, the late count by inverting the shrinkage of `late_share_shrunk`
/// with the bundle's ``FeatureOptions/priorStrength`` and the row's population prior, the recent
/// late count from `late_share_trend` (last 5 payments). These inversions are exact up to rounding.
public struct ReasonBuilder: Sendable {
    /// Model column of each ``PaymentFeature`` (by raw value), or -1 when the model lacks it.
    let column: [Int]
    /// Reason group of each model column (index into ``ReasonCode/allCases``), or -1.
    let groupOfColumn: [Int]
    public let featureOptions: FeatureOptions

    /// The groups the model's features fall in; `featureNames` are the model's, in its order.
    public init(featureNames: [String], featureOptions: FeatureOptions) {
        var column = [Int](repeating: -1, count: PaymentFeature.allCases.count)
        var group = [Int](repeating: -1, count: featureNames.count)
        let byName = Dictionary(uniqueKeysWithValues: PaymentFeature.allCases.map { ($0.name, $0) })
        let codes = ReasonCode.allCases
        for (j, name) in featureNames.enumerated() {
            guard let f = byName[name] else { continue }
            if column[f.rawValue] < 0 { column[f.rawValue] = j }
            group[j] = codes.firstIndex(of: Self.group(of: f)) ?? -1
        }
        self.column = column
        self.groupOfColumn = group
        self.featureOptions = featureOptions
    }

    /// The reason group a feature belongs to.
    public static func group(of feature: PaymentFeature) -> ReasonCode {
        switch feature {
        case .lateShareShrunk, .priorSettledCountLog, .hasHistory: return .lateShare
        case .lateShareTrend: return .recentLateShare
        case .meanDaysLate, .medianDaysLate, .maxDaysLate, .recencyWeightedDaysLate: return .daysLate
        case .daysSinceLastPayment: return .daysSincePayment
        case .openInvoiceCount, .openAmount: return .openBalance
        case .overdueInvoiceCount, .overdueAmount: return .overdueOpen
        case .logAmount, .amountLogRatioToPriorMean: return .amountRatio
        case .paymentTermsDays: return .paymentTerms
        case .tenureDays: return .tenure
        case .methodCard, .methodTransfer, .methodDirectDebit, .methodCheque, .methodOther: return .paymentMethod
        case .channelElectronic, .channelPaper: return .channel
        case .dueMonthSin, .dueMonthCos, .dueInAugust, .dueInDecember: return .dueSeason
        case .priorDisputes: return .disputes
        case .brokenPromises: return .brokenPromises
        case .remindersBounced: return .remindersBounced
        case .hardshipReported: return .hardship
        case .populationLateShare: return .populationLateShare
        }
    }

    /// The top `count` drivers of one row, largest |contribution| first.
    ///
    /// - Parameters:
    ///   - values: the raw feature row, in the model's column order.
    ///   - contributions: βⱼ·zⱼ per column, same order (``LogisticModel/contributions(for:)``).
    ///   - currency: the invoice currency, written into amount details.
    public func drivers(values: [Double], contributions: [Double], currency: String, count: Int = 3) -> [Reason] {
        values.withUnsafeBufferPointer { v in
            contributions.withUnsafeBufferPointer { c in drivers(values: v, contributions: c, currency: currency, count: count) }
        }
    }

    /// Pointer form of ``drivers(values:contributions:currency:count:)`` for the scoring loop.
    public func drivers(
        values v: UnsafeBufferPointer<Double>, contributions c: UnsafeBufferPointer<Double>, currency: String, count: Int = 3
    ) -> [Reason] {
        var out: [Reason] = []
        appendDrivers(values: v, contributions: c, currency: currency, count: count, to: &out)
        return out
    }

    /// The reason codes in their fixed order (built once: `allCases` makes a new array per call).
    private static let codes = ReasonCode.allCases

    /// ``drivers(values:contributions:currency:count:)`` appended to `out`: the daily scoring
    /// builds each row's reasons in one array sized once, and this part of it allocates nothing
    /// (the sums and the ranking live on the stack; it ran for every open invoice and its three
    /// small arrays per row were a measurable share of scoring).
    public func appendDrivers(
        values v: UnsafeBufferPointer<Double>, contributions c: UnsafeBufferPointer<Double>, currency: String,
        count: Int = 3, to out: inout [Reason]
    ) {
        let codes = Self.codes
        let keep = max(count, 0)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: codes.count) { sums in
            sums.initialize(repeating: 0)
            for j in 0..<min(c.count, groupOfColumn.count) where groupOfColumn[j] >= 0 {
                sums[groupOfColumn[j]] += c[j]
            }
            let hasHistory = value(.priorSettledCountLog, v) > 0
            if !hasHistory, let to = codes.firstIndex(of: .noHistory) {
                for code in [ReasonCode.lateShare, .recentLateShare, .daysLate, .daysSincePayment] {
                    guard let from = codes.firstIndex(of: code) else { continue }
                    sums[to] += sums[from]
                    sums[from] = 0
                }
            }
            // Rank by |contribution|; ties keep the code order so the output is reproducible. Only
            // the top `count` are kept: an insertion into a short ranked list, in code order, so a
            // later code never passes an earlier one of equal size.
            withUnsafeTemporaryAllocation(of: Int.self, capacity: keep + 1) { top in
                var kept = 0
                for g in sums.indices where abs(sums[g]) > 1e-12 && sums[g].isFinite {
                    let size = abs(sums[g])
                    var at = kept
                    while at > 0 && abs(sums[top[at - 1]]) < size { at -= 1 }
                    if at < keep {
                        var k = min(kept, keep)
                        while k > at { top[k] = top[k - 1]; k -= 1 }
                        top[at] = g
                        kept = min(kept + 1, keep)
                    }
                }
                for k in 0..<kept {
                    out.append(reason(codes[top[k]], contribution: sums[top[k]], values: v, currency: currency))
                }
            }
        }
    }

    /// The raw value of `feature` in the row (0 when the model lacks the feature).
    @inline(__always) func value(_ feature: PaymentFeature, _ v: UnsafeBufferPointer<Double>) -> Double {
        let j = column[feature.rawValue]
        return j >= 0 && j < v.count ? v[j] : 0
    }

    /// Paid invoices, late ones among them, and the late ones among the last up-to-5 payments.
    func paymentRecord(_ v: UnsafeBufferPointer<Double>) -> (paid: Int, late: Int, recent: Int, recentLate: Int) {
        let n = max(0, Int(expm1(value(.priorSettledCountLog, v)).rounded()))
        guard n > 0 else { return (0, 0, 0, 0) }
        let a = featureOptions.priorStrength, prior = value(.populationLateShare, v)
        let late = min(n, max(0, Int((value(.lateShareShrunk, v) * (Double(n) + a) - a * prior).rounded())))
        let k = min(n, 5)
        let recentShare = value(.lateShareTrend, v) + Double(late) / Double(n)
        let recentLate = min(k, max(0, Int((recentShare * Double(k)).rounded())))
        return (n, late, k, recentLate)
    }

    func reason(_ code: ReasonCode, contribution: Double, values v: UnsafeBufferPointer<Double>, currency: String) -> Reason {
        func make(_ code: ReasonCode, _ value: Double, _ detail: String = "") -> Reason {
            Reason(code: code.rawValue, value: value, detail: detail, contribution: contribution,
                   shareableWithCustomer: code.shareableWithCustomer)
        }
        switch code {
        case .lateShare:
            let r = paymentRecord(v)
            return make(.lateShare, Double(r.late), String(r.paid))
        case .recentLateShare:
            let r = paymentRecord(v)
            return make(.recentLateShare, Double(r.recentLate), String(r.recent))
        case .daysLate:
            let mean = (value(.meanDaysLate, v) * 10).rounded() / 10
            return make(.daysLate, mean, String(Int(value(.maxDaysLate, v).rounded())))
        case .daysSincePayment:
            let never = paymentRecord(v).paid == 0
            return make(.daysSincePayment, value(.daysSinceLastPayment, v).rounded(), never ? "never" : "")
        case .noHistory:
            return make(.noHistory, 0)
        case .overdueOpen:
            return make(.overdueOpen, value(.overdueInvoiceCount, v).rounded(),
                        ReasonAmount.detail(value(.overdueAmount, v), currency: currency))
        case .openBalance:
            return make(.openBalance, value(.openInvoiceCount, v).rounded(),
                        ReasonAmount.detail(value(.openAmount, v), currency: currency))
        case .amountRatio, .amount:
            let ratio = value(.amountLogRatioToPriorMean, v)
            let firstInvoice = ratio == 0 && value(.openInvoiceCount, v) == 0 && paymentRecord(v).paid == 0
            if firstInvoice {
                return make(.amount, (expm1(value(.logAmount, v)) * 100).rounded() / 100, currency)
            }
            return make(.amountRatio, (exp(ratio) * 10).rounded() / 10)
        case .paymentTerms:
            return make(.paymentTerms, value(.paymentTermsDays, v).rounded())
        case .tenure:
            return make(.tenure, value(.tenureDays, v).rounded())
        case .paymentMethod:
            let methods: [(PaymentFeature, PaymentMethod)] = [
                (.methodCard, .card), (.methodTransfer, .transfer), (.methodDirectDebit, .directDebit),
                (.methodCheque, .cheque), (.methodOther, .other),
            ]
            let method = methods.first { value($0.0, v) == 1 }?.1 ?? .unknown
            return make(.paymentMethod, 0, method.label)
        case .channel:
            let channel: InvoiceChannel = value(.channelElectronic, v) == 1 ? .electronic
                : value(.channelPaper, v) == 1 ? .paper : .unknown
            return make(.channel, 0, channel.label)
        case .dueSeason:
            // Recover the month from its angle on the yearly cycle (sin, cos of 2π(m−1)/12).
            let angle = atan2(value(.dueMonthSin, v), value(.dueMonthCos, v))
            let turn = angle < 0 ? angle + 2 * Double.pi : angle
            let month = (Int((turn / (2 * Double.pi) * 12).rounded()) % 12) + 1
            return make(.dueSeason, Double(month))
        case .disputes:
            return make(.disputes, value(.priorDisputes, v).rounded())
        case .brokenPromises:
            return make(.brokenPromises, value(.brokenPromises, v).rounded())
        case .remindersBounced:
            return make(.remindersBounced, value(.remindersBounced, v).rounded())
        case .hardship:
            return make(.hardship, value(.hardshipReported, v))
        case .populationLateShare:
            return make(.populationLateShare, (value(.populationLateShare, v) * 1000).rounded() / 1000)
        case .daysOverdue:
            return make(.daysOverdue, 0)
        }
    }

    /// The context reason of an invoice past its due date (contribution 0: not a model driver);
    /// detail = `"<basis>:<severe-delay horizon in days>"`, e.g. `"severe_delay:30"`.
    public static func daysOverdue(_ days: Int, basis: ScoreBasis, severeDelayDays: Int) -> Reason {
        Reason(code: ReasonCode.daysOverdue.rawValue, value: Double(days), detail: "\(basis.rawValue):\(severeDelayDays)", contribution: 0,
               shareableWithCustomer: ReasonCode.daysOverdue.shareableWithCustomer)
    }
}

/// Amounts inside reason details: `"1234.50 EUR"`, machine-readable, formatted for people by ``ReasonText``.
enum ReasonAmount {
    static func detail(_ amount: Double, currency: String) -> String {
        let cents = (amount * 100).rounded()
        guard cents.isFinite, abs(cents) < 9e17 else { return "0.00 \(currency)" }
        let c = Int64(cents), whole = abs(c) / 100, frac = abs(c) % 100
        return "\(c < 0 ? "-" : "")\(whole).\(frac < 10 ? "0" : "")\(frac) \(currency)"
    }

    static func parse(_ detail: String) -> (amount: Double, currency: String)? {
        // "1234.50 EUR": cut at the first space (split's result whenever neither side is empty).
        if let space = detail.firstIndex(of: " "), space != detail.startIndex, detail.index(after: space) != detail.endIndex {
            guard let amount = Double(detail[..<space]) else { return nil }
            return (amount, String(detail[detail.index(after: space)...]))
        }
        let parts = detail.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, let amount = Double(parts[0]) else { return nil }
        return (amount, String(parts[1]))
    }
}
