import DeferscopeWire
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Who may attach, and where sockets live.
@Suite(.serialized) struct SocketSecurityTests {
    @Test func theDirectoryIsPrivateAndTheSocketIsTheUsersOnly() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let app = try TestApp(runtimeDirectory: directory)
        #expect(app.socketPath == "\(directory)/deferscope/\(app.pid).sock")
        var info = stat()
        #expect(lstat(app.socketDirectory, &info) == 0)
        #expect(info.st_mode & S_IFMT == S_IFDIR && info.st_mode & 0o777 == 0o700 && info.st_uid == getuid())
        #expect(lstat(app.socketPath, &info) == 0)
        #expect(info.st_mode & S_IFMT == S_IFSOCK && info.st_mode & 0o777 == 0o600 && info.st_uid == getuid())

        // Stopping the agent removes its socket.
        try app.send("stop")
        #expect(lstat(app.socketPath, &info) != 0)
        try app.quit()
    }

    @Test func theSocketIsRemovedAtNormalExit() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let app = try TestApp(runtimeDirectory: directory)
        let path = app.socketPath
        #expect(fileSize(path) == 0 && access(path, F_OK) == 0)
        try app.quit()
        #expect(access(path, F_OK) != 0)
    }

    @Test func anUnsafeDirectoryIsRefusedWithAReason() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        mkdir(directory + "/deferscope", 0o777)
        chmod(directory + "/deferscope", 0o777)
        let error = #expect(throws: TestAppError.self) { try TestApp(runtimeDirectory: directory) }
        #expect(error?.description.contains("mode is 777") == true)
        #expect(error?.description.contains("chmod 700 \(directory)/deferscope") == true)

        let linked = try makeRuntimeDirectory()
        defer { removeDirectory(linked) }
        symlink(directory, linked + "/deferscope")
        let linkError = #expect(throws: TestAppError.self) { try TestApp(runtimeDirectory: linked) }
        #expect(linkError?.description.contains("symbolic link") == true)
    }

    @Test func listRemovesStaleSocketsAndShowsLiveOnes() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let app = try TestApp(runtimeDirectory: directory)
        try app.send("create 7 listed")
        let liveBefore = 7
        // A socket left by a process that is gone (killed before it could remove it).
        let dead = try deadPID()
        let stale = "\(app.socketDirectory)/\(dead).sock"
        try bindSocket(at: stale)
        #expect(access(stale, F_OK) == 0)

        let run = try runDeferscope(["list"], runtimeDirectory: directory)
        #expect(run.status == 0)
        #expect(run.output.contains(app.socketPath))
        #expect(run.output.contains("DeferscopeTestA"))
        // Its live count, from the agent's greeting: the Deferreds the app made.
        let row = run.output.split(separator: "\n").first { $0.contains(app.socketPath) } ?? ""
        #expect(row.split(separator: " ").dropLast().last == "\(liveBefore)")
        #expect(!run.output.contains("\(dead).sock"))
        #expect(access(stale, F_OK) != 0)
        try app.quit()
    }

    @Test(
        .enabled(if: getuid() == 0, "needs root to act as another user"),
        .enabled(if: access("/usr/bin/setpriv", X_OK) == 0 && access("/usr/bin/python3", X_OK) == 0)
    )
    func anotherUserIsRefusedWithAClearMessage() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        // A socket someone made reachable by everyone: the agent's own check must still refuse.
        let shared = directory + "/shared"
        mkdir(shared, 0o755)
        chmod(directory, 0o755)
        let socket = shared + "/app.sock"
        let app = try TestApp(runtimeDirectory: directory, environment: ["DEFERSCOPE_SOCKET": socket])
        chmod(socket, 0o666)
        let script = """
            import socket, sys
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(sys.argv[1])
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
            sys.stdout.buffer.write(data)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = [
            "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c", script, socket,
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        var decoder = FrameDecoder()
        decoder.append(Array(bytes))
        let frame = try decoder.next()
        guard case .reply(let reply) = frame else {
            Issue.record("expected a refusal, got \(String(describing: frame))")
            return
        }
        #expect(!reply.ok)
        #expect(reply.message.contains("only its own user may attach"))
        #expect(reply.message.contains("uid 65534"))
        #expect(try decoder.next() == nil)
        // The app's own user still attaches.
        #expect(try AgentSnapshot.take(from: .socket(socket)).hello.pid == app.pid)
        try app.quit()
    }
}

/// A pid no process has now.
func deadPID() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
}

/// Leaves a bound, unlistened Unix socket at `path`, as a killed process would.
func bindSocket(at path: String) throws {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    var address = try UnixSocket.address(path)
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
        }
    }
    close(fd)
    guard bound == 0 else { throw PosixError("bind", path) }
}
