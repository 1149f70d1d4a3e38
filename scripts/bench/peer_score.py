#!/usr/bin/env python3
"""The pandas + scikit-learn peer of `relance score`, for the scoring benchmark.

Does the same work as `relance score` the way a careful analyst would in pandas: read the three
canonical CSVs, select the invoices open at the end of AS_OF (issued on or before it, not paid by
it), compute their point-in-time payment-behaviour features as of AS_OF with the very feature code
of peer_train.py (`merge_asof`, strictly-before joins; here every open invoice is observed at AS_OF),
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
from peer_train import EPOCH, days, asof_join  # noqa: E402


def features(hist, rows, ev, g):
    """peer_train.py's feature block, for `rows` observed at their `obs` day (history = `hist`)."""
    settled = hist[hist["paid"].notna()].copy()
    settled["days_late"] = settled["paid"] - settled["due"]
    settled["late"] = (settled["paid"] > settled["due"] + g).astype(float)
    settled = settled.sort_values(["paid"], kind="stable")
    gs = settled.groupby("customer_id", sort=False)
    settled["n_settled"] = gs.cumcount() + 1.0
    settled["late_cnt"] = gs["late"].cumsum()
    settled["sum_dl"] = gs["days_late"].cumsum()
    settled["max_dl"] = gs["days_late"].cummax()
    settled["median_dl"] = gs["days_late"].expanding().median().reset_index(level=0, drop=True)
    settled["last5"] = gs["late"].rolling(5, min_periods=1).mean().reset_index(level=0, drop=True)
    settled["paid_amt_cum"] = gs["amount"].cumsum()
    settled["last_paid"] = settled["paid"]
    settled["pop_n"] = np.arange(1, len(settled) + 1, dtype=float)
    settled["pop_late"] = settled["late"].cumsum()
    pop = settled[["paid", "pop_n", "pop_late"]].copy(); pop["customer_id"] = "_all"

    X = pd.DataFrame(index=rows.index)
    s = asof_join(rows, settled, "obs", "paid", ["n_settled", "late_cnt", "sum_dl", "max_dl", "median_dl", "last5", "paid_amt_cum", "last_paid"])
    tmp = rows[["obs"]].copy(); tmp["customer_id"] = "_all"
    p = asof_join(tmp, pop, "obs", "paid", ["pop_n", "pop_late"])
    pop_share = (p["pop_late"] / p["pop_n"]).fillna(0.3).values
    n = s["n_settled"].fillna(0).values
    late_cnt = s["late_cnt"].fillna(0).values
    X["prior_settled_count_log"] = np.log1p(n)
    X["late_share_shrunk"] = (late_cnt + 5 * pop_share) / (n + 5)
    X["population_late_share"] = pop_share
    X["mean_days_late"] = np.where(n > 0, s["sum_dl"].fillna(0).values / np.maximum(n, 1), 0)
    X["median_days_late"] = s["median_dl"].fillna(0).values
    X["max_days_late"] = s["max_dl"].fillna(0).values
    X["late_share_trend"] = np.where(n > 0, s["last5"].fillna(0).values - late_cnt / np.maximum(n, 1), 0)
    X["days_since_last_payment"] = np.where(n > 0, rows["obs"].values - s["last_paid"].fillna(0).values, 0)

    issued = hist.sort_values("issue", kind="stable").copy()
    gi = issued.groupby("customer_id", sort=False)
    issued["n_issued"] = gi.cumcount() + 1.0
    issued["amt_issued"] = gi["amount"].cumsum()
    issued["first_issue"] = gi["issue"].transform("min")
    si = asof_join(rows, issued, "obs", "issue", ["n_issued", "amt_issued", "first_issue"])
    n_iss = si["n_issued"].fillna(0).values
    amt_iss = si["amt_issued"].fillna(0).values
    X["open_invoice_count"] = n_iss - n
    X["open_amount"] = amt_iss - s["paid_amt_cum"].fillna(0).values
    due_t = hist.sort_values("due", kind="stable").copy(); gd = due_t.groupby("customer_id", sort=False)
    due_t["n_due"] = gd.cumcount() + 1.0; due_t["amt_due"] = gd["amount"].cumsum()
    sd = asof_join(rows, due_t, "obs", "due", ["n_due", "amt_due"])
    closed = hist.copy(); closed["closed"] = np.fmax(closed["due"], closed["paid"])
    closed = closed[closed["paid"].notna()].sort_values("closed", kind="stable")
    gc = closed.groupby("customer_id", sort=False)
    closed["n_cl"] = gc.cumcount() + 1.0; closed["amt_cl"] = gc["amount"].cumsum()
    sc = asof_join(rows, closed, "obs", "closed", ["n_cl", "amt_cl"])
    X["overdue_invoice_count"] = sd["n_due"].fillna(0).values - sc["n_cl"].fillna(0).values
    X["overdue_amount"] = sd["amt_due"].fillna(0).values - sc["amt_cl"].fillna(0).values
    X["log_amount"] = np.log1p(rows["amount"].values)
    prior_mean = np.where(n_iss > 0, amt_iss / np.maximum(n_iss, 1), np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        X["amount_log_ratio_to_prior_mean"] = np.nan_to_num(np.log(rows["amount"].values / prior_mean), nan=0.0)
    X["payment_terms_days"] = rows["due"].values - rows["issue"].values
    X["tenure_days"] = np.where(n_iss > 0, rows["obs"].values - si["first_issue"].fillna(0).values, 0)
    for m in ["card", "transfer", "direct_debit", "cheque", "other"]:
        X["method_" + m] = (rows["payment_method"] == m).astype(float).values
    for c in ["electronic", "paper"]:
        X["channel_" + c] = (rows["channel"] == c).astype(float).values
    month = rows["due_date"].dt.month.values
    X["due_month_sin"] = np.sin(2 * np.pi * month / 12); X["due_month_cos"] = np.cos(2 * np.pi * month / 12)
    X["due_in_august"] = (month == 8).astype(float); X["due_in_december"] = (month == 12).astype(float)
    if ev is not None:
        ev["d"] = days(ev["date"])
        for kind, col in [("dispute_opened", "prior_disputes"), ("reminder_bounced", "reminders_bounced"), ("hardship_reported", "hardship_reported")]:
            e = ev[ev["kind"] == kind].sort_values("d", kind="stable").copy()
            e["c"] = e.groupby("customer_id", sort=False).cumcount() + 1.0
            X[col] = asof_join(rows, e, "obs", "d", ["c"])["c"].fillna(0).values
    X["has_history"] = (n > 0).astype(float)
    return X, n_iss, si


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
