#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// The explicit rules of the anomaly detector: what a covariance cannot see, each with a flag a
/// person can read and a weight that says how strongly it suggests a problem.
///
/// Flags (each documented at its threshold below):
/// - `duplicate_of:<id>` — same customer, same amount to the cent, issued within the duplicate
///   window after `<id>` (only ever on the later invoice). Full weight for a customer whose earlier
///   invoices were rarely exact repeats (share ≤ ``duplicateHabitualRepeatShare``); a customer who
///   routinely reorders the same catalogue item gets the flag with ``duplicateHabitualWeight``.
/// - `amount_<k>x_usual` — amount at least ``amountSpikeFactor`` times the customer's usual
///   (median of recent) amount and ``amountSpikeAboveRecentMaximumFactor`` times the largest recent
///   one (waived from ``amountSpikeUnconditionalFactor`` times the usual with a robust z of
///   ``amountSpikeUnconditionalRobustZ``), with
///   ``minimumHistoryForAmountSpike`` earlier invoices; `k` is the multiple rounded.
/// - `unusual_terms:<d>d` — payment terms of `d` days, at least ``unusualTermsFactor`` times longer
///   or shorter than the customer's usual terms (median of recent ones) and at least
///   ``termsDeviationDays`` away from them: 30 → 120 or 30 → 7 days fire, 30 ↔ 60 (a common second
///   standard) does not.
/// - `new_customer_large_first_invoice` — a first invoice at least ``newCustomerLargeFactor`` times
///   the population's median first invoice as known before it.
/// - `round_amount` — a whole multiple of 100 without cents when another rule fires; on its own
///   only a whole multiple of 1000 (``roundAmountMinimumLevelAlone``) that is also at least
///   ``roundAmountMinimumMultiple`` times the customer's usual amount, from a customer whose history
///   has few round amounts (≤ ``roundAmountMaximumPriorShare``, at least
///   ``minimumHistoryForRoundAmount`` invoices). Legitimate round amounts (fixed fees, quotes
///   rounded to the hundred, deposits) are common, so roundness alone says little; a round
///   *thousands* figure well above the customer's usual is the classic red flag. (These three
///   settings were checked on the generator's sample: they keep its look-alikes out.)
/// - `currency_changed`, `payment_method_changed` — differs from the customer's previous invoice
///   (a payment-method change is only reported beside another flag: alone it is everyday noise).
///
/// The rule score of an invoice is the noisy-or of the weights of its flags:
/// `1 − Π(1 − wₖ)` — two independent weak signals add up, none can exceed 1.
public struct AnomalyRules: Sendable, Codable, Equatable {
    /// Multiple of the usual amount from which `amount_<k>x_usual` fires.
    public var amountSpikeFactor: Double = 5
    /// Earlier invoices the customer needs before an amount spike can be judged.
    public var minimumHistoryForAmountSpike: Int = 3
    /// The amount must also exceed the largest of the customer's recent amounts by this factor, so
    /// a customer who alternates small orders and big projects is not flagged for the next project.
    public var amountSpikeAboveRecentMaximumFactor: Double = 1.5
    /// From this multiple of the usual amount, with a robust z-score of at least
    /// ``amountSpikeUnconditionalRobustZ`` (so the customer's amounts do not usually swing that
    /// far), the recent-maximum condition is waived: an earlier error (or spike) in the window must
    /// not hide the next one.
    public var amountSpikeUnconditionalFactor: Double = 8
    public var amountSpikeUnconditionalRobustZ: Double = 4
    /// Terms must be at least this many times longer (or shorter) than usual for `unusual_terms`.
    public var unusualTermsFactor: Double = 2.5
    /// … and differ from the usual terms by at least this many days.
    public var termsDeviationDays: Double = 14
    /// Earlier invoices needed before terms can be called unusual.
    public var minimumHistoryForTerms: Int = 1
    /// Multiple of the population's median first invoice from which a first invoice is "large".
    public var newCustomerLargeFactor: Double = 5
    /// `round_amount` fires alone only for this roundness level or more (2: a multiple of 1000,
    /// see `AnomalyFeatures.Column.roundAmountLevel`),
    public var roundAmountMinimumLevelAlone: Double = 2
    /// … when at most this share of the customer's history was round,
    public var roundAmountMaximumPriorShare: Double = 0.2
    /// … the customer has at least this many earlier invoices,
    public var minimumHistoryForRoundAmount: Int = 1
    /// … and the amount is at least this multiple of the customer's usual amount.
    public var roundAmountMinimumMultiple: Double = 2.5
    /// A duplicate gets full weight only when at most this share of the customer's earlier invoices
    /// were exact repeats within the window.
    public var duplicateHabitualRepeatShare: Double = 0.05

    public var duplicateWeight: Double = 0.95
    /// Weight of a duplicate for a customer who often repeats exact amounts.
    public var duplicateHabitualWeight: Double = 0.3
    public var amountSpikeWeight: Double = 0.8
    public var unusualTermsWeight: Double = 0.6
    public var newCustomerLargeWeight: Double = 0.6
    public var roundAmountWeight: Double = 0.4
    public var currencyChangedWeight: Double = 0.3
    public var paymentMethodChangedWeight: Double = 0.15

    public init() {}

