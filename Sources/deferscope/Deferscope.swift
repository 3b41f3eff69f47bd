import ArgumentParser

/// `deferscope`: watch the Deferreds of a running Swift process.
@main
struct Deferscope: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deferscope",
        abstract: "Watch the Deferreds of a running Swift process: what is pending, since when, and why.",
        discussion: """
            A process becomes attachable by calling `try DeferscopeAgent.start()`. Its socket is \
            $XDG_RUNTIME_DIR/deferscope/<pid>.sock (else /tmp/deferscope-<uid>/<pid>.sock), or \
            the path in DEFERSCOPE_SOCKET.
            """,
        subcommands: [ListCommand.self, DumpCommand.self, CheckCommand.self, RecordCommand.self, DemoCommand.self]
    )
}
