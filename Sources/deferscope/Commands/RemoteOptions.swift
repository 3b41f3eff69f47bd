import ArgumentParser
import DeferscopeWire

/// How `ssh://` targets are reached: the remote shell command and the remote `deferscope`.
struct RemoteOptions: ParsableArguments {
    @Option(
        name: .customLong("ssh-command"),
        help: ArgumentHelp(
            "The command that runs a command on another host, split at spaces (for ssh:// targets).",
            valueName: "command"
        )
    )
    var sshCommand: String = "ssh"

    @Option(
        name: .customLong("remote-deferscope"),
        help: ArgumentHelp("The deferscope executable on the remote host.", valueName: "path")
    )
    var remoteDeferscope: String = "deferscope"

    /// The shell command as words.
    var shellCommand: [String] {
        sshCommand.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    }

    func validate() throws {
        guard !shellCommand.isEmpty else { throw ValidationError("--ssh-command must name a command") }
        guard !remoteDeferscope.isEmpty else { throw ValidationError("--remote-deferscope must name a path") }
    }

    /// `target` with these settings when it is remote.
    func applied(to target: AgentTarget) -> AgentTarget {
        guard case .remote(var remote) = target else { return target }
        remote.shellCommand = shellCommand
        remote.remoteExecutable = remoteDeferscope
        return .remote(remote)
    }

    /// `remote` with these settings.
    func applied(to remote: RemoteTarget) -> RemoteTarget {
        var remote = remote
        remote.shellCommand = shellCommand
        remote.remoteExecutable = remoteDeferscope
        return remote
    }
}
