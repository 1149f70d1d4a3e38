#!/usr/bin/env bash
# Ingest benchmark: `relance check --invoices FILE` against pandas.read_csv (3 date columns parsed)
# on the same canonical invoices.csv. Prints both times, the ratio and peak memory vs file size.
#
# usage: scripts/bench-ingest.sh [ROWS]      (default 1000000; data is generated once into bench-data/)
# Requirements: python3 with numpy and pandas; hyperfine if present (else /usr/bin/time is used).
# Target (issue): relance at least 3x faster than pandas, peak RSS at most 2x the file size.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1000000}"
mkdir -p bench-data
FILE="bench-data/invoices-${ROWS}.csv"
if [ ! -s "$FILE" ]; then
    echo "generating $FILE ..."
    python3 scripts/bench/make_invoices.py "$ROWS" "$FILE"
fi
SIZE=$(stat -c %s "$FILE")
echo "file: $FILE ($ROWS rows, $((SIZE / 1024 / 1024)) MiB)"

echo "building release ..."
swift build -c release --static-swift-stdlib --product relance 2>&1 | grep -E "error|warning: unre|Compiling|Build" | tail -3
BIN="$(swift build -c release --show-bin-path)/relance"

"$BIN" check --invoices "$FILE" | head -3

# Timing: mean of several runs after a warm-up (the file is in the page cache for both tools).
if command -v hyperfine >/dev/null; then
    hyperfine --warmup 1 --runs 5 --export-json bench-data/ingest-hyperfine.json \
        -n relance "$BIN check --invoices $FILE" \
        -n pandas "python3 scripts/bench/pandas_read.py $FILE"
    read -r T_RELANCE T_PANDAS C_RELANCE C_PANDAS < <(python3 -c "
import json; r = {x['command']: x for x in json.load(open('bench-data/ingest-hyperfine.json'))['results']}
print(r['relance']['mean'], r['pandas']['mean'], r['relance']['user'] + r['relance']['system'], r['pandas']['user'] + r['pandas']['system'])")
else
    t() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }
    T_RELANCE=$(t "$BIN" check --invoices "$FILE")
    T_PANDAS=$(t python3 scripts/bench/pandas_read.py "$FILE")
    C_RELANCE=0
    C_PANDAS=0
fi

# Peak memory (max RSS) of one run each.
rss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {print $2}'; }
RSS_RELANCE=$(rss "$BIN" check --invoices "$FILE")
RSS_PANDAS=$(rss python3 scripts/bench/pandas_read.py "$FILE")

python3 - "$T_RELANCE" "$T_PANDAS" "$C_RELANCE" "$C_PANDAS" "$RSS_RELANCE" "$RSS_PANDAS" "$SIZE" <<'PY'
import sys
tr, tp, cr, cp, rr, rp, size = map(float, sys.argv[1:])
print(f"relance check : {tr:.3f} s wall, {cr:.3f} s CPU, peak RSS {rr / 1024:.0f} MiB ({rr * 1024 / size:.2f}x file size)")
print(f"pandas        : {tp:.3f} s wall, {cp:.3f} s CPU, peak RSS {rp / 1024:.0f} MiB ({rp * 1024 / size:.2f}x file size)")
cpu = f", CPU-time ratio {cp / cr:.2f}x" if cr > 0 else ""
print(f"speed-up      : {tp / tr:.2f}x wall (target >= 3x){cpu}")
print(f"memory        : target <= 2x file size: {'met' if rr * 1024 <= 2 * size else 'NOT met'}")
print("note: on a shared machine wall times include waiting for a core; the CPU-time ratio is steadier.")
PY
