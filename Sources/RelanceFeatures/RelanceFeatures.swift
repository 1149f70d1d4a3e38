// RelanceFeatures: point-in-time, per-customer payment-behaviour features and training labels.
// A feature of an invoice issued on day D uses only what was known on day D.
@_exported import RelanceData
