/// Which question an open invoice's probability (`p_late`) answers, decided by how far past due it is.
///
/// With `d` = days past due on the as-of day, `g` the grace days and `H` the severe-delay horizon:
/// - ``latePayment`` (`d ≤ g`): not late yet; `p_late` = P(paid after due + g), the late-payment
///   model (calibrated when the bundle has a calibrator).
/// - ``severeDelay`` (`g < d < H`): already late by definition, so lateness says nothing new;
///   `p_late` = P(still unpaid `H` days past due), the severe-delay model. That model was trained on
///   rows at due + g + 1, so for an invoice further past due it is a floor: surviving unpaid longer
///   only makes a severe delay more likely.
/// - ``severeDelayReached`` (`d ≥ H`): the severe delay has happened; `p_late` = 1 and the whole
///   amount is at risk.
/// - ``overdueUnmodelled`` (`g < d < H` and the bundle has no severe-delay model): `p_late` = 1
///   (late by definition), so the priority is the full amount.
public enum ScoreBasis: String, Sendable, Codable, CaseIterable {
    case latePayment = "late_payment"
    case severeDelay = "severe_delay"
    case severeDelayReached = "severe_delay_reached"
    case overdueUnmodelled = "overdue_unmodelled"
}
