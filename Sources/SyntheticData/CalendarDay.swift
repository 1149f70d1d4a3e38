/// Business-day shifts on raw day numbers: invoices are issued and paid on working days.
enum CalendarDay {
    /// A Saturday or Sunday moved forward to the next Monday.
    @inline(__always) static func next(_ day: Int32) -> Int32 {
        let w = Day(raw: day).isoWeekday
        return w == 6 ? day + 2 : w == 7 ? day + 1 : day
    }

    /// A Saturday or Sunday moved back to the previous Friday.
    @inline(__always) static func previous(_ day: Int32) -> Int32 {
        let w = Day(raw: day).isoWeekday
        return w == 6 ? day - 1 : w == 7 ? day - 2 : day
    }
}
