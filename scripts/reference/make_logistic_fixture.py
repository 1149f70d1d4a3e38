#!/usr/bin/env python3
"""Reference fixtures for Relance's logistic regression and metrics (run ONCE, output committed).

How the committed fixtures were made (2026-11-29, Debian, 2-core VM):
    python3 scripts/reference/make_logistic_fixture.py
with Python 3.11.7 and numpy 2.4.6, scipy 1.17.1, pandas 3.1.1, statsmodels 0.15.0, scikit-learn 1.9.1.
It writes into Tests/RelanceModelsTests/Fixtures/:

  logistic_design.csv      n=2000 rows, 6 features + label. Generated with
                           numpy.random.default_rng(20261129); columns have different means and
                           scales, two pairs are correlated (corr ≈ 0.7 and ≈ 0.6), one is binary.
                           Values are rounded (4 or 2 decimals) BEFORE fitting, so the CSV is
                           exactly the design the references were fitted on.
  logistic_reference.json  coefficients at full precision (repr of float64):
    - standardisation: column means and POPULATION standard deviations (ddof=0), the same
      definition Relance uses (z = (x - mean) / sd).
    - "mle": statsmodels Logit on [1, Z] (method="newton", tol=1e-14): intercept + standardised
      coefficients, log-likelihood; and statsmodels Logit on [1, X] (raw scale) for the raw-scale
      coefficients, fitted independently to check the back-transformation.
    - "l2": for lambda in (1.0, 50.0): scikit-learn LogisticRegression(solver="newton-cholesky",
      C=1/lambda, l1_ratio=0 (pure L2), tol=1e-12, max_iter=1000) fitted on Z. sklearn minimises
      C*sum(loss) + 0.5*||w||^2 with an unpenalised intercept; dividing by C gives
      sum(loss) + (lambda/2)*||w||^2 with lambda = 1/C, which is Relance's objective.
      The penalised objective and log-likelihood are recomputed here in numpy.
  metrics_reference.json   a 500-row scored sample (scores rounded to 2 decimals so there are
                           ties) and scikit-learn figures: roc_auc_score, average_precision_score,
                           brier_score_loss, log_loss (clips to float64 eps), roc_curve with
                           drop_intermediate=False (the first threshold, inf, is written as null).
                           Lift in the top decile and the decile reliability table are not in
                           scikit-learn; they are computed in numpy with the definitions written
                           next to them in the JSON.
  uci_reference.json       only if /work/shared/datasets/uci-taiwan-credit-default/UCI_Credit_Card.csv
                           exists: statsmodels Logit (MLE) and sklearn newton-cholesky (lambda=1) on
                           the 23 standardised features (ID dropped). Derived coefficients only;
                           the data set itself is third-party and is never committed.
"""
import json
import os
import sys

import numpy as np
import pandas as pd
import scipy
import sklearn
import statsmodels
import statsmodels.api as sm
from sklearn.linear_model import LogisticRegression
from sklearn import metrics

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "Tests", "RelanceModelsTests", "Fixtures")
VERSIONS = {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__, "pandas": pd.__version__,
            "statsmodels": statsmodels.__version__, "scikit-learn": sklearn.__version__}


def standardise(x):
    mean = x.mean(axis=0)
    sd = x.std(axis=0, ddof=0)
    return mean, sd, (x - mean) / sd


def loglik(eta, y):
    # sum y*eta - log(1+exp(eta)), stably
    return float(np.sum(y * eta - np.logaddexp(0.0, eta)))


def fit_statsmodels(z, y):
    res = sm.Logit(y, sm.add_constant(z, has_constant="add")).fit(method="newton", tol=1e-14, maxiter=200, disp=0)
    return res


def fit_sklearn(z, y, lam):
    clf = LogisticRegression(solver="newton-cholesky", C=1.0 / lam, l1_ratio=0.0, tol=1e-12, max_iter=1000)
    clf.fit(z, y)
    return float(clf.intercept_[0]), [float(v) for v in clf.coef_[0]], int(clf.n_iter_[0])


