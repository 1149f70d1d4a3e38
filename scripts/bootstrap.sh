#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian machine: system packages, then a release build.
#   scripts/bootstrap.sh            install what is missing, then `swift build -c release --static-swift-stdlib`
#   (the Swift runtime and Foundation linked in: the binary runs without the toolchain's shared
#   libraries and a daily `relance score` is 5-7% faster; every script builds release this way,
#   since building without the flag would rebuild everything)
#   scripts/bootstrap.sh --no-build only install
# BLAS choice: we install OpenBLAS (libopenblas0-pthread) beside the reference libblas/liblapack.
# Debian's alternatives then point libblas.so.3/liblapack.so.3 at OpenBLAS, which forms XᵀWX about
# 6x faster than reference BLAS (see README, "Performance"). Results agree to ~1e-9.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in libblas-dev liblapack-dev libopenblas0-pthread libsqlite3-dev pkg-config; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "bootstrap: installing ${need[*]}" >&2
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "bootstrap: swift is not on PATH; install Swift 6.3 from swift.org first" >&2
  exit 1
fi

if [ "${1:-}" != "--no-build" ]; then
  echo "bootstrap: building (release)…" >&2
  swift build -c release --static-swift-stdlib 2>&1 | grep -Ev '^\[[0-9]+/[0-9]+\]' >&2 || true
  test "${PIPESTATUS[0]}" -eq 0
fi
