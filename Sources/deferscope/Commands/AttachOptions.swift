import ArgumentParser
import DeferscopeWire

/// The process to attach to, as every attaching command takes it.
struct AttachOptions: ParsableArguments {
    @Argument(help: "The process: a pid (see `deferscope list`), a socket path, or ssh://[user@]host/<pid>.")
    var target: String

    @OptionGroup var remote: RemoteOptions

    @Option(help: "Seconds to wait for the snapshot before giving up.")
    var timeout: Double = 30

    /// The parsed target, or a clear error.
    func agentTarget() throws -> AgentTarget {
        do {
            return remote.applied(to: try AgentTarget(parsing: target))
        } catch {
            throw ValidationError(error.description)
        }
    }
}

/// A failure the user can act on: printed as `Error: <message>` (ArgumentParser's form), exit
/// status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
