import ArgumentParser
import DeferscopeTerminal
import DeferscopeWire

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
        subcommands: [
            AttachCommand.self, ListCommand.self, DemoCommand.self, ReplayCommand.self, DumpCommand.self,
            RecordCommand.self, CheckCommand.self, ThemesCommand.self, RelayCommand.self,
        ]
    )

    @OptionGroup var dashboard: DashboardOptions

    /// Without a command: attach to the one attachable process, let the user pick among several,
    /// or say there is none.
    func run() throws {
        let directory = AgentSocketLocation.defaultDirectory()
        let listings = AgentDiscovery.list(directory: directory)
        switch listings.count {
        case 0:
            throw CommandFailure(
                "no process to attach to in \(directory). A process becomes attachable with "
                    + "`try DeferscopeAgent.start()`; to see the dashboard now, run `deferscope demo`"
            )
        case 1:
            try AttachCommand.show(.socket(listings[0].socketPath), options: dashboard, follow: false)
        default:
            guard PlainTextOutput.isTerminal() else {
                let pids = listings.map { "\($0.pid) (\($0.processName ?? "?"))" }.joined(separator: ", ")
                throw CommandFailure("several processes can be attached to: \(pids); pick one: deferscope attach <pid>")
            }
            let picker = ProcessPicker(
                listings: listings,
                themes: try dashboard.themeSelection(),
                usesMouse: !dashboard.noMouse
            )
            switch try picker.pick() {
            case .one(let chosen):
                try AttachCommand.show(.socket(chosen.socketPath), options: dashboard, follow: false)
            case .all:
                try AttachCommand.show(.all, options: dashboard, directory: directory)
            case nil:
                return
            }
        }
    }
}
