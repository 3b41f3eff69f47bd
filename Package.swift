// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "deferscope",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "DeferredKit", targets: ["DeferredKit"]),
        .library(name: "DeferscopeWire", targets: ["DeferscopeWire"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2")
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
        .testTarget(
            name: "DeferscopeWireTests",
            dependencies: ["DeferscopeWire"]
        ),
        .testTarget(
            name: "DeferredKitTests",
            dependencies: ["DeferredKit", .product(name: "Logging", package: "swift-log")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
