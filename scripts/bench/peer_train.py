#!/usr/bin/env python3
"""The pandas + scikit-learn peer of `relance train`, for benchmarks and the quality bar.

It does the same work as `relance train` the way a careful analyst would in pandas: read the three
canonical CSVs, build point-in-time per-customer features with `merge_asof` (strictly-before
joins, so no leakage), label with censoring (open and not yet past due + grace = unknown), split by
issue date (last 20% held out), standardise, fit an L2 logistic regression (newton-cholesky, the
same penalty as Relance: lambda/2 * ||beta_std||^2, C = 1/lambda), evaluate, refit on everything,
fit a robust-covariance anomaly detector (EllipticEnvelope) on per-invoice anomaly features, and
write a bundle (joblib). Prints one JSON object with stage times and metrics.

The feature set mirrors Relance's payment-behaviour features (counts, late shares with shrinkage,
mean/median/max days late, trend, days since last payment, open/overdue counts and amounts,
amount ratio, terms, tenure, method/channel one-hots, seasonality, prior disputes/bounces/hardship).
It is an equivalent pipeline, not a bit-for-bit copy.

usage: peer_train.py DATA_DIR AS_OF OUT_DIR [--grace-days N] [--l2 L]
"""
import argparse, json, os, sys, time

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from sklearn.metrics import roc_auc_score, average_precision_score, brier_score_loss, log_loss
from sklearn.covariance import EllipticEnvelope
import joblib

EPOCH = np.datetime64("1970-01-01")


def days(series):
    """Day numbers since 1970-01-01 as float, NaN where the date is missing (NaT)."""
    v = series.values.astype("datetime64[D]")
    out = (v - EPOCH).astype("timedelta64[D]").astype("int64").astype("float64")
    out[np.isnat(v)] = np.nan
    return out


def asof_join(left, right, left_on, right_on, cols, by="customer_id"):
    """For each left row, the last right row (same customer) with right_on < left_on (strictly)."""
    l = left[[by, left_on]].copy()
    l["_pos"] = np.arange(len(l))
    l = l.sort_values(left_on, kind="stable")
    r = right[[by, right_on] + cols].sort_values(right_on, kind="stable")
    r = r.rename(columns={right_on: "_key"})
    l = l.rename(columns={left_on: "_key"})
    m = pd.merge_asof(l, r, on="_key", by=by, allow_exact_matches=False, direction="backward")
    return m.sort_values("_pos")[cols].reset_index(drop=True)


def features(hist, rows, ev, g):
    """The point-in-time payment-behaviour features of `rows`, each observed at its `obs` day, from the
    invoice history `hist` (only what was settled, issued or due strictly before that day) and the
    events `ev`; `g` is the grace in days. Shared with peer_score.py (rows observed at the as-of day)."""
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
    ap.add_argument("data"); ap.add_argument("as_of"); ap.add_argument("out")
    ap.add_argument("--grace-days", type=int, default=0)
    ap.add_argument("--l2", type=float, default=1.0)
    a = ap.parse_args()
    t = {}
    t0 = time.perf_counter()

    inv = pd.read_csv(os.path.join(a.data, "invoices.csv"), parse_dates=["issue_date", "due_date", "paid_date"],
                      dtype={"invoice_id": str, "customer_id": str})
    ev_path = os.path.join(a.data, "events.csv")
    ev = pd.read_csv(ev_path, parse_dates=["date"], dtype={"customer_id": str}) if os.path.exists(ev_path) else None
    t["read"] = time.perf_counter() - t0; t1 = time.perf_counter()

    asof = float((np.datetime64(a.as_of) - EPOCH).astype("timedelta64[D]").astype(int))
    inv["issue"] = days(inv["issue_date"]); inv["due"] = days(inv["due_date"]); inv["paid"] = days(inv["paid_date"])
    inv = inv[inv["issue"] <= asof].reset_index(drop=True)
    inv.loc[inv["paid"] > asof, "paid"] = np.nan
    g = a.grace_days
    inv["obs"] = inv["issue"]     # training rows are observed on their issue day
    X, n_iss, si = features(inv, inv, ev, g)
    t["features"] = time.perf_counter() - t1; t2 = time.perf_counter()

    # labels with censoring
    late = np.where(inv["paid"].notna(), (inv["paid"] > inv["due"] + g).astype(float),
                    np.where(asof > inv["due"] + g, 1.0, np.nan))
    lab = ~np.isnan(late)
    Xl = X.values[lab]; yl = late[lab]; issue_l = inv["issue"].values[lab]
    order = np.argsort(issue_l, kind="stable")
    cut = issue_l[order[int(len(order) * 0.8)]]
    tr = issue_l < cut; te = ~tr
    scaler = StandardScaler().fit(Xl[tr])
    keep = scaler.scale_ > 0
    C = 1.0 / a.l2 if a.l2 > 0 else np.inf
    lr = LogisticRegression(C=C, solver="newton-cholesky", max_iter=100)
    lr.fit(scaler.transform(Xl[tr])[:, keep], yl[tr])
    pte = lr.predict_proba(scaler.transform(Xl[te])[:, keep])[:, 1]
    base = X["late_share_shrunk"].values[lab][te]
    k = max(1, int(len(pte) * 0.1)); top = np.argsort(-pte, kind="stable")[:k]
    metrics = {
        "roc_auc": roc_auc_score(yl[te], pte), "pr_auc": average_precision_score(yl[te], pte),
        "brier": brier_score_loss(yl[te], pte), "log_loss": log_loss(yl[te], np.clip(pte, 1e-15, 1 - 1e-15)),
        "lift_top_decile": yl[te][top].mean() / yl[te].mean(),
        "baseline_roc_auc": roc_auc_score(yl[te], base),
        "n_train": int(tr.sum()), "n_test": int(te.sum()),
    }
    scaler_all = StandardScaler().fit(Xl); keep_all = scaler_all.scale_ > 0
    final = LogisticRegression(C=C, solver="newton-cholesky", max_iter=100)
    final.fit(scaler_all.transform(Xl)[:, keep_all], yl)
    pall = final.predict_proba(scaler_all.transform(Xl)[:, keep_all])[:, 1]
    metrics["train_log_loss"] = log_loss(yl, np.clip(pall, 1e-15, 1 - 1e-15))
    t["fit_evaluate"] = time.perf_counter() - t2; t3 = time.perf_counter()

    # anomaly detector on per-invoice features (robust covariance, like Relance's MCD)
    A = np.column_stack([
        X["amount_log_ratio_to_prior_mean"].values,
        X["payment_terms_days"].values,
        np.log1p(np.where(n_iss > 0, inv["issue"].values - si["first_issue"].fillna(0).values, 0)),
        (n_iss == 0).astype(float) * X["log_amount"].values,
        ((inv["amount"].values % 100) == 0).astype(float),
    ])
    env = EllipticEnvelope(contamination=0.01, random_state=0).fit(A)
    anomaly_scores = -env.decision_function(A)
    t["anomaly"] = time.perf_counter() - t3; t4 = time.perf_counter()

    os.makedirs(a.out, exist_ok=True)
    joblib.dump({"scaler": scaler_all, "keep": keep_all, "model": final, "anomaly": env, "features": list(X.columns)},
                os.path.join(a.out, "peer_bundle.joblib"))
    t["write"] = time.perf_counter() - t4
    t["total"] = time.perf_counter() - t0
    print(json.dumps({"metrics": metrics, "seconds": t, "rows": int(len(inv)), "labelled": int(lab.sum())}))


if __name__ == "__main__":
    main()
