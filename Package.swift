// swift-tools-version:6.0
// Relance: late-payment prediction, anomaly flags and humane collections outreach.
//
// Targets follow the data flow and only depend "down" it:
// CLAPACK → LinearAlgebra → RelanceData → RelanceFeatures → RelanceModels → RelanceScoring
// → RelanceOutreach → RelanceExport / RelanceReport → relance (CLI wiring only).
import PackageDescription

let libm: [LinkerSetting] = [.linkedLibrary("m", .when(platforms: [.linux]))]

let package = Package(
    name: "Relance",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "relance", targets: ["relance"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // MARK: - Numerical foundation
        .systemLibrary(
            name: "CLAPACK", path: "Sources/CLAPACK", pkgConfig: "lapack",
            providers: [.apt(["libblas-dev", "liblapack-dev"])]),
        .target(name: "LinearAlgebra", dependencies: ["CLAPACK"], linkerSettings: libm),

        // MARK: - Data: ingest, validation, column mapping, synthetic histories
        .target(
            name: "RelanceData",
            dependencies: [.product(name: "TOMLKit", package: "TOMLKit")],
            linkerSettings: libm),
        .target(name: "SyntheticData", dependencies: ["RelanceData"], linkerSettings: libm),

        // MARK: - Features: point-in-time payment behaviour
        .target(name: "RelanceFeatures", dependencies: ["RelanceData"], linkerSettings: libm),

        // MARK: - Models: late-payment logistic regression, anomaly detector, bundles
        .target(
            name: "RelanceModels", dependencies: ["LinearAlgebra", "RelanceFeatures"],
            linkerSettings: libm),

        // MARK: - Scoring: open invoices as of a day, reasons, drift
        .target(name: "RelanceScoring", dependencies: ["RelanceModels"], linkerSettings: libm),

        // MARK: - Outreach: contact policy, planner, ledger, messages
        .target(
            name: "RelanceOutreach",
            dependencies: [
                "RelanceScoring",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            resources: [.copy("Resources")],
            linkerSettings: libm),

        // MARK: - Export and report
        .target(
            name: "RelanceExport",
            dependencies: [
                "RelanceOutreach",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            linkerSettings: libm),
        .target(name: "RelanceReport", dependencies: ["RelanceExport"], linkerSettings: libm),

        // MARK: - Command line (wiring only)
        .executableTarget(
            name: "relance",
            dependencies: [
                "SyntheticData", "RelanceReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: libm),

        // MARK: - Tests (one target per library target; add yours here)
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(name: "RelanceDataTests", dependencies: ["RelanceData", "SyntheticData"]),
        .testTarget(name: "SyntheticDataTests", dependencies: ["SyntheticData"]),
        .testTarget(name: "RelanceFeaturesTests", dependencies: ["RelanceFeatures"]),
        .testTarget(name: "RelanceModelsTests", dependencies: ["RelanceModels"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RelanceExportTests", dependencies: ["RelanceExport"]),
        .testTarget(name: "RelanceOutreachTests", dependencies: ["RelanceOutreach"]),
        .testTarget(name: "RelanceReportTests", dependencies: ["RelanceReport", "SyntheticData"]),
        .testTarget(name: "RelanceScoringTests", dependencies: ["RelanceScoring", "RelanceExport", "SyntheticData"]),
        // Runs the built `relance` executable (exit statuses, stderr lines, JSON output).
        .testTarget(name: "RelanceCLITests", dependencies: ["relance"]),
    ],
    swiftLanguageModes: [.v5]
)
