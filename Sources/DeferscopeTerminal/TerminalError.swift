/// Why the terminal screen could not start.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Standard input or output is not a terminal.
    case notATerminal
    /// `TERM` is not set.
    case noTerminalType
    /// terminfo has no entry for `TERM`.
    case unknownTerminalType(String)
    /// The terminal cannot draw a screen: it cannot move the cursor (`TERM=dumb`, a printing
    /// terminal).
    case cannotAddressCursor(String)

    /// What went wrong and what to do about it.
    public var description: String {
        switch self {
        case .notATerminal:
            return "standard input and output must be a terminal (use a snapshot command when piping)"
        case .noTerminalType:
            return "TERM is not set; set it to your terminal's type, e.g. TERM=xterm-256color"
        case .unknownTerminalType(let name):
            return "unknown terminal type '\(name)' (no terminfo entry); try TERM=xterm-256color"
        case .cannotAddressCursor(let name):
            return "the terminal type '\(name)' cannot move the cursor, so it cannot show the dashboard; "
                + "try TERM=xterm-256color"
        }
    }
}
