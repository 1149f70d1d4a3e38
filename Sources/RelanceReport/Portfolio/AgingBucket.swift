/// The classic receivables aging buckets, by days past due at the as-of day.
public enum AgingBucket: String, Sendable, Codable, CaseIterable {
    /// Not yet due (days overdue ≤ 0).
    case current
    case days1to30
    case days31to60
    case days61to90
    /// More than 90 days past due.
    case over90

    /// The bucket of an invoice `daysOverdue` days past due.
    public init(daysOverdue: Int) {
        switch daysOverdue {
        case ...0: self = .current
        case 1...30: self = .days1to30
        case 31...60: self = .days31to60
        case 61...90: self = .days61to90
        default: self = .over90
        }
    }
}
