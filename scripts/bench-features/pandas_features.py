#!/usr/bin/env python3
"""The pandas peer of RelanceFeatures: point-in-time per-customer features by groupby + merge_asof.

Usage: pandas_features.py HISTORY_DIR [OUT_DIR] [--core] [--repeat=N]
Computes, for every invoice as of its issue day (using only payments settled and invoices issued
strictly before it), the Swift features that do not need events.csv (the benchmark history has no
events; the four event features are 0 on both sides): prior settled count (log1p), shrunk late
share with a point-in-time population prior, population share, mean / median / max days late,
recency-weighted days late, last-5 trend, days since last payment, open and overdue count and
amount, log amount, log ratio of amount to the prior mean, payment terms, tenure, one-hot method
and channel, due-month seasonality, has-history. With --core only the 12 cheapest of them
(no median, recency, trend, one-hots or seasonality). Prints the time of the feature pipeline,
excluding file loading, and writes the columns to OUT_DIR for a cross-check with Swift.
"""
import os
import sys
import time

import numpy as np
import pandas as pd

args = [a for a in sys.argv[1:] if not a.startswith("--")]
core = "--core" in sys.argv
repeats = next((int(a.split("=", 1)[1]) for a in sys.argv if a.startswith("--repeat=")), 3)
src = args[0]
out = args[1] if len(args) > 1 and args[1] != "-" else None
HALF_LIFE = 90.0
MISSING = np.iinfo(np.int32).min
GRACE, STRENGTH, INITIAL_PRIOR = 0, 5.0, 0.5

cols = {k: np.fromfile(os.path.join(src, f"{k}.{t}"), dtype=d) for k, t, d in [
    ("customer", "i32", np.int32), ("issue", "i32", np.int32), ("due", "i32", np.int32),
    ("paid", "i32", np.int32), ("amount", "f64", np.float64), ("method", "u8", np.uint8),
    ("channel", "u8", np.uint8)]}
inv = pd.DataFrame(cols)
inv["row"] = np.arange(len(inv))

