// swift-tools-version: 6.1
// Fuzz targets (libFuzzer). Built by `Fuzz/run`, never by `swift build` of the main package: each
// target is a library entry point (`LLVMFuzzerTestOneInput`) that only links with
// `-sanitize=fuzzer`.
import Foundation
import PackageDescription

// The parent package's identity is its folder's name, which differs between clones.
let parent = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let parentIdentity = parent.lastPathComponent.lowercased()

let package = Package(
    name: "DeferscopeFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "..")],
    targets: [
        // libFuzzer's driver, shared by the targets.
        .target(name: "FuzzDriver"),
        // The client's decoder: any bytes from a socket, through frames, into a model's updates.
        .executableTarget(
            name: "FuzzFrameDecoder",
            dependencies: ["FuzzDriver", .product(name: "DeferscopeWire", package: parentIdentity)]
        ),
        // The agent's side: any bytes a client sends, as the agent reads them.
        .executableTarget(
            name: "FuzzAgentCommands",
            dependencies: ["FuzzDriver", .product(name: "DeferscopeWire", package: parentIdentity)]
        ),
        // A recording file of any content.
        .executableTarget(
            name: "FuzzRecordingReader",
            dependencies: ["FuzzDriver", .product(name: "DeferscopeWire", package: parentIdentity)]
        ),
        // A theme file of any content.
        .executableTarget(
            name: "FuzzThemeParser",
            dependencies: ["FuzzDriver", .product(name: "DeferscopeUI", package: parentIdentity)]
        ),
        // A filter of any text, as typed into a list view.
        .executableTarget(
            name: "FuzzFilterParser",
            dependencies: ["FuzzDriver", .product(name: "DeferscopeModel", package: parentIdentity)]
        ),
    ],
    swiftLanguageModes: [.v6]
)
