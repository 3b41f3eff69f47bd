#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension ThemeSelection {
    /// The bundled themes with the one `argument` names current, looked up in order: a path
    /// (`argument` has a `/` or ends in `.toml`), then `<config>/deferscope/themes/<argument>.toml`
    /// (see `userThemePath`), then the bundled theme of that name. A file that does not parse is
    /// an error naming its lines.
    public static func resolving(
        _ argument: String,
        environment: [String: String]
    ) throws(ThemeError)
        -> ThemeSelection
    {
        var selection = ThemeSelection()
        if argument.contains("/") || argument.hasSuffix(".toml") {
            try selection.load(path: argument)
            return selection
        }
        let userPath = userThemePath(named: argument, environment: environment)
        if let userPath, access(userPath, F_OK) == 0 {
            try selection.load(path: userPath)
            return selection
        }
        if selection.select(named: argument) { return selection }
        let bundled = ThemeCatalog.bundledNames.joined(separator: ", ")
        let place = userPath.map { " nor a file \($0)" } ?? ""
        throw ThemeError(
            source: "--theme",
            problems: [.init(line: 0, message: "no theme '\(argument)': not bundled (\(bundled))\(place)")]
        )
    }

    /// Where a theme of the user's called `name` lives: `$XDG_CONFIG_HOME/deferscope/themes/`,
    /// else `$HOME/.config/deferscope/themes/` (nil when neither variable is set).
    public static func userThemePath(named name: String, environment: [String: String]) -> String? {
        let config: String
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            config = xdg
        } else if let home = environment["HOME"], !home.isEmpty {
            config = home + "/.config"
        } else {
            return nil
        }
        return config + "/deferscope/themes/" + name + ".toml"
    }
}
