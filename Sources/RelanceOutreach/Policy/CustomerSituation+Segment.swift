import RelanceData

extension CustomerSituation {
    /// The customer's segment on `asOf`, by the documented rules of ``CustomerSegment``.
    public func segment(asOf: Day, policy: ContactPolicy) -> CustomerSegment {
        if disputeOpen || openInvoices.contains(where: { $0.disputed }) { return .disputed }
        if let h = hardshipReportedDay, asOf - h <= 180 { return .inDifficulty }
        if brokenPromise && overdueInvoices(graceDays: policy.graceDays).count >= 2 { return .inDifficulty }
        if let since = customerSince, asOf - since < policy.newCustomerDays { return .newCustomer }
        if settledCount < 3 { return .newCustomer }
        if olderCount >= 3 && Double(olderLateCount) <= 0.2 * Double(olderCount) && recentLateCount >= 2 { return .deteriorating }
        let share = lateShare
        if share >= 0.5 { return .chronicLate }
        if share > 0.1 { return .occasionalLate }
        return .reliable
    }
}
