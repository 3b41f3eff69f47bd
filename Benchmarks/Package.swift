// swift-tools-version: 6.1
// The benchmarks live in their own package so that `swift test` at the top never builds the
// harness. Run them from this folder: `swift package benchmark`.
import Foundation
import PackageDescription

// The parent package's identity is its folder's name, which differs between clones.
let parent = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let parentIdentity = parent.lastPathComponent.lowercased()

let package = Package(
    name: "DeferscopeBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
    ],
    targets: [
        .executableTarget(
            name: "DeferredKitBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "DeferredKit", package: parentIdentity),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            path: "Benchmarks/DeferredKitBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // DeferscopeTracing's cost per Deferred: none, not bootstrapped, a no-op and an in-memory tracer.
        .executableTarget(
            name: "TracingBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "DeferredKit", package: parentIdentity),
                .product(name: "DeferscopeTracing", package: parentIdentity),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
            ],
            path: "Benchmarks/TracingBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "DeferredKitMemory",
            dependencies: [.product(name: "DeferredKit", package: parentIdentity), "MeasureSupport"],
            path: "Benchmarks/DeferredKitMemory"
        ),
        .executableTarget(
            name: "DeferredKitProfile",
            dependencies: [.product(name: "DeferredKit", package: parentIdentity)],
            path: "Benchmarks/DeferredKitProfile"
        ),
        // The agent's cost to the app (harness) and its throughput to one client (a plain
        // executable: a trial runs for seconds and counts what a separate client process got).
        .target(
            name: "AgentBenchmarkSupport",
            dependencies: [
                .product(name: "DeferredKit", package: parentIdentity),
                .product(name: "DeferscopeAgent", package: parentIdentity),
                .product(name: "DeferscopeWire", package: parentIdentity),
            ],
            path: "Benchmarks/AgentBenchmarkSupport"
        ),
        .executableTarget(
            name: "AgentBenchmarks",
            dependencies: [
                "AgentBenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "DeferscopeAgent", package: parentIdentity),
            ],
            path: "Benchmarks/AgentBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "AgentThroughput",
            dependencies: [
                "AgentBenchmarkSupport",
                .product(name: "DeferscopeAgent", package: parentIdentity),
            ],
            path: "Benchmarks/AgentThroughput"
        ),
        // The model: ingest rate, memory per tracked Deferred, windows and filters over a million
        // (a plain executable: it measures the resident set, which a harness would disturb).
        .executableTarget(
            name: "ModelBenchmarks",
            dependencies: [
                .product(name: "DeferscopeModel", package: parentIdentity),
                .product(name: "DeferscopeWire", package: parentIdentity),
                "MeasureSupport",
                "ModelFixtureSupport",
            ],
            path: "Benchmarks/ModelBenchmarks"
        ),
        // What the plain benchmark executables read off the process (memory, CPU time).
        // The soak test's checking client (scripts/soak): no event lost without being reported.
        .executableTarget(
            name: "SoakClient",
            dependencies: [
                .product(name: "DeferredKit", package: parentIdentity),
                .product(name: "DeferscopeWire", package: parentIdentity),
            ],
            path: "Benchmarks/SoakClient"
        ),
        .target(name: "MeasureSupport", path: "Benchmarks/MeasureSupport"),
        // An attached, empty model for the model's and the dashboard's benchmarks.
        .target(
            name: "ModelFixtureSupport",
            dependencies: [
                .product(name: "DeferscopeModel", package: parentIdentity),
                .product(name: "DeferscopeWire", package: parentIdentity),
            ],
            path: "Benchmarks/ModelFixtureSupport"
        ),
        // One dashboard frame's cost with 1,000 and 1,000,000 live Deferreds (a plain executable).
        .executableTarget(
            name: "UIBenchmarks",
            dependencies: [
                .product(name: "DeferredKit", package: parentIdentity),
                .product(name: "DeferscopeModel", package: parentIdentity),
                .product(name: "DeferscopeUI", package: parentIdentity),
                .product(name: "DeferscopeWire", package: parentIdentity),
                "MeasureSupport",
                "ModelFixtureSupport",
            ],
            path: "Benchmarks/UIBenchmarks"
        ),
    ],
    swiftLanguageModes: [.v6]
)
