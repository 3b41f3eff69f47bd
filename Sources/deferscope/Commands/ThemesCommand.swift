import ArgumentParser
import DeferscopeTerminal
import DeferscopeUI
import DeferscopeWire

/// `deferscope themes`: the bundled themes, each with a preview in its own colours.
struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes",
        abstract: "List the bundled themes with a colour preview (choose one with --theme NAME).",
        discussion: "A theme file of your own (docs/themes.md) is chosen with --theme PATH; "
            + "t cycles themes inside the dashboard. NO_COLOR turns the preview's colours off."
    )

    func run() {
        let colors = PlainTextOutput.isTerminal() && (Posix.environment("NO_COLOR") ?? "").isEmpty
        for theme in ThemeCatalog.bundled {
            var line = theme.name + String(repeating: " ", count: max(1, 16 - theme.name.count))
            for (key, sample) in Self.samples {
                line += " " + (colors ? ANSIText.styled(" \(sample) ", theme[key]) : sample)
            }
            print(line)
        }
    }

    /// The roles a preview shows, with a word in each.
    static let samples: [(ThemeKey, String)] = [
        (.header, "header"), (.rowSelected, "selected"), (.statePending, "pending"), (.stateWaiting, "waiting"),
        (.stateFailed, "failed"), (.stateTimedOut, "timed out"), (.stateCancelled, "cancelled"),
        (.stateUnhandled, "unhandled"), (.ageWarn, "12s"), (.ageCritical, "2m05s"), (.blockedOn, "blocked on"),
        (.deadlock, "DEADLOCK"), (.filterMatch, "match"), (.footerPaused, "PAUSED"),
    ]
}
