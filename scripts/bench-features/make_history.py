#!/usr/bin/env python3
"""Writes a seeded synthetic invoice history as raw little-endian columns for the features benchmark.

Usage: make_history.py OUT_DIR [N_INVOICES] [N_CUSTOMERS]
Columns: customer.i32, issue.i32, due.i32, paid.i32 (INT32_MIN = open), amount.f64,
method.u8, channel.u8; days are days since 1970-01-01. The same files feed the Swift
benchmark and the pandas peer, so both compute features of exactly the same history.
"""
import os
import sys

import numpy as np

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
c = int(sys.argv[3]) if len(sys.argv) > 3 else 20_000
rng = np.random.default_rng(20261129)
os.makedirs(out, exist_ok=True)

base = 18993  # 2022-01-01
customer = rng.integers(0, c, n).astype(np.int32)
propensity = rng.integers(-10, 41, c)
issue = (base + rng.integers(0, 3 * 365, n)).astype(np.int32)
terms = rng.choice(np.array([0, 15, 30, 30, 45, 60]), n)
due = (issue + terms).astype(np.int32)
u = rng.integers(0, 100, n)
delay = propensity[customer] + rng.integers(-15, 31, n)
paid = np.maximum(issue, due + delay)
paid = np.where(u < 88, paid, np.iinfo(np.int32).min).astype(np.int32)
paid = np.where((u >= 85) & (u < 88), issue, paid).astype(np.int32)
amount = rng.integers(1_000, 500_001, n).astype(np.float64) / 100
method = rng.integers(0, 6, n).astype(np.uint8)
channel = rng.integers(0, 3, n).astype(np.uint8)

for name, arr in [("customer.i32", customer), ("issue.i32", issue), ("due.i32", due), ("paid.i32", paid),
                  ("amount.f64", amount), ("method.u8", method), ("channel.u8", channel)]:
    arr.tofile(os.path.join(out, name))
print(f"{n} invoices, {c} customers, {(paid == np.iinfo(np.int32).min).sum()} open -> {out}")
