#!/usr/bin/env python3
"""The pandas peer of `relance check --invoices FILE`: read the CSV with its three date columns parsed.

usage: pandas_read.py FILE
"""
import sys

import pandas as pd

df = pd.read_csv(sys.argv[1], parse_dates=["issue_date", "due_date", "paid_date"])
print(f"{len(df)} rows, {int(df['paid_date'].isna().sum())} open")
