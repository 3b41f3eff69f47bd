import DeferscopeWire
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `ssh://` targets end to end: a real app, the real `deferscope relay`, and a stand-in for ssh
/// that runs the remote command on this machine (as `ssh localhost` would).
@Suite(.serialized) struct RemoteAttachTests {
    /// A directory holding the stand-in ssh; it records its pid (which becomes the relay's).
    struct FakeSSH {
        let directory: String
        var command: String { directory + "/ssh" }
        var pidFile: String { directory + "/ssh.pid" }

        init() throws {
            directory = try makeRuntimeDirectory()
            let script = """
                #!/bin/sh
                # Stands in for ssh: skips options and the destination, runs the remote command here.
                while [ $# -gt 0 ]; do
                    case "$1" in -p|-i|-o|-l) shift 2 ;; -*) shift ;; *) break ;; esac
                done
                shift
                echo $$ > "\(directory)/ssh.pid"
                exec sh -c "exec $*"

                """
            try script.write(toFile: command, atomically: true, encoding: .utf8)
            chmod(command, 0o755)
        }

        /// The flags that make a `deferscope` command use this stand-in.
        var flags: [String] {
            ["--ssh-command", command, "--remote-deferscope", productsDirectory + "/deferscope"]
        }

        /// `target` reached through this stand-in.
        func remote(_ process: String) -> AgentTarget {
            .remote(
                RemoteTarget(
                    host: "localhost",
                    process: process,
                    shellCommand: [command],
                    remoteExecutable: productsDirectory + "/deferscope"
                )
            )
        }
    }

    @Test func dumpThroughTheRelayShowsWhatALocalDumpShows() throws {
        try withRemoteApp { directory, ssh, app in
            _ = try app.send("create 3 fetch")
            _ = try app.send("nest outer")
            let local = try runDeferscope(["dump", String(app.pid), "--json"], runtimeDirectory: directory)
            let remote = try runDeferscope(
                ["dump", "ssh://ops@localhost/\(app.pid)", "--json"] + ssh.flags,
                runtimeDirectory: directory
            )
            #expect(local.status == 0, "\(local.errors)")
            #expect(remote.status == 0, "\(remote.errors)")
            #expect(try Self.chains(local.output) == Self.chains(remote.output))
            #expect(try Self.chains(remote.output).count == 5)
        }
    }

    @Test func aRemoteAndALocalProcessShareOnePictureOnOneClock() throws {
        try withRemoteApp { directory, ssh, remoteApp in
            let localApp = try TestApp(runtimeDirectory: directory)
            defer { try? localApp.quit() }
            _ = try remoteApp.send("create 2 far")
            _ = try localApp.send("create 3 near")
            let run = try runDeferscope(
                ["attach", "ssh://ops@localhost/\(remoteApp.pid)", "\(localApp.pid)"] + ssh.flags,
                runtimeDirectory: directory
            )
            #expect(run.status == 0, "\(run.errors)")
            let lines = run.output.split(separator: "\n").map(String.init)
            #expect(lines.first?.contains("2 processes  live  pending 5") == true, "\(run.output)")
            let far = lines.filter { $0.contains("far") && $0.contains("\(remoteApp.pid) ") }
            #expect(far.count == 2, "\(run.output)")
            // Placed on this machine's clock through the handshake: ages are seconds, not the
            // difference between two clocks.
            for row in far + lines.filter({ $0.contains("near") }) {
                let age = row.split(separator: " ").first { $0.hasSuffix("ms") || $0.hasSuffix("s") }
                #expect(age.map { $0.hasSuffix("ms") || (Double($0.dropLast()) ?? 999) < 60 } == true, "\(row)")
            }
        }
    }

    @Test func checkThroughTheRelayFailsAsALocalCheckWould() throws {
        try withRemoteApp { directory, ssh, app in
            let ids = try app.send("create 1 stuck").compactMap { UInt64($0) }
            let run = try runDeferscope(
                ["check", "ssh://localhost/\(app.pid)", "--max-pending-age", "0"] + ssh.flags,
                runtimeDirectory: directory
            )
            #expect(run.status == 1, "\(run.errors)")
            #expect(run.output.contains("#\(ids[0]) 'stuck'"), "\(run.output)")
        }
    }

