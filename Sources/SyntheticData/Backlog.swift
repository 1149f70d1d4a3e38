/// A customer's invoices that may still be unpaid, to count those overdue when a new one is issued.
///
/// Cash-strapped customers pay in order of age, so a new invoice that joins a pile of overdue
/// ones waits its turn: the overdue backlog on the issue day raises the odds that it is paid
/// late. The backlog is what a ledger shows that day (due before it, not paid before it), so a
/// model sees it through its point-in-time overdue features.
struct Backlog {
    private var due: [Int32] = []
    /// World payment day, `Int32.max` when never paid.
    private var paid: [Int32] = []

    /// Records an invoice; `paid` is `Int32.min` for an invoice never paid.
    mutating func add(due d: Int32, paid p: Int32) {
        due.append(d)
        paid.append(p == .min ? .max : p)
    }

    /// Invoices due strictly before `day` and not paid before it. Drops invoices paid well
    /// before `day` (issue days only go back by a few days, for duplicates) so the list stays short.
    mutating func overdue(on day: Int32) -> Int {
        var count = 0
        var kept = 0
        for k in 0..<due.count {
            if paid[k] < day - 7 { continue }
            due[kept] = due[k]; paid[kept] = paid[k]; kept += 1
            if due[k] < day && paid[k] >= day { count += 1 }
        }
        due.removeLast(due.count - kept)
        paid.removeLast(paid.count - kept)
        return count
    }
}
