#!/usr/bin/env python3
"""Writes a large canonical invoices.csv for the ingest benchmark (synthetic, no personal data).

usage: make_invoices.py ROWS OUT.csv [--seed N]

Columns follow /work/shared/data-contract.md: invoice_id, customer_id, issue_date, due_date, amount,
currency, paid_date (about 15 % open), disputed, payment_method, channel. Rows are ~88 bytes, so
1,000,000 rows make ~85 MB.
"""
import argparse
import datetime as dt

import numpy as np


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("rows", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--customers", type=int, default=50_000)
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    n = a.rows
    start = dt.date(2019, 1, 1).toordinal()
    issue = start + rng.integers(0, 5 * 365, n)
    terms = rng.choice([14, 30, 30, 30, 45, 60], n)
    due = issue + terms
    delay = np.rint(rng.gamma(2.0, 6.0, n) - 8).astype(int)
    paid = np.maximum(issue, due + delay)
    is_open = rng.random(n) < 0.15
    amount = np.round(rng.lognormal(6.5, 1.2, n), 2) + 0.01
    customer = rng.integers(0, a.customers, n)
    disputed = (rng.random(n) < 0.03).astype(int)
    methods = np.array(["transfer", "card", "direct_debit", "cheque", "other"])
    method = methods[rng.choice(5, n, p=[0.55, 0.15, 0.2, 0.07, 0.03])]
    channels = np.array(["electronic", "paper"])
    channel = channels[(rng.random(n) < 0.2).astype(int)]
    iso = {}

    def day(o: int) -> str:
        s = iso.get(o)
        if s is None:
            s = dt.date.fromordinal(int(o)).isoformat()
            iso[o] = s
        return s

    with open(a.out, "w", encoding="utf-8", newline="") as f:
        f.write("invoice_id,customer_id,issue_date,due_date,amount,currency,paid_date,disputed,payment_method,channel\n")
        lines = []
        for i in range(n):
            lines.append(
                f"INV-{i + 1:07d},C{customer[i]:06d},{day(issue[i])},{day(due[i])},{amount[i]:.2f},EUR,"
                f"{'' if is_open[i] else day(paid[i])},{disputed[i]},{method[i]},{channel[i]}\n")
            if len(lines) == 100_000:
                f.writelines(lines)
                lines.clear()
        f.writelines(lines)


if __name__ == "__main__":
    main()
