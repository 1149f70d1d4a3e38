#!/usr/bin/env bash
# Benchmark: `relance train` end to end vs the pandas + scikit-learn peer (scripts/bench/peer_train.py)
# on the same generated history, same as-of day, same split and penalty.
#
#   scripts/bench-train.sh [N_INVOICES] [N_CUSTOMERS]      (defaults 1000000 20000)
#
# Generates the data once into bench-data/ (git-ignored), builds relance in release mode, runs each
# pipeline once under /usr/bin/time -v and prints wall times, peak RSS, their ratios, per-stage
# times of both and both held-out ROC-AUCs. Run it on a quiet machine: the load average at the
# start is printed with the figures. Installs pandas/scikit-learn with pip only if missing.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-1000000}
C=${2:-20000}
AS_OF=2026-11-27
DATA=bench-data/train-$N-$C
OUT=bench-data/train-$N-$C-out
mkdir -p "$OUT"

if ! python3 -c 'import pandas, sklearn, joblib' 2>/dev/null; then
    echo "installing pandas and scikit-learn for the peer pipeline…" >&2
    python3 -m pip install --quiet pandas scikit-learn joblib
fi

echo "building relance (release)…" >&2
swift build -c release --static-swift-stdlib --product relance >/dev/null
RELANCE=$(swift build -c release --show-bin-path)/relance

if [ ! -f "$DATA/invoices.csv" ]; then
    echo "generating $N invoices for $C customers into $DATA…" >&2
    "$RELANCE" generate --out "$DATA" --invoices "$N" --customers "$C" --as-of "$AS_OF"
fi

LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load average before the runs: $LOAD" >&2

echo "running relance train…" >&2
/usr/bin/time -v "$RELANCE" train --invoices "$DATA/invoices.csv" --customers "$DATA/customers.csv" \
    --events "$DATA/events.csv" --as-of "$AS_OF" --out "$OUT/relance-bundle" --format json \
    >"$OUT/relance.json" 2>"$OUT/relance.time"

echo "running the pandas + scikit-learn peer…" >&2
/usr/bin/time -v python3 scripts/bench/peer_train.py "$DATA" "$AS_OF" "$OUT/peer-bundle" \
    >"$OUT/peer.json" 2>"$OUT/peer.time"

python3 - "$OUT" "$N" "$C" "$LOAD" <<'PY'
import json, re, sys
out, n, c, load = sys.argv[1:5]

def timing(path):
    text = open(path).read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.+)", text).group(1).strip()
    parts = [float(p) for p in wall.split(":")]
    seconds = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    return seconds, rss_kb / 1024

r = json.load(open(f"{out}/relance.json"))
p = json.load(open(f"{out}/peer.json"))
rw, rm = timing(f"{out}/relance.time")
pw, pm = timing(f"{out}/peer.time")
print(f"train benchmark: {int(n):,} invoices, {int(c):,} customers (load average at start: {load})")
print(f"  {'':18} {'relance':>10} {'pandas+sklearn':>15} {'ratio':>8}")
print(f"  {'wall seconds':18} {rw:10.2f} {pw:15.2f} {pw / rw:7.1f}x")
print(f"  {'peak RSS (MiB)':18} {rm:10.0f} {pm:15.0f} {rm / pm:8.2f}")
print("  relance stages (s): " + ", ".join(f"{k} {v:.2f}" for k, v in r["seconds"].items()))
print("  peer stages (s):    " + ", ".join(f"{k} {v:.2f}" for k, v in p["seconds"].items()))
pm_ = p["metrics"]
print(f"  held-out ROC-AUC:   relance {r['roc_auc']:.4f} (baseline {r['baseline_roc_auc']:.4f}, n_test {r['n_test']})"
      f" | peer {pm_['roc_auc']:.4f} (baseline {pm_['baseline_roc_auc']:.4f}, n_test {pm_['n_test']})")
print(f"  held-out PR-AUC:    relance {r['pr_auc']:.4f} | peer {pm_['pr_auc']:.4f}")
print(f"  bars: speed >= 10x: {'met' if pw / rw >= 10 else 'NOT met'}; memory <= 1/2: {'met' if rm <= pm / 2 else 'NOT met'}")
PY
