import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `deferscope demo` and `deferscope replay` in a real terminal: tmux runs them, types keys,
/// and reads the screen back. The demo is a real process attached over its real socket.
@Suite("Dashboard end to end (tmux)", .enabled(if: Tmux.isAvailable, "tmux is not installed"), .serialized)
struct DashboardEndToEndTests {
    /// A private runtime directory, so the test's sockets never mix with anyone else's.
    private func runtimeDirectory() throws -> String {
        var template = Array((NSTemporaryDirectory() + "/deferscope-e2e-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw TmuxError("mkdtemp failed") }
        return String(cString: made)
    }

    @Test("demo: the stuck leaf, the deadlock, filter, cancel, help, resize, and q stops the demo app")
    func demo() throws {
        let directory = try runtimeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tmux = try Tmux(width: 120, height: 30)
        defer { tmux.kill() }
        try tmux.run("XDG_RUNTIME_DIR=\(directory) \(Tmux.deferscope) demo --seed 7")
        var screen = try tmux.waitFor("DEADLOCK #")
        #expect(screen.contains("live"))
        #expect(screen.contains("ledger handshake"))
        #expect(screen.contains("'ledger handshake' not fire"))
        #expect(screen.contains("AGE▼"))

        try tmux.keys("/")
        try tmux.waitFor("filter /")
        try tmux.keys("l", "a", "b", "e", "l", ":", "r", "e", "c", "o", "n", "c", "i", "l", "e", "Enter")
        screen = try tmux.waitFor("filter: label:reconcile")
        #expect(!screen.contains("inventory sync"))
        #expect(screen.contains("billing reconcile"))

        try tmux.keys("c")
        try tmux.waitFor("'billing reconcile' in the process?")
        try tmux.keys("y")
        screen = try tmux.waitFor("cancelled #", absent: "in the process?")
        try tmux.keys("?")
        try tmux.waitFor("Show view 1 to 6")
        try tmux.keys("Escape")
        try tmux.waitFor("Pending", absent: "Show view 1 to 6")

        try tmux.resize(width: 60, height: 12)
        screen = try tmux.waitFor("Pending")
        #expect(screen.split(separator: "\n").allSatisfy { $0.count <= 60 })
        try tmux.resize(width: 40, height: 10)
        try tmux.waitFor("need 60×12")
        try tmux.resize(width: 120, height: 30)
        try tmux.waitFor("AGE")

        try tmux.keys("q")
        screen = try tmux.waitFor("EXITED-0")
        #expect(!screen.contains("DEADLOCK"), "the alternate screen is gone")
        // The demo app was stopped with the dashboard: its socket is gone.
        let sockets = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/deferscope")) ?? []
        #expect(sockets.filter { $0.hasSuffix(".sock") }.isEmpty, "left behind: \(sockets)")
    }

    @Test("attach --all: two demo services in one dashboard, a filter by pid, one killed and said so")
    func severalProcesses() throws {
        let directory = try runtimeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var services: [pid_t] = []
        defer {
            for service in services { kill(service, SIGKILL) }
        }
        for seed in [3, 4] {
            let output = directory + "/service-\(seed).out"
            services.append(
                try Tmux.spawnBackground(
                    [
                        "/usr/bin/env", "XDG_RUNTIME_DIR=\(directory)", Tmux.deferscope, "demo", "--app-only",
                        "--seed", "\(seed)",
                    ],
                    output: output
                )
            )
        }
        // Each service lists its socket once it serves.
        let deadline = Date().addingTimeInterval(30)
        while ((try? FileManager.default.contentsOfDirectory(atPath: directory + "/deferscope")) ?? [])
            .filter({ $0.hasSuffix(".sock") }).count < 2
        {
            guard Date() < deadline else { throw TmuxError("the demo services did not start") }
            usleep(50_000)
        }
        let (first, second) = (services[0], services[1])
        let tmux = try Tmux(width: 140, height: 30)
        defer { tmux.kill() }
        try tmux.run("XDG_RUNTIME_DIR=\(directory) \(Tmux.deferscope) attach --all")
        var screen = try tmux.waitFor("2 processes  live")
        screen = try tmux.waitFor("deferscope \(second) live pend")
        #expect(screen.contains("deferscope \(first) live pend"))
        #expect(screen.contains("PROCESS"))

        try tmux.keys("/")
        try tmux.waitFor("filter /")
        try tmux.literal("pid:\(second)")
        try tmux.keys("Enter")
        screen = try tmux.waitFor("filter: pid:\(second)")
        let rows = screen.split(separator: "\n").filter { $0.contains("ledger handshake") }
        #expect(!rows.isEmpty && rows.allSatisfy { $0.contains("\(second) defers") }, "\(screen)")

        kill(first, SIGKILL)
        screen = try tmux.waitFor("deferscope \(first) exited")
        #expect(screen.contains("1 of 2 processes attached"))
        #expect(screen.contains("deferscope \(second) live"))

        try tmux.keys("q")
        try tmux.waitFor("EXITED-0")
    }

    @Test("every view is reached with Tab and with its number; Enter names the stuck leaf; q leaves stty as it was")
    func tour() throws {
        let directory = try runtimeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tmux = try Tmux(width: 120, height: 30)
        defer { tmux.kill() }
        try tmux.run("stty -a > \(directory)/before.stty")
        try tmux.waitFor("EXITED-0")
        try tmux.run("XDG_RUNTIME_DIR=\(directory) \(Tmux.deferscope) demo --seed 9")
        // Pending rows within 5 seconds of starting.
        try tmux.waitFor("'ledger handshake' not fire", seconds: 5)
        let headers = ["AGE▼", "CHAIN", "TIMEOUT▲", "FAILURE", "PENDING▼", "EVENT"]
        for header in headers.dropFirst() {
            try tmux.keys("Tab")
            try tmux.waitFor(header)
        }
        try tmux.keys("Tab")
        try tmux.waitFor("AGE▼")
        for (number, header) in headers.enumerated().reversed() {
            try tmux.keys(String(number + 1))
            try tmux.waitFor(header)
        }
        // Down to the chain three levels above the leaf nobody fires, then its detail.
        try tmux.keys("/")
        try tmux.keys("l", "a", "b", "e", "l", ":", "n", "i", "g", "h", "t", "l", "y", "Enter")
        try tmux.waitFor("filter: label:nightly")
        try tmux.keys("Enter")
        let detail = try tmux.waitFor("WHY IS IT STUCK")
        #expect(detail.contains("'ledger handshake' has not been fired: created at DeferscopeDemo/Incidents.swift:"))
        try tmux.keys("Escape")
        try tmux.waitFor("AGE▼", absent: "WHY IS IT STUCK")
        try tmux.keys("q")
        try tmux.waitFor("EXITED-0", absent: "AGE▼")
        try tmux.run("stty -a | diff - \(directory)/before.stty && echo SAME-STTY")
        try tmux.waitFor("SAME-STTY")
    }

    @Test("replay: a recording plays, seeks, steps and pauses with its time bar")
    func replay() throws {
        let directory = try runtimeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let recording = directory + "/demo.dsrec"
        // Record the demo app from its start for three seconds.
        let app = try Tmux.spawnBackground(
            ["/usr/bin/env", "DEFERSCOPE_RECORD=\(recording)", "XDG_RUNTIME_DIR=\(directory)", Tmux.deferscope]
                + ["demo", "--app-only", "--seed", "3"],
            output: directory + "/app.out"
        )
        usleep(3_000_000)
        kill(app, SIGINT)
        var status: Int32 = 0
        waitpid(app, &status, 0)

        let tmux = try Tmux(width: 120, height: 30)
        defer { tmux.kill() }
        try tmux.run("\(Tmux.deferscope) replay \(recording)")
        try tmux.waitFor("replay 0:0")
        var screen = try tmux.waitFor("play/pause")
        #expect(screen.contains("1 Pending"))
        try tmux.keys("Space")
        try tmux.waitFor("⏸")
        try tmux.keys("End")
        screen = try tmux.waitFor("ledger handshake")
        #expect(screen.contains("DEADLOCK"))
        try tmux.keys("Home")
        try tmux.waitFor("replay 0:00 /")
        try tmux.keys("]")
        screen = try tmux.waitFor("event ")
        #expect(screen.contains(" of "))
        try tmux.keys(".")
        try tmux.waitFor(" / 0:0", absent: "replay 0:00 /")
        try tmux.keys("q")
        try tmux.waitFor("EXITED-0")
    }
}
