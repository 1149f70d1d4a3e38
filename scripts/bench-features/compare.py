#!/usr/bin/env python3
"""Compares the feature columns written by the Swift benchmark and by the pandas peer."""
import os
import sys

import numpy as np

swift_dir, pandas_dir = sys.argv[1], sys.argv[2]
worst = 0.0
for name in sorted(os.listdir(pandas_dir)):
    a = np.fromfile(os.path.join(swift_dir, name))
    b = np.fromfile(os.path.join(pandas_dir, name))
    if len(a) != len(b) or np.isnan(a).any() or np.isnan(b).any():
        diff = float("inf")
    else:
        diff = np.max(np.abs(a - b) / np.maximum(1.0, np.abs(b))) if len(a) else 0.0
    worst = max(worst, diff)
    print(f"{name[:-4]:34s} max relative difference {diff:.3g}")
print(f"worst {worst:.3g}")
sys.exit(0 if worst < 1e-9 else 1)
