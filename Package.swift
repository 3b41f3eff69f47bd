// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "deferscope",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "DeferredKit", targets: ["DeferredKit"]),
        .library(name: "DeferscopeWire", targets: ["DeferscopeWire"]),
        .library(name: "DeferscopeAgent", targets: ["DeferscopeAgent"]),
        .library(name: "DeferscopeModel", targets: ["DeferscopeModel"]),
        .library(name: "DeferscopeUI", targets: ["DeferscopeUI"]),
        .library(name: "DeferscopeTerminal", targets: ["DeferscopeTerminal"]),
        .library(name: "DeferscopeTracing", targets: ["DeferscopeTracing"]),
        .executable(name: "deferscope", targets: ["deferscope"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
    ],
    targets: [
        .target(
            name: "DeferredKit",
            dependencies: [.product(name: "Logging", package: "swift-log")],
            exclude: ["README.md"]
        ),
        .target(
            name: "DeferscopeWire",
            dependencies: ["DeferredKit"],
            exclude: ["README.md"]
        ),
        .target(
            name: "DeferscopeAgent",
            dependencies: [
                "DeferredKit",
                "DeferscopeWire",
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            exclude: ["README.md"]
        ),
        .target(
            name: "DeferscopeModel",
            dependencies: [
                "DeferscopeWire",
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            exclude: ["README.md"]
        ),
        .target(
            name: "DeferscopeDemo",
            dependencies: ["DeferredKit"],
            exclude: ["README.md"]
        ),
        // Cells, styles, themes, widgets and keys of the dashboard; no ncurses (tested without a terminal).
        .target(
            name: "DeferscopeUI",
            dependencies: ["DeferredKit", "DeferscopeModel"],
            exclude: ["README.md"]
        ),
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"]), .brew(["ncurses"])]
        ),
        .target(
            name: "DeferscopeTerminal",
            dependencies: ["CNcurses", "DeferscopeUI"],
            exclude: ["README.md"]
        ),
        // Optional: turns DeferredKit's events into spans of whatever tracer the app bootstrapped.
        .target(
            name: "DeferscopeTracing",
            dependencies: ["DeferredKit", .product(name: "Tracing", package: "swift-distributed-tracing")],
            exclude: ["README.md"]
        ),
        .executableTarget(
            name: "deferscope",
            dependencies: [
                "DeferredKit",
                "DeferscopeWire",
                "DeferscopeAgent",
                "DeferscopeDemo",
                "DeferscopeModel",
                "DeferscopeUI",
                "DeferscopeTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Driven by the end-to-end tests over stdin: makes Deferreds on command, agent started.
        .executableTarget(
            name: "DeferscopeTestApp",
            dependencies: ["DeferredKit", "DeferscopeAgent"],
            path: "Tests/DeferscopeTestApp"
        ),
        // Driven by the tmux end-to-end tests: a widget showcase drawn in a real terminal.
        .executableTarget(
            name: "DeferscopeTerminalCheck",
            dependencies: ["DeferscopeUI", "DeferscopeTerminal"],
            path: "Tests/DeferscopeTerminalCheck"
        ),
        // Hand-built event sequences, shared by the model's and the views' tests.
        .target(
            name: "DeferscopeModelScript",
            dependencies: ["DeferredKit", "DeferscopeWire", "DeferscopeModel"],
            path: "Tests/DeferscopeModelScript"
        ),
        .testTarget(
            name: "DeferscopeUITests",
            dependencies: ["DeferredKit", "DeferscopeWire", "DeferscopeModel", "DeferscopeUI", "DeferscopeModelScript"]
        ),
        .testTarget(
            name: "DeferscopeTerminalTests",
            dependencies: ["DeferscopeUI", "DeferscopeTerminal", "DeferscopeTerminalCheck", "deferscope"]
        ),
        .testTarget(
            name: "DeferscopeAgentTests",
            dependencies: [
                "DeferredKit", "DeferscopeWire", "DeferscopeAgent", "DeferscopeModel", "DeferscopeTestApp", "deferscope",
            ]
        ),
        .testTarget(
            name: "DeferscopeModelTests",
            dependencies: ["DeferredKit", "DeferscopeWire", "DeferscopeModel", "DeferscopeModelScript"]
        ),
        .testTarget(
            name: "DeferscopeWireTests",
            dependencies: ["DeferredKit", "DeferscopeWire"]
        ),
        .testTarget(
            name: "DeferscopeTracingTests",
            dependencies: [
                "DeferredKit",
                "DeferscopeTracing",
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
            ]
        ),
        .testTarget(
            name: "DeferredKitTests",
            dependencies: ["DeferredKit", .product(name: "Logging", package: "swift-log")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