def l2_block(z, y, lams):
    out = []
    for lam in lams:
        b0, b, it = fit_sklearn(z, y, lam)
        eta = b0 + z @ np.array(b)
        ll = loglik(eta, y)
        out.append({"lambda": lam, "C": 1.0 / lam, "intercept": b0, "coefficients": b,
                    "logLikelihood": ll, "penalisedObjective": -ll + 0.5 * lam * float(np.dot(b, b)),
                    "sklearnIterations": it})
    return out


def make_design():
    rng = np.random.default_rng(20261129)
    n = 2000
    days_overdue_avg = rng.normal(12.0, 6.0, n)                         # mean 12, sd 6
    late_share = 0.7 * (days_overdue_avg - 12.0) / 6.0 * 0.15 + 0.3 + rng.normal(0, 0.107, n)  # corr ~0.7 with col 0
    disputed = (rng.random(n) < 0.15).astype(float)                     # binary
    amount = np.exp(rng.normal(7.5, 1.0, n))                            # lognormal, thousands
    tenure_years = rng.gamma(3.0, 1.5, n)
    invoices_open = 0.6 * (tenure_years - 4.5) / 2.6 + rng.normal(0, 0.8, n) + 3.0  # corr ~0.6 with tenure
    x = np.column_stack([days_overdue_avg, late_share, disputed, amount, tenure_years, invoices_open])
    decimals = [4, 4, 0, 2, 4, 4]
    for j, d in enumerate(decimals):
        x[:, j] = np.round(x[:, j], d)
    mean, sd, z = standardise(x)
    eta = -1.1 + 0.9 * z[:, 0] + 0.5 * z[:, 1] + 0.45 * z[:, 2] + 0.25 * z[:, 3] - 0.35 * z[:, 4] + 0.1 * z[:, 5]
    y = (rng.random(n) < 1.0 / (1.0 + np.exp(-eta))).astype(float)
    names = ["avg_days_late", "late_share", "disputed", "amount", "tenure_years", "invoices_open"]
    return names, x, y


def design_fixture():
    names, x, y = make_design()
    with open(os.path.join(OUT, "logistic_design.csv"), "w") as f:
        f.write(",".join(names + ["late"]) + "\n")
        for i in range(x.shape[0]):
            f.write(",".join(repr(float(v)) for v in x[i]) + "," + str(int(y[i])) + "\n")
    mean, sd, z = standardise(x)
    res_std = fit_statsmodels(z, y)
    res_raw = fit_statsmodels(x, y)
    ref = {
        "source": "scripts/reference/make_logistic_fixture.py",
        "versions": VERSIONS,
        "features": names,
        "rows": int(x.shape[0]),
        "positives": int(y.sum()),
        "standardisation": {"ddof": 0, "means": [float(v) for v in mean], "sds": [float(v) for v in sd]},
        "mle": {
            "intercept": float(res_std.params[0]),
            "coefficients": [float(v) for v in res_std.params[1:]],
            "rawIntercept": float(res_raw.params[0]),
            "rawCoefficients": [float(v) for v in res_raw.params[1:]],
            "logLikelihood": float(res_std.llf),
            "standardErrors": [float(v) for v in res_std.bse],
            "nullLogLikelihood": float(res_std.llnull),
            "rawLogLikelihood": float(res_raw.llf),
            "statsmodelsIterations": int(res_std.mle_retvals["iterations"]),
            "converged": bool(res_std.mle_retvals["converged"]),
        },
        "l2": l2_block(z, y, [1.0, 50.0]),
    }
    with open(os.path.join(OUT, "logistic_reference.json"), "w") as f:
        json.dump(ref, f, indent=1)
    print("design: positives", int(y.sum()), "of", x.shape[0], "mle iterations", ref["mle"]["statsmodelsIterations"])