    /// Flags and rule score of every row of `features`.
    ///
    /// - Throws: ``AnomalyDetectorError/missingFeature(_:)`` when the matrix lacks a column a rule reads.
    public func evaluate(_ features: AnomalyFeatureMatrix) throws -> AnomalyRuleEvaluation {
        typealias C = AnomalyFeatures.Column
        func col(_ c: C) throws -> Int {
            guard let j = features.column(named: c.name) else { throw AnomalyDetectorError.missingFeature(c.name) }
            return j
        }
        let jRatio = try col(.logAmountRatioToCustomerMedian), jMax = try col(.logAmountRatioToCustomerMax)
        let jTerms = try col(.termsDays), jTermsDiff = try col(.termsMinusUsualDays)
        let jNew = try col(.newCustomer), jNewVs = try col(.newCustomerLogAmountVsPopulation)
        let jRound = try col(.roundAmountLevel), jRoundShare = try col(.customerPriorRoundShare)
        let jCur = try col(.currencyChanged), jMet = try col(.paymentMethodChanged)
        let jZ = try col(.amountRobustZ)
        let jCount = try col(.log1pPriorInvoiceCount), jRepeat = try col(.customerPriorRepeatShare)

        let n = features.rows, p = features.columns
        var flags = [[String]](repeating: [], count: n)
        var score = [Double](repeating: 0, count: n)
        let logSpike = ruleLog(amountSpikeFactor)
        let logNewLarge = ruleLog(newCustomerLargeFactor)
        let logAboveMax = ruleLog(amountSpikeAboveRecentMaximumFactor)
        let logRoundMultiple = ruleLog(roundAmountMinimumMultiple)
        let logUnconditional = ruleLog(amountSpikeUnconditionalFactor)
        features.values.withUnsafeBufferPointer { v in
            for r in 0..<n {
                let row = v.baseAddress! + r * p
                // History count is stored as log1p(count); recover it exactly enough for thresholds.
                let history = Int((ruleExpm1(row[jCount])).rounded())
                var f: [String] = []
                var keep = 1.0
                if let original = features.duplicateOriginalId[r] {
                    f.append("duplicate_of:\(original)")
                    keep *= 1 - (row[jRepeat] <= duplicateHabitualRepeatShare ? duplicateWeight : duplicateHabitualWeight)
                }
                let ratio = row[jRatio]
                if history >= minimumHistoryForAmountSpike && ratio >= logSpike
                    && (row[jMax] >= logAboveMax || (ratio >= logUnconditional && row[jZ] >= amountSpikeUnconditionalRobustZ)) {
                    // Capped so an absurd amount (a typo with twelve zeros) still gives a printable flag.
                    let multiple = Int(min(ruleExp(ratio), 1e12).rounded())
                    f.append("amount_\(multiple)x_usual")
                    keep *= 1 - amountSpikeWeight
                }
                let terms = row[jTerms], usual = terms - row[jTermsDiff]
                if history >= minimumHistoryForTerms && abs(terms - usual) >= termsDeviationDays
                    && (terms >= usual * unusualTermsFactor || terms * unusualTermsFactor <= usual) {
                    f.append("unusual_terms:\(Int(row[jTerms].rounded()))d")
                    keep *= 1 - unusualTermsWeight
                }
                if row[jNew] == 1 && row[jNewVs] >= logNewLarge {
                    f.append("new_customer_large_first_invoice")
                    keep *= 1 - newCustomerLargeWeight
                }
                if row[jCur] == 1 {
                    f.append("currency_changed")
                    keep *= 1 - currencyChangedWeight
                }
                // A change of payment method is common and harmless on its own (customers switch
                // between card and transfer): it only supports another flag, like a round amount.
                if row[jMet] == 1 && !f.isEmpty {
                    f.append("payment_method_changed")
                    keep *= 1 - paymentMethodChangedWeight
                }
                if row[jRound] >= 1 {
                    let unusualForCustomer = row[jRound] >= roundAmountMinimumLevelAlone
                        && history >= minimumHistoryForRoundAmount
                        && row[jRoundShare] <= roundAmountMaximumPriorShare && ratio >= logRoundMultiple
                    if unusualForCustomer || !f.isEmpty {
                        f.append("round_amount")
                        keep *= 1 - roundAmountWeight
                    }
                }
                flags[r] = f
                score[r] = 1 - keep
            }
        }
        return AnomalyRuleEvaluation(flags: flags, score: score)
    }
}

/// What the rules said about each row of a feature matrix.
public struct AnomalyRuleEvaluation: Sendable, Equatable {
    /// Flags per row, in rule order (duplicate first); empty when no rule fired.
    public var flags: [[String]]
    /// Noisy-or of the fired rules' weights, in [0, 1].
    public var score: [Double]
}

#if canImport(Glibc)
@inline(__always) fileprivate func ruleLog(_ x: Double) -> Double { Glibc.log(x) }
@inline(__always) fileprivate func ruleExp(_ x: Double) -> Double { Glibc.exp(x) }
@inline(__always) fileprivate func ruleExpm1(_ x: Double) -> Double { Glibc.expm1(x) }
#else
@inline(__always) fileprivate func ruleLog(_ x: Double) -> Double { Foundation.log(x) }
@inline(__always) fileprivate func ruleExp(_ x: Double) -> Double { Foundation.exp(x) }
@inline(__always) fileprivate func ruleExpm1(_ x: Double) -> Double { Foundation.expm1(x) }
#endif
