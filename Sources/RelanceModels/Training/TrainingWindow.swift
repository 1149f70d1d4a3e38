import RelanceData

/// A span of days and how many rows fall in it: the issue days of training rows, of test rows…
public struct TrainingWindow: Codable, Sendable, Equatable {
    public var first: Day
    public var last: Day
    public var rows: Int

    public init(first: Day, last: Day, rows: Int) {
        self.first = first
        self.last = last
        self.rows = rows
    }

    /// The window of sorted `days[range]` (the range must not be empty).
    init(sortedDays days: [Int32], _ range: Range<Int>) {
        self.init(first: Day(raw: days[range.lowerBound]), last: Day(raw: days[range.upperBound - 1]), rows: range.count)
    }
}
