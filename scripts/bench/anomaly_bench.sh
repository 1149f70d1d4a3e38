#!/usr/bin/env bash
# Times the anomaly pipeline (features → FastMCD fit → assess) on a synthetic book.
#
# The library sources involved are compiled with the benchmark driver into ONE optimised module
# (swiftc -O), so no release build of the whole package is needed and Package.swift is untouched.
# Usage: scripts/bench/anomaly_bench.sh [customers=20000] [months=50] [features.csv truth.csv]
#        scripts/bench/anomaly_bench.sh --csv invoices.csv truth/anomalies.csv [features.csv truth-copy.csv]
#   20000 customers × 50 months ≈ 1M invoices. With the two paths, the feature matrix and the
#   injected anomalies are written for scripts/bench/anomaly_peer.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${TMPDIR:-/tmp}/relance-anomaly-bench"
mkdir -p "$out"
swiftc -O -wmo -module-name AnomalyBench -o "$out/anomaly_bench" \
  -I Sources/CLAPACK -llapack -lblas -lm \
  Sources/LinearAlgebra/*.swift \
  Sources/RelanceData/Model/*.swift Sources/RelanceData/Output/*.swift \
  Sources/RelanceFeatures/Anomaly*.swift \
  Sources/RelanceModels/Anomaly/*.swift \
  scripts/bench/anomaly_bench/main.swift
if [ "${1:-}" = "--csv" ]; then
  "$out/anomaly_bench" "$@"
else
  "$out/anomaly_bench" "${1:-20000}" "${2:-50}" ${3:+"$3"} ${4:+"$4"}
fi