def pipeline():
    paid_mask = inv["paid"] != MISSING
    overdue_mask = (~paid_mask) | (inv["paid"] > inv["due"])

    # Deltas of every fact on the day it becomes known (day + 1), like the Swift timeline.
    issued = pd.DataFrame({"customer": inv["customer"], "key": inv["issue"] + 1, "kind": 0,
                           "d_issued": 1, "d_amount": inv["amount"], "d_open": 1, "d_open_amt": inv["amount"]})
    over = inv[overdue_mask]
    overdue = pd.DataFrame({"customer": over["customer"], "key": np.maximum(over["issue"], over["due"]) + 1, "kind": 1,
                            "d_overdue": 1, "d_overdue_amt": over["amount"]})
    p = inv[paid_mask]
    late = (p["paid"] > p["due"] + GRACE).astype(np.int64)
    was_overdue = p["paid"] > p["due"]
    payments = pd.DataFrame({"customer": p["customer"], "key": np.maximum(p["paid"], p["issue"]) + 1, "kind": 2,
                             "d_open": -1, "d_open_amt": -p["amount"],
                             "d_overdue": -was_overdue.astype(np.int64),
                             "d_overdue_amt": -p["amount"].where(was_overdue, 0.0),
                             "d_settled": 1, "d_late": late, "d_days_late": (p["paid"] - p["due"]).astype(np.int64),
                             "days_late": (p["paid"] - p["due"]).astype(np.float64), "paid_day": p["paid"].astype(np.float64),
                             "late_f": late.astype(np.float64)})
    if not core:
        # Exponential recency weights 2^((paid - base)/H): the weighted mean is the same for any base.
        w = np.exp2((p["paid"].to_numpy(np.float64) - float(p["paid"].min())) / HALF_LIFE)
        payments["d_wsum"] = w * payments["days_late"].to_numpy()
        payments["d_w"] = w
    ev = pd.concat([issued, overdue, payments], ignore_index=True).fillna(
        {"d_issued": 0, "d_amount": 0.0, "d_open": 0, "d_open_amt": 0.0, "d_overdue": 0, "d_overdue_amt": 0.0,
         "d_settled": 0, "d_late": 0, "d_days_late": 0, "d_wsum": 0.0, "d_w": 0.0})
    ev = ev.sort_values(["customer", "key", "kind"], kind="stable")
    g = ev.groupby("customer", sort=False)
    state = g[["d_issued", "d_amount", "d_open", "d_open_amt", "d_overdue", "d_overdue_amt",
               "d_settled", "d_late", "d_days_late"]].cumsum()
    state["max_days_late"] = g["days_late"].cummax()
    state["last_paid"] = g["paid_day"].cummax()
    state["first_issue"] = g["key"].cummin() - 1
    filled = ["max_days_late", "last_paid"]
    if not core:
        state[["d_wsum", "d_w"]] = g[["d_wsum", "d_w"]].cumsum()
        # Per-customer expanding median and last-5 late share, over payments only, then carried forward.
        is_pay = ev["kind"] == 2
        pay = ev[is_pay]
        gp = pay.groupby("customer", sort=False)
        state.loc[is_pay, "median_days_late"] = gp["days_late"].expanding().median().reset_index(level=0, drop=True)
        state.loc[is_pay, "recent_late"] = gp["late_f"].rolling(5, min_periods=1).mean().reset_index(level=0, drop=True)
        filled += ["median_days_late", "recent_late"]
    state[filled] = state[filled].groupby(ev["customer"]).ffill()
    state["customer"] = ev["customer"].values
    state["key"] = ev["key"].values
    state = state.drop_duplicates(["customer", "key"], keep="last").sort_values("key", kind="stable")

    # Population prior: late share of everything settled before the day.
    pop = payments[["key", "d_settled", "d_late"]].sort_values("key", kind="stable")
    pop = pop.assign(pop_n=pop["d_settled"].cumsum(), pop_late=pop["d_late"].cumsum())
    pop = pop.drop_duplicates("key", keep="last")[["key", "pop_n", "pop_late"]]

    q = inv[["row", "customer", "issue", "due", "amount"]].rename(columns={"issue": "asof"}).sort_values("asof", kind="stable")
    q = pd.merge_asof(q, state, left_on="asof", right_on="key", by="customer", direction="backward")
    q = pd.merge_asof(q.drop(columns="key"), pop, left_on="asof", right_on="key", direction="backward")
    q = q.fillna({"d_issued": 0, "d_amount": 0.0, "d_open": 0, "d_open_amt": 0.0, "d_overdue": 0,
                  "d_overdue_amt": 0.0, "d_settled": 0, "d_late": 0, "d_days_late": 0, "pop_n": 0, "pop_late": 0})
    n = q["d_settled"].to_numpy(dtype=np.float64)
    prior = np.where(q["pop_n"] > 0, q["pop_late"] / q["pop_n"].where(q["pop_n"] > 0, 1), INITIAL_PRIOR)
    has = n > 0
    asof = q["asof"].to_numpy(dtype=np.float64)
    mean_prior_amount = q["d_amount"] / q["d_issued"].where(q["d_issued"] > 0, 1)
    features = pd.DataFrame({
        "row": q["row"].to_numpy(),
        "prior_settled_count_log": np.log1p(n),
        "late_share_shrunk": (q["d_late"] + STRENGTH * prior) / (n + STRENGTH),
        "mean_days_late": np.where(has, q["d_days_late"] / np.where(has, n, 1), 0.0),
        "max_days_late": np.where(has, q["max_days_late"].fillna(0), 0.0),
        "days_since_last_payment": np.where(q["last_paid"].notna(), asof - q["last_paid"],
                                            np.where(q["first_issue"].notna(), asof - q["first_issue"], 0.0)),
        "open_invoice_count": q["d_open"].astype(np.float64),
        "open_amount": np.where(q["d_open"] > 0, q["d_open_amt"], 0.0),
        "overdue_invoice_count": q["d_overdue"].astype(np.float64),
        "overdue_amount": np.where(q["d_overdue"] > 0, q["d_overdue_amt"], 0.0),
        "amount_log_ratio_to_prior_mean": np.where(q["d_issued"] > 0, np.log(q["amount"] / mean_prior_amount), 0.0),
        "payment_terms_days": (q["due"] - q["asof"]).astype(np.float64),
        "tenure_days": np.where(q["first_issue"].notna(), asof - q["first_issue"], 0.0),
    })
    if not core:
        month = pd.to_datetime(q["due"].to_numpy().astype("int64"), unit="D").month.to_numpy()
        angle = 2 * np.pi * (month - 1) / 12
        method = pd.Series(cols["method"][q["row"].to_numpy()])
        channel = pd.Series(cols["channel"][q["row"].to_numpy()])
        extra = {
            "population_late_share": prior,
            "median_days_late": np.where(has, q["median_days_late"].fillna(0), 0.0),
            "recency_weighted_days_late": np.where(has, q["d_wsum"] / q["d_w"].where(q["d_w"] > 0, 1), 0.0),
            "late_share_trend": np.where(has, q["recent_late"].fillna(0) - q["d_late"] / np.where(has, n, 1), 0.0),
            "log_amount": np.log1p(q["amount"].to_numpy()),
            "due_month_sin": np.sin(angle), "due_month_cos": np.cos(angle),
            "due_in_august": (month == 8).astype(np.float64), "due_in_december": (month == 12).astype(np.float64),
            "has_history": has.astype(np.float64),
        }
        onehot = pd.get_dummies(method, prefix="m").reindex(columns=[f"m_{k}" for k in range(6)], fill_value=0)
        for k, name in enumerate(["card", "transfer", "direct_debit", "cheque", "other"], start=1):
            extra[f"method_{name}"] = onehot[f"m_{k}"].to_numpy(np.float64)
        onehot = pd.get_dummies(channel, prefix="c").reindex(columns=[f"c_{k}" for k in range(3)], fill_value=0)
        extra["channel_electronic"] = onehot["c_1"].to_numpy(np.float64)
        extra["channel_paper"] = onehot["c_2"].to_numpy(np.float64)
        features = features.assign(**extra)
    features = features.sort_values("row")
    return features


# The machine is shared: the pipeline runs `repeats` times and the fastest run is reported.
best_wall = best_cpu = float("inf")
first = None
for _ in range(repeats):
    t0 = time.perf_counter()
    c0 = time.process_time()
    features = pipeline()
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    first = first or (wall, cpu)
    best_wall = min(best_wall, wall)
    best_cpu = min(best_cpu, cpu)
print(f"pandas {pd.__version__} (best of {repeats}): {len(features)} rows x {features.shape[1] - 1} features in "
      f"{best_wall:.3f} s wall / {best_cpu:.3f} s CPU (first run {first[0]:.3f} s wall / {first[1]:.3f} s CPU)")
if out:
    os.makedirs(out, exist_ok=True)
    for name in features.columns[1:]:
        features[name].to_numpy(dtype=np.float64).tofile(os.path.join(out, f"{name}.f64"))
