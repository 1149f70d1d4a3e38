#!/usr/bin/env bash
# Times one LogisticRegression.fit on a synthetic design (default n=1,000,000, p=30).
# Builds a small optimised executable straight from the LinearAlgebra and logistic sources with
# swiftc -O (no release build of the whole package), runs it once.
# Usage: scripts/bench_logistic_fit.sh [rows] [columns]
# BLAS: whatever Debian's alternatives select (OpenBLAS when libopenblas is installed); force the
# reference BLAS with LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/blas:/usr/lib/x86_64-linux-gnu/lapack.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${TMPDIR:-/tmp}/relance-bench-logistic"
mkdir -p "$out"
swiftc -O -parse-as-library -module-name LinearAlgebra -emit-module -emit-module-path "$out/LinearAlgebra.swiftmodule" \
  -emit-library -static -o "$out/libLinearAlgebra.a" -I Sources/CLAPACK Sources/LinearAlgebra/*.swift
swiftc -O -parse-as-library -module-name LogisticBench -I "$out" -I Sources/CLAPACK -L "$out" -lLinearAlgebra -llapack -lblas \
  -o "$out/logistic-bench" scripts/bench/logistic_fit_main.swift Sources/RelanceModels/ModelError.swift \
  Sources/RelanceModels/Logistic/*.swift
readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 || true
"$out/logistic-bench" "${1:-1000000}" "${2:-30}"
