#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian machine (set-up included).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh --no-build
swift build --build-tests 2>&1 | grep -Ev '^\[[0-9]+/[0-9]+\] (Compiling|Emitting|Write|Linking|Planning)' || true
test "${PIPESTATUS[0]}" -eq 0
swift test --skip-build "$@"
