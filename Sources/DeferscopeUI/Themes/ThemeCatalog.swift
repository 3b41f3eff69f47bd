/// The themes that ship inside the binary, and loading a theme file from disk.
public enum ThemeCatalog {
    /// The bundled themes, `default` first; each leaves nothing to fallbacks.
    public static let bundled: [Theme] = {
        var themes: [Theme] = []
        for source in BundledThemes.sources {
            // A bundled theme that does not parse is a build mistake the tests catch.
            let theme = try! ThemeParser.parse(source.text, name: source.name, fallback: themes.first)
            themes.append(theme)
        }
        return themes
    }()

    /// The names of the bundled themes, in cycling order.
    public static var bundledNames: [String] { bundled.map(\.name) }

    /// The bundled theme called `name`.
    public static func bundledTheme(named name: String) -> Theme? {
        bundled.first { $0.name == name }
    }

    /// The theme in the file at `path` (its name is the file name without `.toml`); keys it
    /// leaves out come from `fallback`.
    public static func load(path: String, fallback: Theme? = .default) throws(ThemeError) -> Theme {
        let name = String(path.split(separator: "/").last ?? Substring(path)).removingSuffix(".toml")
        guard let bytes = FileBytes.readAll(path: path) else {
            throw ThemeError(source: path, problems: [.init(line: 0, message: "cannot read the file")])
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ThemeError(
                source: path,
                problems: [
                    .init(line: 0, message: "not a theme file (not UTF-8 text); \(ThemeParser.expectedShape)")
                ]
            )
        }
        return try ThemeParser.parse(text, name: name, source: path, fallback: fallback)
    }
}

extension String {
    func removingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
