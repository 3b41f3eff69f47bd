import DeferscopeWire
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The demo service that `deferscope demo` starts does not outlive a dashboard killed without a
/// chance to stop it.
@Suite(.serialized) struct DemoLifetimeTests {
    @Test func theDemoServiceStopsWhenItsDashboardIsGone() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let output = directory + "/demo.out"
        // A shell stands in for the dashboard: it starts the service as its child, then dies.
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = [
            "-c",
            "'\(productsDirectory)/deferscope' demo --app-only --parent $$ > '\(output)' 2>/dev/null & sleep 2",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_RUNTIME_DIR"] = directory
        shell.environment = environment
        try shell.run()
        var servicePID: Int32?
        let deadline = Date().addingTimeInterval(30)
        while servicePID == nil, Date() < deadline {
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            servicePID = text.split(separator: "\n").first { $0.hasPrefix("pid ") }.flatMap { Int32($0.dropFirst(4)) }
            if servicePID == nil { usleep(50_000) }
        }
        let pid = try #require(servicePID, "the demo service did not start")
        #expect(Posix.processExists(pid))
        shell.waitUntilExit()
        // Orphaned, the service notices its parent is gone and stops within a poll or two.
        while Posix.processExists(pid) && Date() < deadline {
            usleep(50_000)
        }
        #expect(!Posix.processExists(pid), "the demo service \(pid) outlived its dashboard")
        if Posix.processExists(pid) { kill(pid, SIGKILL) }
    }
}
