import DeferscopeWire
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The directory the test binaries were built into (`swift test` builds the executables there).
let productsDirectory: String = {
    let executable = Posix.readLink("/proc/self/exe") ?? CommandLine.arguments[0]
    return String(executable[..<(executable.lastIndex(of: "/") ?? executable.endIndex)])
}()

/// A fresh, private runtime directory: the app's socket goes there, and `deferscope` looks there.
func makeRuntimeDirectory() throws -> String {
    var template = Array((NSTemporaryDirectory() + "/deferscope-test-XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else { throw PosixError("mkdtemp") }
    return String(cString: made)
}

/// Deletes a test's directory and what is in it.
func removeDirectory(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
}

/// `DeferscopeTestApp` in a process of its own: commands on stdin, one answer line each.
final class TestApp {
    let process = Process()
    let runtimeDirectory: String
    private let input = Pipe()
    private let output = Pipe()
    private lazy var lines = LineReader(fd: output.fileHandleForReading.fileDescriptor)
    private(set) var pid: Int32 = 0
    private(set) var socketPath = ""

    /// Where the app's socket is (and `deferscope` looks for pids).
    var socketDirectory: String { runtimeDirectory + "/deferscope" }

    /// Starts the app with `XDG_RUNTIME_DIR` = `runtimeDirectory` and waits for it to be ready.
    init(runtimeDirectory: String, environment extra: [String: String] = [:]) throws {
        self.runtimeDirectory = runtimeDirectory
        process.executableURL = URL(fileURLWithPath: productsDirectory + "/DeferscopeTestApp")
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_RUNTIME_DIR"] = runtimeDirectory
        environment["DEFERSCOPE_SOCKET"] = nil
        environment["DEFERSCOPE_RECORD"] = nil
        for (key, value) in extra {
            environment[key] = value
        }
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let ready = try readLine(timeout: 30)
        let words = ready.split(separator: " ")
        guard words.first == "ready", words.count == 3, let pid = Int32(words[1]) else {
            throw TestAppError("the app did not start: \(ready)")
        }
        self.pid = pid
        self.socketPath = String(words[2])
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Sends a command and returns the words of its `ok` answer.
    @discardableResult
    func send(_ command: String, timeout: Double = 60) throws -> [String] {
        try input.fileHandleForWriting.write(contentsOf: Array((command + "\n").utf8))
        let answer = try readLine(timeout: timeout)
        guard answer.hasPrefix("ok") else { throw TestAppError("\(command): \(answer)") }
        return answer.split(separator: " ").dropFirst().map(String.init)
    }

    /// Sends a command whose answer is one number.
    func number(_ command: String) throws -> Int {
        let words = try send(command)
        guard let value = words.first.flatMap({ Int($0) }) else { throw TestAppError("\(command): \(words)") }
        return value
    }

    /// Ends the app and waits for it.
    func quit() throws {
        try send("quit")
        process.waitUntilExit()
    }

    private func readLine(timeout: Double) throws -> String {
        try lines.next(timeout: timeout, what: "the app")
    }
}

struct TestAppError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
