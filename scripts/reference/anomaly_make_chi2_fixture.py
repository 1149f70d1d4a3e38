#!/usr/bin/env python3
"""Reference values of the chi-square CDF, survival function and quantiles for the anomaly tests.

Writes Tests/RelanceModelsTests/Fixtures/anomaly_chi2_reference.csv with columns
kind,df,x,value where kind is cdf (P[X<=x]), sf (P[X>x]) or ppf (x is the probability).
Made with scipy.stats.chi2 (scipy 1.17.1, numpy 2.4.6, Python 3.11.7):
    python3 scripts/reference/anomaly_make_chi2_fixture.py
Values are printed with repr() (17 significant digits) so nothing is lost in the file.
"""
import csv
import os
from scipy.stats import chi2

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "Tests", "RelanceModelsTests", "Fixtures", "anomaly_chi2_reference.csv")

rows = []
for df in [1, 2, 3, 4, 5, 7, 8, 10, 13, 14, 20, 30]:
    for x in [1e-6, 0.01, 0.1, 0.5, 1.0, 2.0, 3.5, 5.0, 7.5, 10.0, 15.0, 20.0, 30.0, 45.0, 60.0, 100.0, 200.0]:
        rows.append(("cdf", df, x, float(chi2.cdf(x, df))))
        rows.append(("sf", df, x, float(chi2.sf(x, df))))
    for q in [0.025, 0.5, 0.9, 0.975, 0.99, 0.999, 0.9999]:
        rows.append(("ppf", df, q, float(chi2.ppf(q, df))))

with open(OUT, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["kind", "df", "x", "value"])
    for kind, df, x, v in rows:
        w.writerow([kind, df, repr(float(x)), repr(v)])
print(f"wrote {len(rows)} rows to {os.path.normpath(OUT)}")
