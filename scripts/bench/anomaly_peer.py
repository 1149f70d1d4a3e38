#!/usr/bin/env python3
"""Peer comparison for the Relance anomaly detector: scikit-learn IsolationForest and EllipticEnvelope
on the SAME per-invoice features, scored against the generator's ground truth.

Inputs
  features.csv   invoice_id,<feature columns…>  (AnomalyFeatureMatrix.writeCSV / csvText)
  truth.csv      invoice_id,anomaly_kind         (e.g. truth/anomalies.csv; listed ids are positives)
Optional
  --relance-scores FILE   invoice_id,anomaly_score from Relance, evaluated the same way
  --columns a,b,c         restrict the peers to these feature columns (default: all)
  --fit-rows N            fit the peers on a seeded sample of N rows (default 200000), score all rows;
                          EllipticEnvelope (FastMCD in numpy) is slow on millions of rows

Prints ROC-AUC and PR-AUC (average precision) overall and, per anomaly kind, ROC-AUC of that kind
against the normal invoices, plus fit+score wall time. Higher score = more anomalous for every model.

Examples
  # through the product (ingest → features → detector):
  relance anomalies --invoices datasets/sample/invoices.csv --out /tmp/a.csv --features /tmp/f.csv
  python3 scripts/bench/anomaly_peer.py /tmp/f.csv datasets/sample/truth/anomalies.csv --relance-scores /tmp/a.csv
  # through the benchmark driver (synthetic book, or --csv invoices.csv truth.csv):
  scripts/bench/anomaly_bench.sh 20000 50 /tmp/f.csv /tmp/t.csv
  python3 scripts/bench/anomaly_peer.py /tmp/f.csv /tmp/t.csv --relance-scores /tmp/f.csv.relance_scores.csv
"""
import argparse
import time

import numpy as np
import pandas as pd
from sklearn.covariance import EllipticEnvelope
from sklearn.ensemble import IsolationForest
from sklearn.metrics import average_precision_score, roc_auc_score


def report(name, scores, y, kinds, seconds):
    line = f"{name:<18} ROC-AUC {roc_auc_score(y, scores):.4f}  PR-AUC {average_precision_score(y, scores):.4f}"
    if seconds is not None:
        line += f"  ({seconds:.1f} s)"
    print(line)
    normal = ~y
    for kind in sorted(k for k in kinds.unique() if k):
        mask = (kinds == kind).to_numpy()
        sel = mask | normal
        auc = roc_auc_score(mask[sel], scores[sel])
        print(f"    {kind:<26} n={mask.sum():>6}  ROC-AUC {auc:.4f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("features")
    ap.add_argument("truth")
    ap.add_argument("--relance-scores")
    ap.add_argument("--columns")
    ap.add_argument("--fit-rows", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    feats = pd.read_csv(args.features, dtype={"invoice_id": str})
    truth = pd.read_csv(args.truth, dtype={"invoice_id": str, "anomaly_kind": str})
    kind_of = dict(zip(truth["invoice_id"], truth["anomaly_kind"]))
    kinds = feats["invoice_id"].map(kind_of).fillna("")
    y = (kinds != "").to_numpy()
    cols = args.columns.split(",") if args.columns else [c for c in feats.columns if c != "invoice_id"]
    X = feats[cols].to_numpy(dtype=float)
    print(f"{len(X)} invoices, {y.sum()} anomalies ({100 * y.mean():.2f} %), {len(cols)} features")

    rng = np.random.default_rng(args.seed)
    fit_idx = np.arange(len(X)) if len(X) <= args.fit_rows else np.sort(rng.choice(len(X), args.fit_rows, replace=False))
    contamination = min(0.5, max(1e-4, float(y.mean())))

    t = time.perf_counter()
    iso = IsolationForest(n_estimators=200, random_state=args.seed, n_jobs=1).fit(X[fit_idx])
    s_iso = -iso.score_samples(X)
    report("IsolationForest", s_iso, y, kinds, time.perf_counter() - t)

    t = time.perf_counter()
    try:
        env = EllipticEnvelope(contamination=contamination, random_state=args.seed).fit(X[fit_idx])
        s_env = -env.score_samples(X)  # score_samples = -Mahalanobis²: negate so higher is worse
        report("EllipticEnvelope", s_env, y, kinds, time.perf_counter() - t)
    except Exception as e:  # singular scatter on discrete features, as MinCovDet warns
        print(f"EllipticEnvelope   failed: {e}")

    if args.relance_scores:
        rel = pd.read_csv(args.relance_scores, dtype={"invoice_id": str}).set_index("invoice_id")["anomaly_score"]
        s_rel = feats["invoice_id"].map(rel).to_numpy(dtype=float)
        report("Relance", s_rel, y, kinds, None)


if __name__ == "__main__":
    main()
