#!/usr/bin/env bash
# Runs Relance end to end on the shipped sample data (set-up included) and says where outputs are.
#   scripts/demo.sh [OUT_DIR]     (default: out/demo)
#
# Steps: check → features → train → score (CSV, XLSX, JSON) → init a configuration → plan (with
# its own contact ledger) → report (HTML, and a PNG when Chromium is available or installable) →
# the daily job run twice, to show that a second run the same day changes nothing.
# Every run starts from an empty OUT_DIR (it is deleted first), so the ledger is always fresh.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
OUT="${1:-out/demo}"
AS_OF=2026-11-27
DATA=datasets/sample
DATA_IN=(--invoices "$DATA/invoices.csv" --customers "$DATA/customers.csv" --events "$DATA/events.csv")

case "$OUT" in /|.|..|"") echo "demo: refusing to use $OUT as the output folder" >&2; exit 2 ;; esac
rm -rf "$OUT"
mkdir -p "$OUT"

scripts/bootstrap.sh
BIN="$(swift build -c release --show-bin-path)/relance"
step() { printf '\n== %s\n' "$*" >&2; }

step "1. check the input files"
"$BIN" check "${DATA_IN[@]}"

step "2. point-in-time features (what the model sees), to $OUT/features.csv"
"$BIN" features "${DATA_IN[@]}" --as-of "$AS_OF" --out "$OUT/features.csv"

step "3. train the models on the history known at $AS_OF, into $OUT/model"
"$BIN" train "${DATA_IN[@]}" --as-of "$AS_OF" --out "$OUT/model" --anomaly-truth "$DATA/truth/anomalies.csv"
if [ -d models/demo ]; then
  echo "(models/demo is the shipped bundle, see its MODEL_CARD.md; this run trained its own in $OUT/model)" >&2
fi

step "4. score the invoices open at $AS_OF: risk list as CSV, XLSX and JSON (reasons in English)"
for fmt in csv xlsx json; do
  "$BIN" score --model "$OUT/model" "${DATA_IN[@]}" --as-of "$AS_OF" --language en --format "$fmt" --out "$OUT/risk.$fmt" 2>"$OUT/score-$fmt.log"
done
tail -n 2 "$OUT/score-csv.log" >&2

step "5. write a starter configuration and the fr/en templates into $OUT/config"
"$BIN" init "$OUT/config"
# A demo company instead of the placeholders (edit relance.toml the same way for yours).
sed -i -e 's/^name = "Your Company"/name = "Atelier Lumière (demo)"/' -e 's/^name = "Your Name"/name = "Camille Martin"/' \
  "$OUT/config/relance.toml"

step "6. plan the day's outreach (JSON risk list: reasons keep their shareable flag), ledger $OUT/ledger.sqlite"
"$BIN" plan --risk "$OUT/risk.json" "${DATA_IN[@]}" --config "$OUT/config/relance.toml" \
  --ledger "$OUT/ledger.sqlite" --as-of "$AS_OF" --out "$OUT/plan"

step "7. the HTML report (model, portfolio, worklist), to $OUT/report.html"
"$BIN" report --model "$OUT/model" --risk "$OUT/risk.json" --plan "$OUT/plan" --ledger "$OUT/ledger.sqlite" \
  --config "$OUT/config/relance.toml" "${DATA_IN[@]}" --as-of "$AS_OF" --language en --out "$OUT/report.html"
png=""
if command -v chromium >/dev/null 2>&1 || command -v apt-get >/dev/null 2>&1; then
  if scripts/render-report.sh "$OUT/report.html" "$OUT/report.png"; then png="$OUT/report.png"; fi
else
  echo "(no chromium and no apt-get: skipping the PNG rendering)" >&2
fi

step "8. the daily job (score → plan → exports → report in one command), run twice for $AS_OF"
cat >> "$OUT/config/relance.toml" <<EOF

[daily]
invoices = "$ROOT/$DATA/invoices.csv"
customers = "$ROOT/$DATA/customers.csv"
events = "$ROOT/$DATA/events.csv"
model = "../model"
ledger = "daily-ledger.sqlite"
out_dir = "../daily"
language = "fr"
EOF
"$BIN" daily --config "$OUT/config/relance.toml" --as-of "$AS_OF" 2>"$OUT/daily-1.log" | tee "$OUT/daily-1.txt"
( cd "$OUT/daily" && find . -type f | LC_ALL=C sort | xargs sha256sum ) > "$OUT/daily-1.sha256"
"$BIN" daily --config "$OUT/config/relance.toml" --as-of "$AS_OF" 2>"$OUT/daily-2.log" > "$OUT/daily-2.txt"
( cd "$OUT/daily" && find . -type f | LC_ALL=C sort | xargs sha256sum ) > "$OUT/daily-2.sha256"
if cmp -s "$OUT/daily-1.sha256" "$OUT/daily-2.sha256" && cmp -s "$OUT/daily-1.txt" "$OUT/daily-2.txt"; then
  echo "second run: identical files, same run id, nothing recorded twice" >&2
else
  echo "demo: the second daily run changed something:" >&2
  diff "$OUT/daily-1.sha256" "$OUT/daily-2.sha256" >&2 || true
  diff "$OUT/daily-1.txt" "$OUT/daily-2.txt" >&2 || true
  exit 1
fi

step "Outputs"
cat >&2 <<EOF
  features        $OUT/features.csv
  model bundle    $OUT/model/model.json  (card: $OUT/model/MODEL_CARD.md)
  risk list       $OUT/risk.csv  $OUT/risk.xlsx  $OUT/risk.json
  configuration   $OUT/config/relance.toml  (templates in $OUT/config/templates/)
  plan            $OUT/plan/plan.csv  $OUT/plan/calls.csv  $OUT/plan/outbox/*.eml
  contact ledger  $OUT/ledger.sqlite
  report          $OUT/report.html${png:+  (screenshot $png)}
  daily job       $OUT/daily/$AS_OF/  (ledger $OUT/config/daily-ledger.sqlite)
EOF
