// SyntheticData: a seeded generator of realistic invoice histories in the canonical CSV format,
// with injected anomalies and a ground-truth file the toolkit itself never reads.
@_exported import RelanceData
