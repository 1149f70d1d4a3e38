#!/usr/bin/env bash
# Features benchmark: Swift (release) vs the pandas peer on the same synthetic history.
#   scripts/bench-features/run.sh [N_INVOICES] [N_CUSTOMERS]     (default 1,000,000 / 20,000)
# Each side runs 3 times and reports its fastest run (wall and CPU time; the machine is shared,
# CPU time is the fairer figure).
# Builds RelanceData + RelanceFeatures + a small driver in a throw-away package under $WORK (the
# project's Package.swift is not touched), runs both sides, and cross-checks the feature columns.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
n="${1:-1000000}"; c="${2:-20000}"
work="${WORK:-${TMPDIR:-/tmp}/relance-bench-features}"
mkdir -p "$work/pkg/Sources"
ln -sfn "$repo/Sources/RelanceData" "$work/pkg/Sources/RelanceData"
ln -sfn "$repo/Sources/RelanceFeatures" "$work/pkg/Sources/RelanceFeatures"
ln -sfn "$here/FeaturesBenchmark" "$work/pkg/Sources/FeaturesBenchmark"
data_deps=""; pkg_deps=""
if grep -rqs "import TOMLKit" "$repo/Sources/RelanceData"; then
  pkg_deps='.package(path: "'"$repo"'/.build/checkouts/TOMLKit"),'
  data_deps='.product(name: "TOMLKit", package: "TOMLKit")'
fi
cat > "$work/pkg/Package.swift" <<SWIFT
// swift-tools-version:6.0
import PackageDescription
let package = Package(
    name: "RelanceFeaturesBenchmark",
    dependencies: [$pkg_deps],
    targets: [
        .target(name: "RelanceData", dependencies: [$data_deps]),
        .target(name: "RelanceFeatures", dependencies: ["RelanceData"]),
        .executableTarget(name: "FeaturesBenchmark", dependencies: ["RelanceFeatures"]),
    ],
    swiftLanguageModes: [.v5]
)
SWIFT
python3 "$here/make_history.py" "$work/data" "$n" "$c"
(cd "$work/pkg" && swift build -c release --product FeaturesBenchmark 2>&1 | tail -1)
"$work/pkg/.build/release/FeaturesBenchmark" "$work/data" "$work/swift" 3
python3 "$here/pandas_features.py" "$work/data" "$work/pandas"
python3 "$here/pandas_features.py" "$work/data" "$work/pandas-core" --core
python3 "$here/compare.py" "$work/swift" "$work/pandas"
