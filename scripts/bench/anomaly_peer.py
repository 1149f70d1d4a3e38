#!/usr/bin/env python3
"""scikit-learn peers of Relance's anomaly detector, on the very same per-invoice features.

Reads the anomaly feature matrix written by `relance features --anomaly` (invoice_id,<15 features>)
and the generator's ground truth (truth/anomalies.csv: invoice_id,anomaly_kind), fits
IsolationForest and EllipticEnvelope on all rows (unsupervised, as Relance's detector is), and
prints one JSON object with ROC-AUC and PR-AUC (average precision) of each score against the truth.
PR-AUC is the figure that matters: anomalies are ~1.5% of invoices.

usage: anomaly_peer.py FEATURES_CSV TRUTH_CSV
"""
import json, sys, time, warnings

import numpy as np
import pandas as pd
from sklearn.covariance import EllipticEnvelope
from sklearn.ensemble import IsolationForest
from sklearn.metrics import average_precision_score, roc_auc_score


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    features = pd.read_csv(sys.argv[1], dtype={"invoice_id": str})
    truth = pd.read_csv(sys.argv[2], dtype={"invoice_id": str})
    y = features["invoice_id"].isin(set(truth["invoice_id"])).astype(int).values
    X = features.drop(columns=["invoice_id"]).values.astype(float)
    out = {"rows": int(len(y)), "positives": int(y.sum()), "features": list(features.columns[1:])}
    peers = {
        "isolation_forest": lambda: IsolationForest(n_estimators=200, random_state=0, n_jobs=1),
        "elliptic_envelope": lambda: EllipticEnvelope(contamination=0.01, random_state=0),
    }
    for name, make in peers.items():
        t = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # EllipticEnvelope warns on the 0/1 columns' singular covariance
            model = make().fit(X)
            score = -model.score_samples(X)  # higher = more anomalous
        out[name] = {
            "roc_auc": float(roc_auc_score(y, score)),
            "pr_auc": float(average_precision_score(y, score)),
            "seconds": time.perf_counter() - t,
        }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
