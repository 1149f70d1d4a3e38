// RelanceScoring: scores every invoice open on a day, with plain-language reasons and drift checks.
@_exported import RelanceModels
