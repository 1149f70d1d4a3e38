/// What ``TrainingPipeline`` reports while it works, for a progress display.
///
/// The pipeline never prints: the command line decides whether and where to show these (a
/// terminal gets a live line on standard error, a pipe or a log gets nothing).
public enum TrainingEvent: Sendable, Equatable {
    /// A stage begins (`features`, `late_model`, `severe_model`, `anomaly`, …).
    case stageStarted(String)
    /// A stage ended after `seconds` of wall time.
    case stageFinished(String, seconds: Double)
    /// One accepted Newton (IRLS) step of a logistic fit: which fit, the iteration, the log-likelihood.
    case iteration(fit: String, iteration: Int, logLikelihood: Double)
}
