import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A private tmux server with one window running a plain shell: commands and keys in, screen
/// text out. Each instance has its own socket, so tests never touch the user's tmux.
struct Tmux {
    static let isAvailable: Bool = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].contains {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// The showcase executable, built next to the test bundle.
    static let check: String = {
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        return String(executable[..<(executable.lastIndex(of: "/") ?? executable.endIndex)])
            + "/DeferscopeTerminalCheck"
    }()

    /// The `deferscope` executable, built next to the test bundle.
    static let deferscope: String = {
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        return String(executable[..<(executable.lastIndex(of: "/") ?? executable.endIndex)]) + "/deferscope"
    }()

    nonisolated(unsafe) static var counter = 0
    static let lock = NSLock()

    let socket: String
    let configuration: String

    init(width: Int, height: Int) throws {
        let number = Tmux.lock.withLock {
            Tmux.counter += 1
            return Tmux.counter
        }
        socket = "deferscope-test-\(getpid())-\(number)"
        configuration = NSTemporaryDirectory() + "/\(socket).conf"
        try "set -g default-terminal tmux-256color\nset -g status off\n".write(
            toFile: configuration,
            atomically: true,
            encoding: .utf8
        )
        try tmux(
            ["-f", configuration, "new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)"]
                + ["env PS1='$ ' bash --norc --noprofile"]
        )
    }

    /// Types `command` at the shell, followed by one that prints its exit status.
    func run(_ command: String) throws {
        try tmux(["send-keys", "-t", "main", "-l", command + "; echo EXITED-$?"])
        try tmux(["send-keys", "-t", "main", "Enter"])
    }

    /// Sends tmux key names (`Down`, `Escape`, `q`), one at a time.
    func keys(_ names: String...) throws {
        for name in names {
            try tmux(["send-keys", "-t", "main", name])
        }
    }

    /// Types `text` as it is: every character, escape sequences included, reaches the program
    /// as bytes (raw mouse reports, for one).
    func literal(_ text: String) throws {
        try tmux(["send-keys", "-t", "main", "-l", text])
    }

    /// The screen's text now with its colours and attributes, as SGR escape sequences.
    func captureWithEscapes() throws -> String {
        try tmux(["capture-pane", "-p", "-e", "-t", "main"])
    }

    /// A tmux format evaluated for the pane (`#{mouse_any_flag}`: whether the program asked for
    /// mouse reports).
    func format(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", "main", format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls `format` until it is `value`, for at most `seconds`.
    func waitFor(format: String, toBe value: String, seconds: Double = 10) throws {
        let deadline = Date().addingTimeInterval(seconds)
        var now = ""
        while Date() < deadline {
            now = try self.format(format)
            if now == value { return }
            usleep(50_000)
        }
        throw TmuxError("\(format) stayed '\(now)', not '\(value)', for \(seconds)s")
    }

    /// A private runtime directory (`XDG_RUNTIME_DIR`), so a test's sockets never mix with
    /// anyone else's.
    static func runtimeDirectory() throws -> String {
        var template = Array((NSTemporaryDirectory() + "/deferscope-e2e-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw TmuxError("mkdtemp failed") }
        return String(cString: made)
    }

    /// Resizes the window.
    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
    }

    /// The screen's text now.
    func capture() throws -> String {
        try tmux(["capture-pane", "-p", "-t", "main"])
    }

    /// Polls the screen until it contains `text` (and not `absent`), for at most `seconds`.
    @discardableResult
    func waitFor(_ text: String, absent: String? = nil, seconds: Double = 30) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if screen.contains(text) && !(absent.map { screen.contains($0) } ?? false) { return screen }
            usleep(50_000)
        }
        throw TmuxError("'\(text)' did not appear within \(seconds)s; the screen was:\n\(screen)")
    }

    /// Ends the server.
    func kill() {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: configuration)
    }

    /// The pid in the showcase's header (`deferscope-check[1234]`).
    static func pid(in screen: String) -> pid_t? {
        guard let start = screen.range(of: "deferscope-check[")?.upperBound,
            let end = screen[start...].firstIndex(of: "]")
        else { return nil }
        return pid_t(screen[start..<end])
    }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let outputPath = NSTemporaryDirectory() + "/\(socket)-\(UInt32.random(in: 0...UInt32.max)).out"
        defer { unlink(outputPath) }
        let status = try Tmux.spawn(["/usr/bin/env", "tmux", "-L", socket] + arguments, output: outputPath)
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw TmuxError("tmux \(arguments.joined(separator: " ")) failed (\(status)): \(text)")
        }
        return text
    }

    /// Starts a program as `spawn` does but does not wait for it; returns its pid.
    static func spawnBackground(_ arguments: [String], output: String) throws -> pid_t {
        try spawn(arguments, output: output, wait: false)
    }

    /// Runs a program with default signal handling and an empty signal mask (the tmux server it
    /// may start lives on, and must not inherit the test runner's blocked signals), output to a
    /// file (a pipe would be held open by the server); returns its exit status.
    static func spawn(_ arguments: [String], output: String, wait: Bool = true) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, arguments[0], &actions, &attributes, &argv, environ)
        guard result == 0 else { throw TmuxError("posix_spawn \(arguments[0]) failed: \(result)") }
        guard wait else { return pid }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}

/// A tmux step that failed, with what was on screen.
struct TmuxError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
