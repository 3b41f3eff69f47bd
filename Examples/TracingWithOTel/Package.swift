// swift-tools-version: 6.2
// An app that exports its Deferreds' spans over OTLP with swift-otel. A separate package, so that
// Deferscope itself never depends on swift-otel. Build and run it from this folder:
// `swift run TracingWithOTel` (see docs/tracing.md).
import PackageDescription

let package = Package(
    name: "TracingWithOTel",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Deferscope, from this checkout. In your own app: .package(url: "https://github.com/…/deferscope.git", …)
        .package(name: "deferscope", path: "../.."),
        .package(url: "https://github.com/swift-otel/swift-otel.git", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
    ],
    targets: [
        .executableTarget(
            name: "TracingWithOTel",
            dependencies: [
                .product(name: "DeferredKit", package: "deferscope"),
                .product(name: "DeferscopeTracing", package: "deferscope"),
                .product(name: "OTel", package: "swift-otel"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