    @Test func listOfAHostRunsListThere() throws {
        try withRemoteApp { directory, ssh, app in
            let run = try runDeferscope(["list", "ssh://localhost"] + ssh.flags, runtimeDirectory: directory)
            #expect(run.status == 0, "\(run.errors)")
            let row = try #require(run.output.split(separator: "\n").first { $0.hasPrefix(String(app.pid)) })
            #expect(row.contains(app.socketPath))
        }
    }

    @Test func whatGoesWrongOnTheFarSideIsSaidHere() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let ssh = try FakeSSH()
        defer { removeDirectory(ssh.directory) }
        let dead = try deadPID()
        let noProcess = try runDeferscope(
            ["dump", "ssh://localhost/\(dead)"] + ssh.flags,
            runtimeDirectory: directory
        )
        #expect(noProcess.status != 0)
        #expect(noProcess.errors.contains("no process \(dead) is running"), "\(noProcess.errors)")

        let noShell = try runDeferscope(
            ["dump", "ssh://localhost/\(dead)", "--ssh-command", directory + "/no-such-ssh"],
            runtimeDirectory: directory
        )
        #expect(noShell.status != 0)
        #expect(noShell.errors.contains("cannot reach the agent"), "\(noShell.errors)")
        #expect(noShell.errors.contains("no-such-ssh"), "\(noShell.errors)")

        let noDeferscope = try runDeferscope(
            ["dump", "ssh://localhost/\(dead)", "--ssh-command", ssh.command, "--remote-deferscope", "/nonexistent"],
            runtimeDirectory: directory
        )
        #expect(noDeferscope.status != 0)
        #expect(noDeferscope.errors.contains("/nonexistent"), "\(noDeferscope.errors)")
    }

    @Test func theRemoteProcessExitingEndsTheStreamAndSaysSo() throws {
        try withRemoteApp { directory, ssh, app in
            let client = AgentClient(target: ssh.remote(app.socketPath), reconnects: false)
            try client.connect()
            try Self.poll(client, until: "connected") { $0.state == .connected }
            #expect(client.hello?.pid == app.pid)
            try app.quit()
            try Self.poll(client, until: "disconnected") {
                if case .disconnected = $0.state { return true }
                return false
            }
            #expect(client.state == .disconnected(AgentConnectionError.closed.description))
            client.close()
        }
    }

    @Test func theLinkBreakingIsReportedAsABrokenLink() throws {
        try withRemoteApp { directory, ssh, app in
            let client = AgentClient(target: ssh.remote(app.socketPath), reconnects: false)
            try client.connect()
            try Self.poll(client, until: "connected") { $0.state == .connected }
            let text = try String(contentsOfFile: ssh.pidFile, encoding: .utf8)
            let linkPID = try #require(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
            kill(linkPID, SIGKILL)
            try Self.poll(client, until: "the link to break") {
                if case .disconnected = $0.state { return true }
                return false
            }
            guard case .disconnected(let reason) = client.state else { return }
            #expect(reason.contains("broke: the remote shell was killed by signal 9"), "\(reason)")
            // The app is untouched: a new link attaches again.
            let again = AgentClient(target: ssh.remote(app.socketPath), reconnects: false)
            try again.connect()
            try Self.poll(again, until: "connected again") { $0.state == .connected }
            again.close()
            client.close()
        }
    }

    /// Runs `body` with a runtime directory, a stand-in ssh and a test app, and cleans up after.
    func withRemoteApp(_ body: (String, FakeSSH, TestApp) throws -> Void) throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let ssh = try FakeSSH()
        defer { removeDirectory(ssh.directory) }
        let app = try TestApp(runtimeDirectory: directory)
        try body(directory, ssh, app)
        if app.process.isRunning {
            try app.quit()
        }
    }

    /// Polls `client` until `condition` holds, failing after 30 seconds.
    static func poll(_ client: AgentClient, until what: String, _ condition: (AgentClient) -> Bool) throws {
        let deadline = Date().addingTimeInterval(30)
        while !condition(client) {
            guard Date() < deadline else { throw TestAppError("timed out waiting for \(what): \(client.state)") }
            _ = client.poll(timeout: 0.1)
        }
    }

    /// Each Deferred of a `dump --json` as id, label and state.
    static func chains(_ json: String) throws -> Set<String> {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let deferreds = object?["deferreds"] as? [[String: Any]] ?? []
        return Set(deferreds.map { "\($0["id"] ?? "") \($0["label"] ?? "") \($0["state"] ?? "")" })
    }
}