def metrics_fixture():
    rng = np.random.default_rng(424242)
    n = 500
    y = (rng.random(n) < 0.3).astype(int)
    signal = rng.normal(0, 1, n) + 1.2 * y
    p = 1.0 / (1.0 + np.exp(-(signal - 1.0)))
    p = np.round(p, 2)                      # ties on purpose
    p = np.clip(p, 0.01, 0.99)
    fpr, tpr, thr = metrics.roc_curve(y, p, drop_intermediate=False)
    # lift: top decile = the ceil(n/10) highest scores, ties broken by original row order (stable sort)
    order = np.argsort(-p, kind="stable")
    k = int(np.ceil(n / 10))
    lift = float(y[order[:k]].mean() / y.mean())
    # reliability: rows sorted by predicted probability ascending (stable), bin b holds sorted
    # positions floor(b*n/10) ..< floor((b+1)*n/10)
    asc = np.argsort(p, kind="stable")
    bins = []
    for b in range(10):
        lo, hi = (b * n) // 10, ((b + 1) * n) // 10
        idx = asc[lo:hi]
        bins.append({"count": int(hi - lo), "meanPredicted": float(p[idx].mean()), "observedRate": float(y[idx].mean())})
    ref = {
        "source": "scripts/reference/make_logistic_fixture.py",
        "versions": VERSIONS,
        "labels": [int(v) for v in y],
        "probabilities": [float(v) for v in p],
        "rocAUC": float(metrics.roc_auc_score(y, p)),
        "averagePrecision": float(metrics.average_precision_score(y, p)),
        "brier": float(metrics.brier_score_loss(y, p)),
        "logLoss": float(metrics.log_loss(y, p)),
        "roc": {"fpr": [float(v) for v in fpr], "tpr": [float(v) for v in tpr],
                "thresholds": [None if not np.isfinite(v) else float(v) for v in thr]},
        "liftTopDecile": lift,
        "liftDefinition": "mean label of the ceil(n/10) highest scores (stable order on ties) / mean label",
        "reliability": bins,
        "reliabilityDefinition": "sorted ascending by probability (stable); bin b = positions floor(b*n/10)..<floor((b+1)*n/10)",
    }
    with open(os.path.join(OUT, "metrics_reference.json"), "w") as f:
        json.dump(ref, f, indent=1)
    print("metrics: auc", ref["rocAUC"], "ap", ref["averagePrecision"])


def uci_fixture():
    candidates = [os.path.join(HERE, "..", "..", "..", "shared", "datasets"), "/work/shared/datasets"]
    path = None
    for c in candidates:
        p = os.path.join(c, "uci-taiwan-credit-default", "UCI_Credit_Card.csv")
        if os.path.exists(p):
            path = p
            break
    if path is None:
        print("UCI file absent: uci_reference.json not regenerated")
        return
    df = pd.read_csv(path)
    target = "default.payment.next.month"
    names = [c for c in df.columns if c not in ("ID", target)]
    x = df[names].to_numpy(dtype=float)
    y = df[target].to_numpy(dtype=float)
    mean, sd, z = standardise(x)
    res = fit_statsmodels(z, y)
    ref = {
        "source": "scripts/reference/make_logistic_fixture.py",
        "versions": VERSIONS,
        "file": "uci-taiwan-credit-default/UCI_Credit_Card.csv",
        "sha256": "a0f0ab49d6326671d6cd83be5c88dcf18007025fe9a53ecd699119c871176ca1",
        "target": target,
        "features": names,
        "rows": int(x.shape[0]),
        "positives": int(y.sum()),
        "mle": {"intercept": float(res.params[0]), "coefficients": [float(v) for v in res.params[1:]],
                "logLikelihood": float(res.llf), "statsmodelsIterations": int(res.mle_retvals["iterations"])},
        "l2": l2_block(z, y, [1.0]),
    }
    with open(os.path.join(OUT, "uci_reference.json"), "w") as f:
        json.dump(ref, f, indent=1)
    print("uci: llf", res.llf, "iterations", ref["mle"]["statsmodelsIterations"])


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    design_fixture()
    metrics_fixture()
    uci_fixture()
