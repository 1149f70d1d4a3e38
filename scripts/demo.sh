#!/usr/bin/env bash
# Runs Relance end to end on the shipped sample data (set-up included) and says where outputs are.
#   scripts/demo.sh [OUT_DIR]     (default: out/demo)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-out/demo}"
AS_OF=2026-11-27
DATA=datasets/sample
mkdir -p "$OUT"

scripts/bootstrap.sh
BIN="$(swift build -c release --show-bin-path)/relance"

echo "== 1. check the input files" >&2
"$BIN" check --invoices "$DATA/invoices.csv" --customers "$DATA/customers.csv" --events "$DATA/events.csv"

echo >&2
echo "Outputs are in $OUT/" >&2
