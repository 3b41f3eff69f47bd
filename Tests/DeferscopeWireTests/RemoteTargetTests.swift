import DeferscopeWire
import Testing

/// `ssh://` targets: what is accepted, what is refused, and the command line that reaches them.
struct RemoteTargetTests {
    @Test(
        arguments: [
            ("ssh://db1/1234", nil, "db1", nil, "1234"),
            ("ssh://ops@db1/1234", "ops", "db1", nil, "1234"),
            ("ssh://ops@db1:2222/1234", "ops", "db1", 2222, "1234"),
            ("ssh://[fe80::1]:22/77", nil, "fe80::1", 22, "77"),
            ("ssh://db1/run/user/1000/deferscope/1234.sock", nil, "db1", nil, "/run/user/1000/deferscope/1234.sock"),
        ] as [(String, String?, String, Int?, String)]
    )
    func parsesUserHostPortAndProcess(
        text: String,
        user: String?,
        host: String,
        port: Int?,
        process: String
    ) throws {
        let target = try RemoteTarget(parsing: text)
        #expect(target.user == user)
        #expect(target.host == host)
        #expect(target.port == port)
        #expect(target.process == process)
        #expect(target.description == text)
        #expect(try AgentTarget(parsing: text) == .remote(target))
    }

    @Test(arguments: [
        ("ssh://db1", "names no process"),
        ("ssh://db1/", "names no process"),
        ("ssh:///1234", "names no host"),
        ("ssh://@db1/1", "names no host"),
        ("ssh://db1:99999/1", "bad port"),
        ("ssh://db1:x/1", "bad port"),
        ("ssh://-oProxyCommand=x/1", "may not start with '-'"),
    ])
    func refusesWhatCannotBeReached(text: String, complaint: String) {
        #expect {
            try RemoteTarget(parsing: text)
        } throws: { error in
            "\(error)".contains(complaint)
        }
    }

    @Test func aHostAloneIsEnoughForAListing() throws {
        let target = try RemoteTarget(parsing: "ssh://ops@db1", requireProcess: false)
        #expect(target.destination == "ops@db1")
        #expect(target.process.isEmpty)
    }

    @Test func theCommandLineQuotesEveryRemoteWordForTheRemoteShell() throws {
        var target = try RemoteTarget(parsing: "ssh://ops@db1:2222/run/my dir/it's.sock")
        target.shellCommand = ["ssh", "-i", "key"]
        target.remoteExecutable = "/opt/deferscope/bin/deferscope"
        #expect(
            target.commandLine(running: ["relay", target.process]) == [
                "ssh", "-i", "key", "-p", "2222", "-T", "ops@db1",
                "/opt/deferscope/bin/deferscope relay '/run/my dir/it'\\''s.sock'",
            ]
        )
        let plain = try RemoteTarget(parsing: "ssh://db1/42")
        #expect(plain.commandLine(running: ["relay", "42"]) == ["ssh", "-T", "db1", "deferscope relay 42"])
    }
}
