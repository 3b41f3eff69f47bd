/// The theme in use and the ones the user can cycle through (`t`).
///
/// Loading a bad theme file changes nothing: the error says why, and the current theme stays.
public struct ThemeSelection: Sendable {
    /// The themes in cycling order.
    public private(set) var themes: [Theme]
    /// The index of the current theme in `themes`.
    public private(set) var index: Int

    /// A selection over `themes`, starting at the one called `name` (else the first).
    public init(themes: [Theme] = ThemeCatalog.bundled, current name: String = "default") {
        precondition(!themes.isEmpty, "a theme selection needs at least one theme")
        self.themes = themes
        self.index = themes.firstIndex { $0.name == name } ?? 0
    }

    /// The theme in use.
    public var current: Theme { themes[index] }

    /// Moves to the next theme (after the last, the first).
    public mutating func cycle() {
        index = (index + 1) % themes.count
    }

    /// Makes the theme called `name` current; false (and no change) when there is none.
    @discardableResult
    public mutating func select(named name: String) -> Bool {
        guard let found = themes.firstIndex(where: { $0.name == name }) else { return false }
        index = found
        return true
    }

    /// Loads the theme file at `path` and makes it current (replacing a theme of the same name).
    /// On error nothing changes.
    public mutating func load(path: String) throws(ThemeError) {
        let theme = try ThemeCatalog.load(path: path)
        if let existing = themes.firstIndex(where: { $0.name == theme.name }) {
            themes[existing] = theme
            index = existing
        } else {
            themes.append(theme)
            index = themes.count - 1
        }
    }
}
