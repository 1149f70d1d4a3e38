#!/usr/bin/env python3
"""Reference fit of scikit-learn's MinCovDet on a contaminated Gaussian sample, for the Swift MCD test.

Writes Tests/RelanceModelsTests/Fixtures/anomaly_mcd_reference.json holding the data and
scikit-learn's raw and reweighted location/covariance and supports.

Versions used for the committed file: Python 3.11.7, numpy 2.4.6, scikit-learn 1.9.1
(MinCovDet with the Pison et al. 2002 consistency factor introduced in 1.9).
Run from the repository root:
    python3 scripts/reference/anomaly_make_mcd_fixture.py

Data: n = 1000 rows, p = 4. 800 inliers from N(mu, Sigma) with correlated columns; 200 outliers
(20 %) from N(mu + 7·(1, 1, -1, 1), 0.25·I): far away, but tight, the case that pulls the classical
mean and covariance hardest. MinCovDet(random_state=0), default support fraction.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.covariance import MinCovDet

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "Tests", "RelanceModelsTests", "Fixtures", "anomaly_mcd_reference.json")

rng = np.random.default_rng(20261129)
n, p, n_out = 1000, 4, 200
mu = np.array([1.0, -2.0, 0.5, 3.0])
A = np.array([[1.0, 0.0, 0.0, 0.0], [0.6, 0.8, 0.0, 0.0], [-0.3, 0.2, 0.9, 0.0], [0.1, -0.4, 0.3, 1.2]])
sigma = A @ A.T
inliers = rng.multivariate_normal(mu, sigma, size=n - n_out)
outliers = rng.multivariate_normal(mu + 7.0 * np.array([1.0, 1.0, -1.0, 1.0]), 0.25 * np.eye(p), size=n_out)
X = np.vstack([inliers, outliers])
perm = rng.permutation(n)
X = X[perm]
is_outlier = (perm >= n - n_out)

mcd = MinCovDet(random_state=0).fit(X)
doc = {
    "source": "scikit-learn %s MinCovDet(random_state=0), numpy %s" % (sklearn.__version__, np.__version__),
    "n": n,
    "p": p,
    "data": [[float(v) for v in row] for row in X],
    "is_outlier": [bool(b) for b in is_outlier],
    "true_location": mu.tolist(),
    "true_covariance": sigma.tolist(),
    "classical_location": X.mean(axis=0).tolist(),
    "classical_covariance": np.cov(X, rowvar=False, bias=True).tolist(),
    "raw_location": mcd.raw_location_.tolist(),
    "raw_covariance": mcd.raw_covariance_.tolist(),
    "raw_support": [int(i) for i in np.flatnonzero(mcd.raw_support_)],
    "location": mcd.location_.tolist(),
    "covariance": mcd.covariance_.tolist(),
    "support": [int(i) for i in np.flatnonzero(mcd.support_)],
    "squared_distances": mcd.dist_.tolist(),
}
with open(OUT, "w") as f:
    json.dump(doc, f, indent=None, separators=(",", ":"))
    f.write("\n")
print("wrote", os.path.normpath(OUT))
print("raw support", len(doc["raw_support"]), "reweighted support", len(doc["support"]))
print("location", np.round(mcd.location_, 4), "true", mu)
