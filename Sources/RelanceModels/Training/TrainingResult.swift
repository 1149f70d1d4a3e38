/// What ``TrainingPipeline/run(_:options:relanceVersion:progress:)`` returns: the bundle to write
/// and how long each stage took (kept out of the bundle so bundles stay reproducible).
public struct TrainingResult: Sendable {
    public var bundle: ModelBundle
    /// Wall seconds per stage, in the order run (`prepare`, `features`, `late_model`, `severe_model`, `anomaly`).
    public var stageSeconds: [(stage: String, seconds: Double)]

    public init(bundle: ModelBundle, stageSeconds: [(stage: String, seconds: Double)]) {
        self.bundle = bundle
        self.stageSeconds = stageSeconds
    }
}
