#!/usr/bin/env python3
"""The pandas + scikit-learn peer of `relance score`, for the scoring benchmark.

Does the same work as `relance score` the way a careful analyst would in pandas: read the three
canonical CSVs, select the invoices open at the end of AS_OF (issued on or before it, not paid by
it), compute their point-in-time payment-behaviour features as of AS_OF with the very feature code
of peer_train.py (`features`) (`merge_asof`, strictly-before joins; here every open invoice is observed at AS_OF),
score them with the peer bundle written by peer_train.py (StandardScaler + LogisticRegression, and
the EllipticEnvelope anomaly score), name each row's top-3 drivers (largest |coef x z|), compute
priority = p_late x amount, and write the risk list CSV. Prints one JSON object with stage times.

It does less than Relance (no severe-delay model for overdue invoices, no anomaly rules such as
duplicates, driver names instead of sentences), so the comparison favours the peer.

usage: peer_score.py DATA_DIR AS_OF PEER_BUNDLE_DIR OUT_CSV [--grace-days N]
"""
import argparse, json, os, sys, time

import numpy as np
import pandas as pd
import joblib

# Same day numbers and strictly-before joins as the training peer (one definition of each).
from peer_train import EPOCH, days, asof_join, features  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data"); ap.add_argument("as_of"); ap.add_argument("bundle"); ap.add_argument("out")
    ap.add_argument("--grace-days", type=int, default=0)
    a = ap.parse_args()
    t = {}
    t0 = time.perf_counter()
    b = joblib.load(os.path.join(a.bundle, "peer_bundle.joblib"))
    t["bundle"] = time.perf_counter() - t0; t0b = time.perf_counter()
    inv = pd.read_csv(os.path.join(a.data, "invoices.csv"), parse_dates=["issue_date", "due_date", "paid_date"],
                      dtype={"invoice_id": str, "customer_id": str})
    cu_path = os.path.join(a.data, "customers.csv")
    cu = pd.read_csv(cu_path, usecols=["customer_id", "name"], dtype=str) if os.path.exists(cu_path) else None
    ev_path = os.path.join(a.data, "events.csv")
    ev = pd.read_csv(ev_path, parse_dates=["date"], dtype={"customer_id": str}) if os.path.exists(ev_path) else None
    t["read"] = time.perf_counter() - t0b; t1 = time.perf_counter()

    asof = float((np.datetime64(a.as_of) - EPOCH).astype("timedelta64[D]").astype(int))
    inv["issue"] = days(inv["issue_date"]); inv["due"] = days(inv["due_date"]); inv["paid"] = days(inv["paid_date"])
    hist = inv[inv["issue"] <= asof].reset_index(drop=True)
    hist.loc[hist["paid"] > asof, "paid"] = np.nan          # not known at the end of AS_OF
    rows = hist[hist["paid"].isna()].copy().reset_index(drop=True)   # open at the end of AS_OF
    rows["obs"] = asof
    X, n_iss, si = features(hist, rows, ev, a.grace_days)
    X = X[b["features"]]
    t["features"] = time.perf_counter() - t1; t2 = time.perf_counter()

    Z = b["scaler"].transform(X.values)[:, b["keep"]]
    p = b["model"].predict_proba(Z)[:, 1]
    contrib = Z * b["model"].coef_[0]
    names = np.array(b["features"])[b["keep"]]
    top = np.argsort(-np.abs(contrib), axis=1)[:, :3]
    reasons = [" | ".join(r) for r in names[top]]
    A = np.column_stack([
        X["amount_log_ratio_to_prior_mean"].values, X["payment_terms_days"].values,
        np.log1p(np.where(n_iss > 0, rows["issue"].values - si["first_issue"].fillna(0).values, 0)),
        (n_iss == 0).astype(float) * X["log_amount"].values, ((rows["amount"].values % 100) == 0).astype(float),
    ])
    anomaly = -b["anomaly"].decision_function(A)
    out = pd.DataFrame({
        "invoice_id": rows["invoice_id"], "customer_id": rows["customer_id"], "amount": rows["amount"],
        "currency": rows["currency"] if "currency" in rows else "EUR",
        "issue_date": rows["issue_date"].dt.strftime("%Y-%m-%d"), "due_date": rows["due_date"].dt.strftime("%Y-%m-%d"),
        "days_overdue": (asof - rows["due"]).astype(int), "p_late": p, "anomaly_score": anomaly,
        "priority": p * rows["amount"].values, "reasons": reasons,
    })
    if cu is not None:
        out = out.merge(cu.rename(columns={"name": "customer_name"}), on="customer_id", how="left")
    out = out.sort_values("priority", ascending=False, kind="stable")
    t["score"] = time.perf_counter() - t2; t3 = time.perf_counter()
    out.to_csv(a.out, index=False, float_format="%.4f")
    t["write"] = time.perf_counter() - t3
    t["total"] = time.perf_counter() - t0
    print(json.dumps({"seconds": t, "history": int(len(inv)), "open": int(len(rows))}))


if __name__ == "__main__":
    main()
