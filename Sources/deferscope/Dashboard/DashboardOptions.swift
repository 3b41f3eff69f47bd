import ArgumentParser
import DeferscopeModel
import DeferscopeUI
import DeferscopeWire

/// What every dashboard command (`attach`, `demo`, `replay`) takes.
struct DashboardOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "A theme: a file's path, else NAME.toml in $XDG_CONFIG_HOME/deferscope/themes "
                + "(~/.config), else a bundled theme (see `deferscope themes`)."
        )
    )
    var theme: String = "default"

    @Flag(help: "Draw without colour, attributes only (as NO_COLOR does).")
    var noColor = false

    @Option(help: "Seconds a Deferred may stay pending without a timeout before it is flagged.")
    var warnPending: Double = 10

    @Option(help: "Milliseconds a step may run before it is flagged as blocking its thread.")
    var warnStep: Double = 100

    @Option(help: "Seconds finished Deferreds stay in the picture after they settle.")
    var retain: Double = 30

    @Option(help: "Show only what matches this filter (docs/filter.md), e.g. 'age>5s !state:running'.")
    var filter: String?

    @Flag(help: "Draw with ASCII only (for terminals and fonts without box drawing characters).")
    var ascii = false

    @Flag(help: "Leave the mouse to the terminal (its own text selection works; no wheel or clicks).")
    var noMouse = false

    func validate() throws {
        guard warnPending > 0, warnStep > 0, retain >= 0 else {
            throw ValidationError("--warn-pending and --warn-step must be positive, --retain 0 or more")
        }
        if let filter {
            do {
                _ = try DeferredFilter(parsing: filter)
            } catch {
                throw ValidationError("--filter: \(error.message) at column \(error.column)")
            }
        }
        _ = try themeSelection()
    }

    /// The model's settings these options make.
    var modelConfiguration: ModelConfiguration {
        var configuration = ModelConfiguration()
        configuration.finishedRetention = UInt64(retain * 1e9)
        configuration.thresholds = WarningThresholds(
            pendingWithoutTimeout: UInt64(warnPending * 1e9),
            slowStep: UInt64(warnStep * 1e6)
        )
        return configuration
    }

    /// The themes, with the chosen one selected (`ThemeSelection.resolving`: path, config folder,
    /// bundled); a theme file that does not parse is an error that names its line.
    func themeSelection() throws -> ThemeSelection {
        var environment: [String: String] = [:]
        for name in ["XDG_CONFIG_HOME", "HOME"] { environment[name] = Posix.environment(name) }
        do {
            let selection = try ThemeSelection.resolving(theme, environment: environment)
            return noColor ? selection.downgraded(to: .none) : selection
        } catch {
            // A lookup failure already names --theme; a file's problems name the file.
            throw ValidationError(error.source == "--theme" ? "\(error)" : "--theme: \(error)")
        }
    }

    /// A dashboard set up by these options.
    func dashboard(keyContext: KeyContext) throws -> Dashboard {
        var dashboard = Dashboard.standard(
            themes: try themeSelection(),
            glyphs: ascii ? .ascii : .unicode,
            keyContext: keyContext
        )
        dashboard.warnPendingAfter = UInt64(warnPending * 1e9)
        dashboard.usesMouse = !noMouse
        if let filter {
            try dashboard.setFilter(filter)
        }
        return dashboard
    }
}
