import DeferscopeWire
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The resident set size of process `pid` in kilobytes, from `/proc/<pid>/status` (`VmRSS`).
func residentKilobytes(of pid: Int32) throws -> Int {
    guard let status = Posix.readText("/proc/\(pid)/status"),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
        let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    else { throw TestAppError("cannot read the resident size of process \(pid)") }
    return kilobytes
}

/// Limits the files process `pid` may write to `bytes` (`RLIMIT_FSIZE`, as `ulimit -f` would), with
/// util-linux's `prlimit` (Glibc's `prlimit()` is not visible to Swift): a write past the limit
/// fails with `EFBIG` (or raises `SIGXFSZ` in a process that does not ignore it).
func limitFileSize(of pid: Int32, to bytes: Int) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/prlimit")
    process.arguments = ["--pid", String(pid), "--fsize=\(bytes):\(bytes)"]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw TestAppError("prlimit --pid \(pid) failed") }
}

/// Runs `arguments` as user and group 65534 (`nobody`) through `setpriv`, with `environment` added.
func runAsNobody(_ arguments: [String], environment extra: [String: String] = [:]) throws -> ToolRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
    process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups"] + arguments
    var environment = ProcessInfo.processInfo.environment
    for (key, value) in extra {
        environment[key] = value
    }
    process.environment = environment
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let printed = output.fileHandleForReading.readDataToEndOfFile()
    let complained = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ToolRun(
        status: process.terminationStatus,
        output: String(decoding: printed, as: UTF8.self),
        errors: String(decoding: complained, as: UTF8.self)
    )
}
