import Foundation

/// The column names shared by every risk-list format (CSV header, JSON keys, XLSX header), so a
/// reader who learns one format knows the others.
public enum RiskListColumns {
    public static let invoices = [
        "invoice_id", "customer_id", "customer_name", "amount", "currency", "issue_date", "due_date",
        "days_overdue", "p_late", "anomaly_score", "anomaly_flags", "risk_tier", "priority", "reasons",
    ]
    public static let customers = [
        "customer_id", "customer_name", "currency", "open_amount", "overdue_amount",
        "expected_late_amount", "worst_tier", "invoice_count", "oldest_days_overdue",
    ]
    public static let summary = [
        "as_of", "currency", "invoice_count", "open_amount", "overdue_amount", "expected_late_amount",
        "critical_count", "high_count", "medium_count", "low_count",
    ]
    /// Separator of `anomaly_flags` in flat formats (CSV, XLSX).
    public static let flagSeparator = ";"
    /// Separator of rendered reasons in flat formats (CSV, XLSX).
    public static let reasonSeparator = " | "
}

/// Decimal text for numbers in text formats: `.` as separator whatever the locale, a fixed number
/// of decimals, and an empty field for a value that is not finite (never `nan` or `inf`, which
/// spreadsheets would read as text).
enum DecimalText {
    static func fixed(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return "" }
        return String(format: "%.\(decimals)f", x)
    }

    /// The shortest text that reads back as the same Double (amounts are written as given).
    static func exact(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }
}
