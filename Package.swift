// swift-tools-version: 6.1
import PackageDescription

/// One set of settings for every target: Swift 6 language mode plus the upcoming features we rely on.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "foyer",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "foyer", targets: ["foyer"]),
        .library(name: "FoyerText", targets: ["FoyerText"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        // Tiny entry point: hands the command line to FoyerApp.
        .executableTarget(
            name: "foyer",
            dependencies: ["FoyerApp"],
            swiftSettings: swiftSettings
        ),
        // Composition root: configuration, wiring, CLI commands, the service group, the demo generator.
        .target(
            name: "FoyerApp",
            dependencies: [
                "FoyerCore", "FoyerSQLite", "FoyerWeb", "FoyerText", "FoyerConnectors",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        // HTTP: routes, request contexts, auth, HTML pages (Mustache), JSON API, health and metrics.
        .target(
            name: "FoyerWeb",
            dependencies: [
                "FoyerCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        // Domain types, rules and services; repository and other ports. Depends on Foundation only.
        .target(
            name: "FoyerCore",
            swiftSettings: swiftSettings
        ),
        // GRDB adapter: migrations, repositories, FTS5 search, online backup. The default storage.
        .target(
            name: "FoyerSQLite",
            dependencies: [
                "FoyerCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // Platform adapters, one folder per platform, plus the shared machinery: an HTTP client that honours
        // rate limits, webhook signatures, the private-network guard for user-given URLs.
        .target(
            name: "FoyerConnectors",
            dependencies: [
                "FoyerCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Offline language analysis: language, sentiment, toxicity, spam, intent. No dependency.
        .target(
            name: "FoyerText",
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        // Real local servers for tests (Matrix Synapse from PyPI) and loopback fakes of platform APIs.
        // Light on dependencies so connector tests build without the web layer.
        .target(
            name: "FoyerTestServers",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                // Header names in the platform fakes.
                .product(name: "HTTPTypes", package: "swift-http-types"),
                // HMAC-SHA1 for Synapse's shared-secret registration.
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Fixtures, builders, fakes and local test servers shared by the test targets.
        .target(
            name: "FoyerTestSupport",
            dependencies: [
                "FoyerCore", "FoyerSQLite", "FoyerWeb", "FoyerTestServers",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                // AES-GCM for the test credential sealer.
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        // Scores FoyerText on labelled data (not shipped): `swift run foyer-text-eval --data <nlp folder>`.
        .executableTarget(
            name: "foyer-text-eval",
            dependencies: ["FoyerText"],
            swiftSettings: swiftSettings
        ),
        // Measures ingest, the inbox at scale and webhooks against the design's targets (not shipped):
        // `Benchmarks/ingest.sh`.
        .executableTarget(
            name: "foyer-bench",
            dependencies: [
                "FoyerApp", "FoyerCore", "FoyerSQLite", "FoyerConnectors", "FoyerTestServers",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "FoyerCoreTests", dependencies: ["FoyerCore"], swiftSettings: swiftSettings),
        // Connectors against loopback fakes that speak each platform's documented API, and a real Synapse.
        .testTarget(
            name: "FoyerConnectorsTests",
            dependencies: [
                "FoyerConnectors", "FoyerTestServers",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FoyerTextTests", dependencies: ["FoyerText"], exclude: ["Fixtures"], swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FoyerSQLiteTests",
            dependencies: ["FoyerSQLite", "FoyerTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FoyerWebTests",
            dependencies: [
                "FoyerWeb", "FoyerTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FoyerAppTests",
            dependencies: [
                "FoyerApp", "FoyerTestSupport", "FoyerTestServers", "FoyerConnectors",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Drives the real app in headless Chromium over WebDriver; skips when chromedriver is absent.
        .testTarget(
            name: "FoyerBrowserTests",
            dependencies: [
                "FoyerApp", "FoyerTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
