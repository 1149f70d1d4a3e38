/// The knobs of the point-in-time feature computation.
///
/// They change feature values, so a model bundle must store the options its features were built
/// with and scoring must use the same ones (the type is `Codable` for that reason).
public struct FeatureOptions: Sendable, Codable, Equatable {
    /// Days after the due date still counted as on time: an invoice is late when
    /// `paid_date > due_date + graceDays`. Used for labels, late shares and the population prior.
    public var graceDays: Int
    /// Weight `a` of the population prior in the shrunk late share `(late + a·prior) / (n + a)`:
    /// a customer needs about `a` settled invoices before their own record outweighs the population.
    public var priorStrength: Double
    /// Half-life, in days of settlement age, of the exponential weights in
    /// `recency_weighted_days_late`: a payment `halfLife` days older counts half as much.
    public var recencyHalfLifeDays: Double
    /// Late share used as the population prior before any invoice of the history has been settled.
    public var initialLatePrior: Double
    /// Deadline of a `promise_to_pay` event whose note carries no `promised:YYYY-MM-DD`, in days
    /// after the event.
    public var defaultPromiseDays: Int

    public init(
        graceDays: Int = 0, priorStrength: Double = 5, recencyHalfLifeDays: Double = 90,
        initialLatePrior: Double = 0.5, defaultPromiseDays: Int = 7
    ) {
        self.graceDays = graceDays
        self.priorStrength = priorStrength
        self.recencyHalfLifeDays = recencyHalfLifeDays
        self.initialLatePrior = initialLatePrior
        self.defaultPromiseDays = defaultPromiseDays
    }

    /// Options as given, or a description of the first one that cannot work.
    func validationProblem() -> String? {
        if graceDays < 0 || graceDays > 3650 { return "grace_days must be between 0 and 3650" }
        if !(priorStrength >= 0) || !priorStrength.isFinite { return "prior strength must be a finite number >= 0" }
        if !(recencyHalfLifeDays > 0) || !recencyHalfLifeDays.isFinite {
            return "recency half-life must be a finite number of days > 0"
        }
        if !(initialLatePrior >= 0 && initialLatePrior <= 1) { return "initial late prior must be in [0, 1]" }
        if defaultPromiseDays < 0 || defaultPromiseDays > 3650 {
            return "default promise delay must be between 0 and 3650 days"
        }
        return nil
    }
}
