import Foundation
import RelanceFeatures

/// A deliberately naive, independent statement of every feature rule: for one invoice and one
/// as-of day it filters the whole history again. Quadratic, obviously correct, used to check the
/// per-customer replay on random histories.
struct NaiveFeatureReference {
    let d: Dataset
    let options: FeatureOptions

    func isLate(_ j: Int) -> Bool {
        d.invoices.paidDate[j].raw > d.invoices.dueDate[j].raw + Int32(options.graceDays)
    }

    func promiseDeadline(_ e: Int) -> Int32 {
        let date = d.events.date[e].raw
        var deadline = date + Int32(options.defaultPromiseDays)
        if let range = d.events.note[e].range(of: "promised:") {
            let text = String(d.events.note[e][range.upperBound...].prefix(10))
            if let day = Day(iso: text) { deadline = day.raw }
        }
        return max(deadline, date)
    }

    /// Feature values of `r` as of `a` (already clamped), in ``PaymentFeature`` order.
    func row(_ r: Int, asOf a: Int32) -> [Double] {
        let inv = d.invoices
        let c = inv.customer[r]
        var v = [Double](repeating: 0, count: PaymentFeature.allCases.count)
        func set(_ f: PaymentFeature, _ x: Double) { v[f.rawValue] = x }

        let allSettled = (0..<inv.count).filter { !inv.paidDate[$0].isMissing && inv.paidDate[$0].raw < a }
        let prior = allSettled.isEmpty
            ? options.initialLatePrior
            : Double(allSettled.filter(isLate).count) / Double(allSettled.count)
        let mine = allSettled.filter { inv.customer[$0] == c && $0 != r }
            .sorted { (inv.paidDate[$0].raw, $0) < (inv.paidDate[$1].raw, $1) }
        let n = mine.count
        let late = mine.filter(isLate).count
        let daysLate = mine.map { Double(inv.paidDate[$0].raw - inv.dueDate[$0].raw) }
        set(.priorSettledCountLog, log1p(Double(n)))
        set(.lateShareShrunk, (Double(late) + options.priorStrength * prior) / (Double(n) + options.priorStrength))
        set(.populationLateShare, prior)
        if n > 0 {
            set(.meanDaysLate, daysLate.reduce(0, +) / Double(n))
            let s = daysLate.sorted()
            set(.medianDaysLate, n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2)
            set(.maxDaysLate, s.last!)
            let newest = Double(inv.paidDate[mine.last!].raw)
            var num = 0.0, den = 0.0
            for (k, j) in mine.enumerated() {
                let w = pow(2, (Double(inv.paidDate[j].raw) - newest) / options.recencyHalfLifeDays)
                num += w * daysLate[k]
                den += w
            }
            set(.recencyWeightedDaysLate, num / den)
            let recent = mine.suffix(5)
            set(.lateShareTrend, Double(recent.filter(isLate).count) / Double(recent.count) - Double(late) / Double(n))
        }
        let issuedBefore = (0..<inv.count).filter { inv.customer[$0] == c && inv.issueDate[$0].raw < a }
        let first = issuedBefore.map { inv.issueDate[$0].raw }.min()
        if let last = mine.map({ inv.paidDate[$0].raw }).max() {
            set(.daysSinceLastPayment, Double(a - last))
        } else if let first {
            set(.daysSinceLastPayment, Double(a - first))
        }
        let others = issuedBefore.filter { $0 != r }
        let open = others.filter { inv.paidDate[$0].isMissing || inv.paidDate[$0].raw >= a }
        let overdue = open.filter { inv.dueDate[$0].raw < a }
        set(.openInvoiceCount, Double(open.count))
        set(.openAmount, open.map { inv.amount[$0] }.reduce(0, +))
        set(.overdueInvoiceCount, Double(overdue.count))
        set(.overdueAmount, overdue.map { inv.amount[$0] }.reduce(0, +))
        set(.logAmount, log1p(inv.amount[r]))
        if !others.isEmpty {
            let mean = others.map { inv.amount[$0] }.reduce(0, +) / Double(others.count)
            set(.amountLogRatioToPriorMean, log(inv.amount[r] / mean))
        }
        set(.paymentTermsDays, Double(inv.dueDate[r].raw - inv.issueDate[r].raw))
        var starts: [Int32] = first.map { [$0] } ?? []
        if let row = d.customers.row(of: c), !d.customers.customerSince[row].isMissing,
           d.customers.customerSince[row].raw < a {
            starts.append(d.customers.customerSince[row].raw)
        }
        if let start = starts.min() { set(.tenureDays, Double(a - start)) }
        let m = inv.paymentMethod[r]
        set(.methodCard, m == .card ? 1 : 0)
        set(.methodTransfer, m == .transfer ? 1 : 0)
        set(.methodDirectDebit, m == .directDebit ? 1 : 0)
        set(.methodCheque, m == .cheque ? 1 : 0)
        set(.methodOther, m == .other ? 1 : 0)
        set(.channelElectronic, inv.channel[r] == .electronic ? 1 : 0)
        set(.channelPaper, inv.channel[r] == .paper ? 1 : 0)
        let month = inv.dueDate[r].civil.month
        set(.dueMonthSin, sin(2 * Double.pi * Double(month - 1) / 12))
        set(.dueMonthCos, cos(2 * Double.pi * Double(month - 1) / 12))
        set(.dueInAugust, month == 8 ? 1 : 0)
        set(.dueInDecember, month == 12 ? 1 : 0)

        let ev = d.events
        let known = (0..<ev.count).filter { ev.customer[$0] == c && ev.date[$0].raw < a }
        set(.priorDisputes, Double(known.filter { ev.kind[$0] == .disputeOpened }.count))
        set(.remindersBounced, Double(known.filter { ev.kind[$0] == .reminderBounced }.count))
        set(.hardshipReported, known.contains { ev.kind[$0] == .hardshipReported } ? 1 : 0)
        var broken = 0
        for e in known where ev.kind[e] == .promiseToPay {
            let deadline = promiseDeadline(e)
            guard deadline < a else { continue }
            let ref = Int(ev.invoice[e])
            let kept: Bool
            if ref >= 0 && inv.issueDate[ref].raw <= ev.date[e].raw {
                kept = !inv.paidDate[ref].isMissing && inv.paidDate[ref].raw <= deadline
            } else {
                kept = (0..<inv.count).contains {
                    inv.customer[$0] == c && !inv.paidDate[$0].isMissing
                        && inv.paidDate[$0].raw >= ev.date[e].raw && inv.paidDate[$0].raw <= deadline
                }
            }
            if !kept { broken += 1 }
        }
        set(.brokenPromises, Double(broken))
        set(.hasHistory, n > 0 ? 1 : 0)
        return v
    }
}
