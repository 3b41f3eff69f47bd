#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension ThemeSelection {
    /// The bundled themes, the user's (every `*.toml` in `userThemeFolder`, which replace
    /// bundled ones of the same name), and the one `argument` names current, looked up in
    /// order: a path (`argument` has a `/` or ends in `.toml`, added to the cycle), then
    /// `<config>/deferscope/themes/<argument>.toml`, then the bundled theme of that name.
    ///
    /// The theme `argument` names must load: a file that does not parse is an error naming its
    /// lines. Other files of the user's that do not parse stay in the cycle as broken places,
    /// skipped and reported once by `cycle()`.
    public static func resolving(
        _ argument: String,
        environment: [String: String]
    ) throws(ThemeError)
        -> ThemeSelection
    {
        var selection = ThemeSelection()
        if let folder = userThemeFolder(environment: environment) {
            for path in FileBytes.files(in: folder, suffix: ".toml") {
                selection.include(path: path)
            }
        }
        if argument.contains("/") || argument.hasSuffix(".toml") {
            try selection.load(path: argument)
            return selection
        }
        let userPath = userThemePath(named: argument, environment: environment)
        if let userPath, access(userPath, F_OK) == 0 {
            // Loaded again so that a broken file is an error here, not a place skipped later.
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

    /// The folder of the user's themes: `$XDG_CONFIG_HOME/deferscope/themes`, else
    /// `$HOME/.config/deferscope/themes` (nil when neither variable is set).
    public static func userThemeFolder(environment: [String: String]) -> String? {
        let config: String
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            config = xdg
        } else if let home = environment["HOME"], !home.isEmpty {
            config = home + "/.config"
        } else {
            return nil
        }
        return config + "/deferscope/themes"
    }

    /// Where a theme of the user's called `name` lives: `$XDG_CONFIG_HOME/deferscope/themes/`,
    /// else `$HOME/.config/deferscope/themes/` (nil when neither variable is set).
    public static func userThemePath(named name: String, environment: [String: String]) -> String? {
        userThemeFolder(environment: environment).map { $0 + "/" + name + ".toml" }
    }
}
