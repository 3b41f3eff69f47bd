import DeferscopeWire
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What another user could plant: a link at a socket path, a socket directory of theirs or open
/// to them. Both the agent and `deferscope` refuse, saying why.
@Suite(.serialized) struct SocketPlantingTests {
    @Test func aSymbolicLinkAtTheSocketPathIsRefusedByBothEnds() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        // The agent will not listen through a link (it would create the socket wherever it points).
        let link = directory + "/planted.sock"
        let pointee = directory + "/elsewhere.sock"
        #expect(symlink(pointee, link) == 0)
        let error = #expect(throws: TestAppError.self) {
            try TestApp(runtimeDirectory: directory, environment: ["DEFERSCOPE_SOCKET": link])
        }
        #expect(error?.description.contains("refusing \(link): it is a symbolic link, not a socket") == true)
        #expect(access(pointee, F_OK) != 0)
        var info = stat()
        #expect(lstat(link, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)

        // Nor will the client connect through one: a link in the socket directory, under a live pid,
        // pointing at a real agent.
        let app = try TestApp(runtimeDirectory: directory)
        let planted = "\(app.socketDirectory)/\(getpid()).sock"
        #expect(symlink(app.socketPath, planted) == 0)
        for target in [String(getpid()), planted] {
            let run = try runDeferscope(["dump", target], runtimeDirectory: directory)
            #expect(run.status == 1)
            #expect(run.errors.contains("refusing \(planted): it is a symbolic link, not a socket"), "\(run.errors)")
            #expect(run.output.isEmpty)
        }
        // The real socket still serves.
        #expect(try runDeferscope(["dump", String(app.pid)], runtimeDirectory: directory).status == 0)
        try app.quit()
    }

    @Test(.enabled(if: getuid() == 0, "needs root to give a directory away"))
    func aSocketDirectoryOfAnotherUserIsRefusedByBothEnds() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let sockets = directory + "/deferscope"
        #expect(mkdir(sockets, 0o700) == 0)
        #expect(chown(sockets, 65534, 65534) == 0)
        let error = #expect(throws: TestAppError.self) { try TestApp(runtimeDirectory: directory) }
        #expect(error?.description.contains("refusing the socket directory \(sockets)") == true)
        #expect(error?.description.contains("belongs to uid 65534") == true)

        // `deferscope` will not look for a pid's socket there either.
        let run = try runDeferscope(["dump", String(getpid())], runtimeDirectory: directory)
        #expect(run.status == 1)
        #expect(run.errors.contains("belongs to uid 65534"), "\(run.errors)")
    }

    @Test func aSocketDirectoryOpenToOthersIsRefusedByTheClient() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let app = try TestApp(runtimeDirectory: directory)
        chmod(app.socketDirectory, 0o777)
        let run = try runDeferscope(["dump", String(app.pid)], runtimeDirectory: directory)
        #expect(run.status == 1)
        #expect(run.errors.contains("its mode is 777"), "\(run.errors)")
        #expect(run.errors.contains("chmod 700 \(app.socketDirectory)"), "\(run.errors)")
        // `list` says why too, instead of "no attachable processes".
        let list = try runDeferscope(["list"], runtimeDirectory: directory)
        #expect(list.status == 1)
        #expect(list.errors.contains("its mode is 777"), "\(list.errors)")
        #expect(!list.output.contains("no attachable processes"))
        chmod(app.socketDirectory, 0o700)
        #expect(try runDeferscope(["dump", String(app.pid)], runtimeDirectory: directory).status == 0)
        try app.quit()
    }

    @Test(
        .enabled(if: getuid() == 0, "needs root to act as another user"),
        .enabled(if: access("/usr/bin/setpriv", X_OK) == 0)
    )
    func deferscopeRunByAnotherUserIsRefused() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        chmod(directory, 0o755)
        let shared = directory + "/shared"
        mkdir(shared, 0o755)
        let socket = shared + "/app.sock"
        let app = try TestApp(runtimeDirectory: directory, environment: ["DEFERSCOPE_SOCKET": socket])
        chmod(socket, 0o666)
        let deferscope = productsDirectory + "/deferscope"

        // By socket path: the socket is not theirs.
        let bySocket = try runAsNobody([deferscope, "dump", socket])
        #expect(bySocket.status == 1)
        #expect(bySocket.errors.contains("refusing \(socket): the socket belongs to uid 0, not to you"))
        // By pid: the socket directory (this user's) is not theirs.
        #expect(mkdir(directory + "/deferscope", 0o700) == 0)
        let byPID = try runAsNobody([deferscope, "dump", String(app.pid)], environment: ["XDG_RUNTIME_DIR": directory])
        #expect(byPID.status == 1)
        #expect(byPID.errors.contains("belongs to uid 0"), "\(byPID.errors)")
        #expect(bySocket.output.isEmpty && byPID.output.isEmpty)
        // (The agent's own check, for a client that skips these, is in SocketSecurityTests.)
        #expect(try AgentSnapshot.take(from: .socket(socket)).hello.pid == app.pid)
        try app.quit()
    }
}
