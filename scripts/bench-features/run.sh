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
"$work/pkg/.build/release/FeaturesBenchmark" "$work/data" "$work/swift" 3 | tee "$work/swift.log"
python3 "$here/pandas_features.py" "$work/data" "$work/pandas" | tee "$work/pandas.log"
python3 "$here/pandas_features.py" "$work/data" "$work/pandas-core" --core
python3 "$here/compare.py" "$work/swift" "$work/pandas"
# The two ratios the issue asks for, best run against best run, with the sizes.
python3 - "$work/swift.log" "$work/pandas.log" "$n" "$c" <<'PY'
import re, sys
swift, pandas = open(sys.argv[1]).read(), open(sys.argv[2]).read()
sw = re.search(r"best run ([0-9.]+) s wall / ([0-9.]+) s CPU", swift)
pd = re.search(r"in ([0-9.]+) s wall / ([0-9.]+) s CPU", pandas)
if not (sw and pd):
    sys.exit("could not read the timings")
sw_wall, sw_cpu, pd_wall, pd_cpu = map(float, (sw[1], sw[2], pd[1], pd[2]))
print(f"features, {int(sys.argv[3]):,} invoices / {int(sys.argv[4]):,} customers: Swift {sw_wall:.3f} s wall, {sw_cpu:.3f} s CPU;"
      f" pandas {pd_wall:.3f} s wall, {pd_cpu:.3f} s CPU")
print(f"speed-up: {pd_wall / sw_wall:.1f}x wall, {pd_cpu / sw_cpu:.1f}x CPU (target >= 10x: {'met' if pd_wall / sw_wall >= 10 else 'NOT met'} on wall time)")
PY
