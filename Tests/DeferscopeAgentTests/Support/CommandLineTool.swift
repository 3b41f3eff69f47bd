import DeferscopeWire
import Foundation

/// What a run of the `deferscope` executable printed and how it ended.
struct ToolRun {
    var status: Int32
    var output: String
    var errors: String
}

/// Runs the built `deferscope` with `arguments`, with `XDG_RUNTIME_DIR` = `runtimeDirectory`.
func runDeferscope(_ arguments: [String], runtimeDirectory: String) throws -> ToolRun {
    let process = try startDeferscope(arguments, runtimeDirectory: runtimeDirectory)
    let output = (process.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile()
    let errors = (process.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ToolRun(
        status: process.terminationStatus,
        output: String(decoding: output, as: UTF8.self),
        errors: String(decoding: errors, as: UTF8.self)
    )
}

/// Starts the built `deferscope` with `arguments`; its output goes to pipes.
func startDeferscope(_ arguments: [String], runtimeDirectory: String) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: productsDirectory + "/deferscope")
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["XDG_RUNTIME_DIR"] = runtimeDirectory
    process.environment = environment
    process.standardOutput = Pipe()
    process.standardError = Pipe()
    try process.run()
    return process
}
