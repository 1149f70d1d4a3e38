#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// The population's median log amount of first invoices known before each day on which some
/// customer's first invoice falls: what `new_customer_log_amount_vs_population` compares a first
/// invoice with.
///
/// Why a table: the anomaly walk goes customer by customer, so the first invoices are not met in
/// day order; the medians are tabulated once from all customers' first invoices sorted by day (the
/// same running median a day-order sweep keeps, read at the same points), and a first invoice then
/// looks its day up. The median of a set does not depend on the order of insertion, so the values
/// are those of the sweep.
struct AnomalyFirstInvoiceMedians {
    /// The distinct days of first invoices, ascending.
    private var days: [Int32] = []
    /// `medians[j]`: median of the first invoices issued before `days[j]` (NaN when none);
    /// `medians[days.count]`: of all of them.
    private var medians: [Double] = []

    /// - Parameters:
    ///   - firstDay: per customer, the issue day of its first invoice (`Int32.max` without one).
    ///   - firstRow: per customer, the invoice row of its first invoice (-1 without one).
    ///   - amount: the invoice amounts (positive).
    init(firstDay: [Int32], firstRow: [Int32], amount: UnsafeBufferPointer<Double>) {
        var firsts = firstRow.indices.filter { firstRow[$0] >= 0 }
        firsts.sort { firstDay[$0] < firstDay[$1] }
        var population = AnomalyRunningMedian(capacity: firsts.count)
        var f = 0
        while f < firsts.count {
            let day = firstDay[firsts[f]]
            days.append(day)
            medians.append(population.median ?? .nan)
            while f < firsts.count && firstDay[firsts[f]] == day {
                population.insert(log(amount[Int(firstRow[firsts[f]])]))
                f += 1
            }
        }
        medians.append(population.median ?? .nan)
    }

    /// The median of the first invoices issued before `day`; nil when there is none.
    func median(before day: Int32) -> Double? {
        var lo = 0, hi = days.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if days[mid] < day { lo = mid + 1 } else { hi = mid }
        }
        let m = medians[lo]
        return m.isNaN ? nil : m
    }
}
