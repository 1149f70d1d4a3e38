#!/usr/bin/env bash
# Scoring benchmark: `relance score` against the pandas + scikit-learn peer (scripts/bench/peer_score.py)
# doing the same work, once each: read the CSVs + point-in-time features of the open invoices +
# score + write the risk-list CSV. The history (default 1,000,000 invoices over 20 months, which
# leaves about 100,000 open at the as-of day) is generated on demand into bench-data/ (git-ignored),
# and both bundles are trained once on it (not timed).
#
# Usage: scripts/bench-score.sh [invoices] [customers]
# Prints the load average, each side's wall-clock time (whole process: start-up, bundle load,
# read, features, score, write) and stage times, and the ratio. Run it once; the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
customers=${2:-20000}
start=2025-04-01
asof=2026-11-27
data="bench-data/score-$n"

swift build -c release --static-swift-stdlib --product relance >&2
bin="$(swift build -c release --show-bin-path)/relance"

if [ ! -f "$data/invoices.csv" ]; then
    echo "generating $n invoices for $customers customers ($start .. $asof) into $data" >&2
    "$bin" generate --out "$data" --invoices "$n" --customers "$customers" --start "$start" --as-of "$asof"
fi
inputs=(--invoices "$data/invoices.csv" --customers "$data/customers.csv" --events "$data/events.csv")
if [ ! -f "$data/model/model.json" ]; then
    echo "training the relance bundle (not timed)" >&2
    "$bin" train "${inputs[@]}" --as-of "$asof" --out "$data/model" >/dev/null
fi
if [ ! -f "$data/peer/peer_bundle.joblib" ]; then
    echo "training the peer bundle (not timed)" >&2
    python3 scripts/bench/peer_train.py "$data" "$asof" "$data/peer" >/dev/null
fi

now() { date +%s.%N; }
echo "history: $(($(wc -l < "$data/invoices.csv") - 1)) invoices; as of $asof"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

# CPU seconds (user + system) of each process beside the wall clock (GNU time): on a shared,
# loaded machine the wall clock also measures the neighbours.
t0=$(now)
/usr/bin/time -f "%U %S" -o "$data/relance-cpu.txt" \
    "$bin" score --model "$data/model" "${inputs[@]}" --as-of "$asof" --out "$data/risk-relance.csv" 2> "$data/relance-score.log"
t1=$(now)
/usr/bin/time -f "%U %S" -o "$data/peer-cpu.txt" \
    python3 scripts/bench/peer_score.py "$data" "$asof" "$data/peer" "$data/risk-peer.csv" > "$data/peer-score.json"
t2=$(now)

echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E '^(scored|time:)' "$data/relance-score.log" | sed 's/^/relance: /'
echo "peer:    $(cat "$data/peer-score.json")"
echo "open invoices: relance $(($(wc -l < "$data/risk-relance.csv") - 1)), peer $(($(wc -l < "$data/risk-peer.csv") - 1))"
python3 - "$t0" "$t1" "$t2" "$data/relance-cpu.txt" "$data/peer-cpu.txt" <<'PY'
import sys
t0, t1, t2 = map(float, sys.argv[1:4])
rc, pc = (sum(map(float, open(f).read().split()[-2:])) for f in sys.argv[4:6])
r, p = t1 - t0, t2 - t1
for what, a, b in (("wall clock", r, p), ("CPU (user+sys)", rc, pc)):
    print(f"{what}: relance score {a:.2f} s, pandas + scikit-learn peer {b:.2f} s, ratio peer/relance {b / a:.1f}x "
          f"({'under' if a < b / 10 else 'NOT under'} a tenth of the peer)")
PY
