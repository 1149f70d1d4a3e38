import Foundation

/// Months, seasons and the shared economic climate of a simulated history.
///
/// Customers' financial stress is tracked month by month, so every day of the simulated span
/// maps to a month index (0 = the month of the start day). The calendar also holds the two
/// seasonal patterns of the simulation and the economy-wide stress that moves all customers a
/// little together, so that lateness drifts over the years as it does in real ledgers.
struct SimulationCalendar {
    let start: Day
    /// Last day the simulation may reach (payments long after the as-of day are simulated, then hidden).
    let horizon: Day
    private let monthOfDayTable: [Int16]
    /// First day of each month index.
    let monthStart: [Int32]
    /// Calendar month (1…12) of each month index.
    let calendarMonth: [UInt8]
    /// Economy-wide stress added to every customer's, per month index (a slow random walk).
    let economy: [Double]

    /// Relative invoice volume by calendar month (index 1…12): quiet August, a dip at Christmas.
    static let volume: [Double] = [0, 0.92, 0.97, 1.08, 1.02, 1.02, 1.08, 0.95, 0.58, 1.12, 1.12, 1.10, 0.90]
    /// Extra log-odds of paying late when the due date falls in a calendar month (index 1…12):
    /// holidays in August and December slow approvals and payment runs.
    static let lateness: [Double] = [0, 0.25, 0, 0, 0, 0.1, 0, 0.25, 0.75, 0.1, 0, 0, 0.6]

    /// A calendar from `start` to well past `end`, the last day of the simulated world.
    init(start: Day, end: Day, seed: UInt64) {
        self.start = start
        horizon = end + 900
        let (sy, sm, _) = start.civil
        var starts: [Int32] = []
        var months: [UInt8] = []
        var y = sy, m = sm
        while true {
            guard let first = Day(year: y, month: m, day: 1) else { break }
            if first > horizon { break }
            starts.append(first.raw)
            months.append(UInt8(m))
            m += 1
            if m == 13 { m = 1; y += 1 }
        }
        monthStart = starts
        calendarMonth = months
        var table = [Int16](repeating: 0, count: horizon - start + 1)
        var month = 0
        for i in 0..<table.count {
            let d = start.raw + Int32(i)
            while month + 1 < starts.count && starts[month + 1] <= d { month += 1 }
            table[i] = Int16(month)
        }
        monthOfDayTable = table
        var rng = SplitMix64(seed: seed, stream: 0xEC0)
        var level = 0.0
        var path: [Double] = []
        path.reserveCapacity(starts.count)
        for _ in starts {
            level = 0.93 * level + 0.09 * rng.normal()
            path.append(level)
        }
        economy = path
    }

    var monthCount: Int { monthStart.count }

    /// Month index of a day (clamped to the simulated span).
    @inline(__always) func month(of day: Int32) -> Int {
        let i = Int(day) - Int(start.raw)
        if i < 0 { return 0 }
        if i >= monthOfDayTable.count { return monthOfDayTable.count > 0 ? Int(monthOfDayTable[monthOfDayTable.count - 1]) : 0 }
        return Int(monthOfDayTable[i])
    }

    /// Number of days of month `index`.
    func daysIn(month index: Int) -> Int {
        let next = index + 1 < monthStart.count ? monthStart[index + 1] : monthStart[index] + 31
        return Int(next - monthStart[index])
    }
}
