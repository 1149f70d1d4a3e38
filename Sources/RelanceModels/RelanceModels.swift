// RelanceModels: the late-payment logistic regression (IRLS with LAPACK), the anomaly detector
// (robust covariance plus rules), evaluation metrics, and versioned model bundles.
@_exported import LinearAlgebra
@_exported import RelanceFeatures
